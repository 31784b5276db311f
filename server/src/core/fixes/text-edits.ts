/** Text edits in LSP terms, and applying them to a string (for the CLI, tests and fix-all). */
import { comparePositions, LineIndex } from '../model/positions';
import type { Range } from '../model/types';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface FixAction {
  title: string;
  edits: TextEdit[];
  /** The rule's own fix (shown first, used by fix-all), as opposed to a suppression. */
  isPreferred: boolean;
  kind: 'fix' | 'suppress';
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => comparePositions(b.range.start, a.range.start));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, index.offset(e.range.start)) + e.newText + out.slice(index.offset(e.range.end));
  }
  return out;
}

/** One edit covering only what changed between two texts (common prefix and suffix kept). */
export function diffEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  const index = new LineIndex(before);
  return { range: index.range(start, endB), newText: after.slice(start, endA) };
}

export function insertAt(pos: Range['start'], newText: string): TextEdit {
  return { range: { start: pos, end: pos }, newText };
}
