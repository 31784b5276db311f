/**
 * Reads CloudFormation YAML into the shared value tree, with exact ranges.
 *
 * Big templates are re-parsed piecewise: the text is split into top-level sections and the
 * `Resources` section into one chunk per resource; each chunk is parsed on its own and cached by
 * its text. An edit inside one resource re-parses only that resource, and a syntax error in one
 * resource leaves every other resource analysed.
 */
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, Pair, ScalarTag, CollectionTag } from 'yaml';
import { LineIndex } from '../../model/positions';
import type { Entry, MapValue, ParseProblem, Position, Range, Value } from '../../model/types';
import { longFormOf, SHORT_FORM_TAGS } from './intrinsics';

const customTags: (ScalarTag | CollectionTag)[] = SHORT_FORM_TAGS.flatMap((name) => {
  const tag = `!${name}`;
  return [
    { tag, resolve: (s: string) => s } as ScalarTag,
    { tag, collection: 'seq', resolve: (s: unknown) => s } as unknown as CollectionTag,
    { tag, collection: 'map', resolve: (m: unknown) => m } as unknown as CollectionTag,
  ];
});

interface ParsedChunk {
  doc: Document;
  index: LineIndex;
  text: string;
}

const CACHE_LIMIT = 20000;
const chunkCache = new Map<string, ParsedChunk>();

/**
 * Converted values per chunk, keyed by first line and text: typing inside one resource leaves every
 * other resource's values untouched (no re-parse, no re-conversion, less garbage).
 */
const valueCache = new Map<string, { entries: Entry[]; problems: ParseProblem[] }>();

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const made = make();
  cache.set(key, made);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return made;
}

function parseChunk(text: string): ParsedChunk {
  return remember(chunkCache, text, () => ({
    doc: parseDocument(text, { customTags, merge: true, uniqueKeys: false, prettyErrors: false }),
    index: new LineIndex(text),
    text,
  }));
}

export interface YamlSection {
  key: string;
  keyRange: Range;
  value: Value | undefined;
}

export interface YamlReadResult {
  sections: YamlSection[];
  problems: ParseProblem[];
}

/** Converts one parsed chunk's nodes to values, shifting positions by the chunk's first line. */
class ChunkConverter {
  constructor(private readonly chunk: ParsedChunk, private readonly baseLine: number, private readonly file: string) {}

  private pos(offset: number): Position {
    const p = this.chunk.index.position(offset);
    return { line: p.line + this.baseLine, character: p.character };
  }

  range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(end) };
  }

  /** A short-form tag sits before the node's own range: scan back to include it. */
  private tagStart(start: number, tag: string): number {
    const at = this.chunk.text.lastIndexOf(tag, start);
    return at >= 0 && /^(\s|#[^\n]*)*$/.test(this.chunk.text.slice(at + tag.length, start)) ? at : start;
  }

  convert(node: YamlNode | Alias | null | undefined, fallbackAt: number, depth = 0): Value {
    if (depth > 200) return { kind: 'unknown', reason: 'nested too deeply', range: this.range(fallbackAt, fallbackAt), file: this.file };
    if (node == null) {
      return { kind: 'scalar', value: null, state: 'literal', range: this.range(fallbackAt, fallbackAt), file: this.file };
    }
    if (isAlias(node)) return this.convert(node.resolve(this.chunk.doc) as YamlNode | undefined, node.range?.[0] ?? fallbackAt, depth + 1);
    const [start, rawEnd] = node.range ?? [fallbackAt, fallbackAt];
    let end = rawEnd;
    if (isMap(node) || isSeq(node)) while (end > start && /\s/.test(this.chunk.text[end - 1])) end--;
    const tag = node.tag && SHORT_FORM_TAGS.includes(node.tag.slice(1) as never) ? node.tag : undefined;
    let value: Value;
    if (isScalar(node)) {
      const v = node.value;
      const scalar = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
      value = { kind: 'scalar', value: scalar, state: 'literal', range: this.range(start, end), file: this.file };
    } else if (isMap(node)) {
      value = { kind: 'map', entries: this.entries(node.items as Pair[], start, depth), range: this.range(start, end), file: this.file, flow: !!node.flow };
    } else if (isSeq(node)) {
      const items = node.items.map((item) => this.convert(item as YamlNode, start, depth + 1));
      value = { kind: 'seq', items, range: this.range(start, end), file: this.file, flow: !!node.flow };
    } else {
      value = { kind: 'unknown', reason: 'unsupported YAML node', range: this.range(start, end), file: this.file };
    }
    if (!tag) return value;
    const tagAt = this.tagStart(start, tag);
    const range = this.range(tagAt, end);
    return {
      kind: 'map',
      entries: [{ key: longFormOf(tag), keyRange: this.range(tagAt, tagAt + tag.length), value }],
      range,
      file: this.file,
      flow: true,
    };
  }

  private entries(pairs: Pair[], mapStart: number, depth: number): Entry[] {
    const entries: Entry[] = [];
    const merged: Entry[] = [];
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      if (typeof (keyNode as { value?: unknown })?.value === 'symbol') {
        // `<<: *alias` or `<<: [*a, *b]`: merged entries apply where this map (or an earlier alias) says nothing.
        const source = this.convert(pair.value as YamlNode, mapStart, depth + 1);
        const maps = source.kind === 'seq' ? source.items : [source];
        for (const m of maps) if (m.kind === 'map') merged.push(...m.entries.filter((e) => !merged.some((x) => x.key === e.key)));
        continue;
      }
      const keyRangeRaw = keyNode?.range ?? [mapStart, mapStart];
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : String(keyNode ?? '');
      const keyRange = this.range(keyRangeRaw[0], keyRangeRaw[1]);
      const value = this.convert(pair.value as YamlNode, keyRangeRaw[1], depth + 1);
      entries.push({ key, keyRange, value });
    }
    return [...entries, ...merged.filter((e) => !entries.some((x) => x.key === e.key))];
  }
}

function problemsOf(chunk: ParsedChunk, conv: ChunkConverter, file: string): ParseProblem[] {
  // The chunk's own trailing newline is ours, not the user's: keep problems on the chunk's last line.
  const last = Math.max(chunk.text.length - 1, 0);
  return chunk.doc.errors.map((e) => ({ file, range: conv.range(Math.min(e.pos[0], last), Math.min(e.pos[1], last)), message: e.message.split('\n')[0] }));
}

const TOP_LEVEL_KEY = /^(?:"[^"]*"|'[^']*'|[A-Za-z0-9_]+)\s*:(?:\s|$)/;

interface Chunk {
  startLine: number;
  endLine: number; // exclusive
}

/** A chunk's text; it always ends with a newline so that a CRLF line's `\r` never sticks to the last value. */
function chunkText(lines: string[], chunk: Chunk): string {
  return `${lines.slice(chunk.startLine, chunk.endLine).join('\n')}\n`;
}

/** Splits into top-level sections; undefined when the document is not a plain block map. */
function splitTopLevel(lines: string[]): Chunk[] | undefined {
  const chunks: Chunk[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '' || line === '\r' || /^\s/.test(line) || line.startsWith('#')) continue;
    if (!TOP_LEVEL_KEY.test(line)) return undefined;
    if (chunks.length) chunks[chunks.length - 1].endLine = i;
    chunks.push({ startLine: i, endLine: lines.length });
  }
  return chunks;
}

/** Splits a block-style section's body into one chunk per child key; undefined when it cannot. */
function splitChildren(lines: string[], section: Chunk): Chunk[] | undefined {
  const head = lines[section.startLine];
  if (!/:\s*(#.*)?\r?$/.test(head)) return undefined; // flow style or inline value
  let indent = -1;
  const chunks: Chunk[] = [];
  for (let i = section.startLine + 1; i < section.endLine; i++) {
    const line = lines[i];
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed === '\r' || trimmed.startsWith('#')) continue;
    const lead = line.length - trimmed.length;
    if (indent < 0) {
      if (trimmed.startsWith('-') || trimmed.startsWith('{')) return undefined;
      indent = lead;
    }
    if (lead < indent) return undefined;
    if (lead === indent) {
      if (trimmed.startsWith('-')) return undefined;
      if (chunks.length) chunks[chunks.length - 1].endLine = i;
      chunks.push({ startLine: i, endLine: section.endLine });
    }
  }
  return chunks;
}

/** Anchors or document markers need the whole document in one parse. */
function needsWholeParse(text: string): boolean {
  return /(^|[\s[{,])&[^\s,[\]{}]+/m.test(text) || /^(---|\.\.\.|%)/m.test(text);
}

function sectionsOfDocument(chunk: ParsedChunk, baseLine: number, file: string): YamlSection[] {
  const conv = new ChunkConverter(chunk, baseLine, file);
  const root = conv.convert(chunk.doc.contents as YamlNode | null, 0);
  if (root.kind !== 'map') return [];
  return root.entries.map((e) => ({ key: e.key, keyRange: e.keyRange, value: e.value }));
}

export function readYaml(text: string, file: string): YamlReadResult {
  const lines = text.split('\n');
  const top = needsWholeParse(text) ? undefined : splitTopLevel(lines);
  if (!top) {
    const chunk = parseChunk(text);
    const conv = new ChunkConverter(chunk, 0, file);
    return { sections: sectionsOfDocument(chunk, 0, file), problems: problemsOf(chunk, conv, file) };
  }
  const sections: YamlSection[] = [];
  const problems: ParseProblem[] = [];
  for (const section of top) {
    const children = /^Resources\s*:/.test(lines[section.startLine]) ? splitChildren(lines, section) : undefined;
    if (!children) {
      const chunk = parseChunk(chunkText(lines, section));
      const conv = new ChunkConverter(chunk, section.startLine, file);
      problems.push(...problemsOf(chunk, conv, file));
      // A broken section still yields what the parser could recover.
      sections.push(...sectionsOfDocument(chunk, section.startLine, file));
      continue;
    }
    sections.push(readChunkedSection(lines, section, children, file, problems));
  }
  return { sections, problems };
}

function readChunkedSection(lines: string[], section: Chunk, children: Chunk[], file: string, problems: ParseProblem[]): YamlSection {
  const head = lines[section.startLine];
  const key = head.slice(0, head.indexOf(':')).trim();
  const keyRange: Range = { start: { line: section.startLine, character: 0 }, end: { line: section.startLine, character: key.length } };
  const entries: Entry[] = [];
  for (const child of children) {
    const text = chunkText(lines, child);
    const converted = remember(valueCache, `${file}\n${child.startLine}\n${text}`, () => {
      const chunk = parseChunk(text);
      const conv = new ChunkConverter(chunk, child.startLine, file);
      const chunkProblems = problemsOf(chunk, conv, file);
      // A resource with a syntax error is being edited: the others keep their findings.
      if (chunkProblems.length) return { entries: [], problems: chunkProblems };
      const root = conv.convert(chunk.doc.contents as YamlNode | null, 0);
      return { entries: root.kind === 'map' ? root.entries : [], problems: [] };
    });
    problems.push(...converted.problems);
    entries.push(...converted.entries);
  }
  const last = children[children.length - 1];
  const end = last ? { line: last.endLine - 1, character: lines[last.endLine - 1]?.replace(/\r$/, '').length ?? 0 } : keyRange.end;
  const value: MapValue = {
    kind: 'map',
    entries,
    range: { start: children[0] ? { line: children[0].startLine, character: 0 } : keyRange.end, end },
    file,
    flow: false,
  };
  return { key, keyRange, value };
}
