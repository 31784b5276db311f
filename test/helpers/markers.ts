/** Example snippets mark expected finding ranges with «…»; this strips the marks and returns the ranges. */
import * as path from 'node:path';
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

export interface ExampleFile {
  file: string;
  text: string;
  ranges: Range[];
}

const FILE_MARKER = /^(?:#|\/\/) file: (\S+)\s*$/;

/**
 * An example may hold several files (a Terraform module split over two files): a line
 * `# file: storage.tf` starts the next one. The first file is named after the format.
 */
export function exampleFiles(marked: string, format: string, dir: string): ExampleFile[] {
  const files: { name: string; lines: string[] }[] = [{ name: fileNameFor(format), lines: [] }];
  for (const line of marked.split('\n')) {
    const m = FILE_MARKER.exec(line);
    if (m) files.push({ name: m[1], lines: [] });
    else files[files.length - 1].lines.push(line);
  }
  return files
    .filter((f, i) => i === 0 || f.lines.length)
    .map((f) => ({ file: path.join(dir, f.name), ...stripMarkers(f.lines.join('\n')) }));
}

export function showRange(r: Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}
