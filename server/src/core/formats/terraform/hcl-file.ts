/**
 * Parses a Terraform file top-level item by top-level item (see scanner.ts), with a cache keyed by
 * the item's text: an edit inside one block re-parses that block only.
 */
import { LineIndex } from '../../model/positions';
import type { ParseProblem, Range } from '../../model/types';
import { shiftItem, type HItem } from './hcl-ast';
import { Converter } from './hcl-convert';
import { terraformParser, type SyntaxNode } from './runtime';
import { splitTopLevel } from './scanner';

export interface HclFile {
  file: string;
  text: string;
  items: HItem[];
  problems: ParseProblem[];
}

interface Cached {
  items: HItem[];
  /** Relative to the chunk: line 0 is the chunk's first line. */
  errors: { range: Range; message: string }[];
  /** The items moved to where the chunk last was (an edit elsewhere usually leaves it there). */
  placed?: { line: number; items: HItem[] };
}

const MAX_CACHE = 20000;
const cache = new Map<string, Cached>();

/** Parsed chunks are reused while their text is unchanged (Map order gives a cheap LRU). */
function parseChunk(key: string): Cached {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const tree = terraformParser().parse(key);
  let result: Cached;
  try {
    const index = new LineIndex(key);
    const root = tree!.rootNode;
    result = { items: new Converter(key, index).items(root), errors: root.hasError ? findErrors(root, index) : [] };
    if (result.errors.length) for (const item of result.items) if (item.kind === 'block') item.broken = true;
  } finally {
    tree?.delete(); // trees live in wasm memory
  }
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
}

function findErrors(root: SyntaxNode, index: LineIndex): Cached['errors'] {
  const out: Cached['errors'] = [];
  const visit = (n: SyntaxNode) => {
    if (out.length >= 3) return;
    if (n.isMissing) out.push({ range: index.range(n.startIndex, n.endIndex), message: `Missing ${n.type === 'block_end' ? '}' : n.type}` });
    else if (n.isError) out.push({ range: index.range(n.startIndex, Math.min(n.endIndex, n.startIndex + 200)), message: 'Syntax error' });
    else if (n.hasError) for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return out;
}

export function parseHclFile(file: string, text: string): HclFile {
  const items: HItem[] = [];
  const problems: ParseProblem[] = [];
  for (const chunk of splitTopLevel(text)) {
    // Padding keeps columns exact, so only lines need shifting.
    const key = ' '.repeat(chunk.column) + text.slice(chunk.start, chunk.end);
    const parsed = parseChunk(key);
    if (parsed.placed?.line !== chunk.line) parsed.placed = { line: chunk.line, items: parsed.items.map((i) => shiftItem(i, chunk.line)) };
    items.push(...parsed.placed.items);
    for (const e of parsed.errors) {
      const shift = (p: Range['start']) => ({ line: p.line + chunk.line, character: p.character });
      problems.push({ file, range: { start: shift(e.range.start), end: shift(e.range.end) }, message: e.message });
    }
  }
  return { file, text, items, problems };
}

export function clearTerraformCache(): void {
  cache.clear();
}
