/** Text edits in LSP terms, and applying them to a string (for the CLI, tests and fix-all). */
import { comparePositions, LineIndex } from '../model/positions';
import type { Range, Value } from '../model/types';

export interface TextEdit {
  range: Range;
  newText: string;
  /** The file the edit applies to, when not the analysed file (a Terraform module spans several). */
  file?: string;
}

export interface FixAction {
  title: string;
  edits: TextEdit[];
  /** The rule's own fix (shown first, used by fix-all), as opposed to a suppression. */
  isPreferred: boolean;
  kind: 'fix' | 'suppress';
}

/** Applies edits as LSP clients do: inserts at the same position appear in array order. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => comparePositions(b.range.start, a.range.start) || b.i - a.i);
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

/** A value written as a string (e.g. a String parameter's Default) stays a string: 'true', not true. */
export function keepStringType(present: Value, newValue: unknown): unknown {
  const isScalar = typeof newValue === 'boolean' || typeof newValue === 'number';
  return present.kind === 'scalar' && typeof present.value === 'string' && isScalar ? String(newValue) : newValue;
}
