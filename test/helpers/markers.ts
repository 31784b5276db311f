/** Example snippets mark expected finding ranges with «…»; this strips the marks and returns the ranges. */
import type { Range } from '../../server/src/core/model/types';

export function stripMarkers(marked: string): { text: string; ranges: Range[] } {
  const ranges: Range[] = [];
  let text = '';
  let line = 0;
  let character = 0;
  let open: { line: number; character: number } | undefined;
  for (const ch of marked) {
    if (ch === '«') {
      open = { line, character };
      continue;
    }
    if (ch === '»') {
      if (!open) throw new Error('» without «');
      ranges.push({ start: open, end: { line, character } });
      open = undefined;
      continue;
    }
    text += ch;
    if (ch === '\n') {
      line++;
      character = 0;
    } else character += ch.length;
  }
  if (open) throw new Error('« without »');
  return { text, ranges };
}

export function fileNameFor(format: string): string {
  switch (format) {
    case 'cloudformation-yaml': return 'template.yaml';
    case 'cloudformation-json': return 'template.json';
    case 'terraform': return 'main.tf';
    case 'cdk': return 'stack.ts';
    default: throw new Error(`unknown format ${format}`);
  }
}

export function showRange(r: Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}
