/** Reads CloudFormation JSON into the shared value tree with jsonc-parser (error tolerant, offsets). */
import { ParseErrorCode, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { comparePositions, LineIndex } from '../../model/positions';
import type { Entry, MapValue, ParseProblem, Value } from '../../model/types';
import type { YamlReadResult } from './yaml-syntax';

function convert(node: JsonNode | undefined, index: LineIndex, file: string, fallbackAt: number, depth = 0): Value {
  if (!node || depth > 200) {
    return { kind: 'scalar', value: null, state: 'literal', range: index.range(fallbackAt, fallbackAt), file };
  }
  const range = index.range(node.offset, node.offset + node.length);
  switch (node.type) {
    case 'object': {
      const entries: Entry[] = [];
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (!keyNode) continue;
        const keyEnd = keyNode.offset + keyNode.length;
        entries.push({
          key: String(keyNode.value),
          keyRange: index.range(keyNode.offset, keyEnd),
          value: convert(valueNode, index, file, keyEnd, depth + 1),
        });
      }
      return { kind: 'map', entries, range, file, flow: true };
    }
    case 'array':
      return { kind: 'seq', items: (node.children ?? []).map((c) => convert(c, index, file, node.offset, depth + 1)), range, file, flow: true };
    default:
      return { kind: 'scalar', value: node.value ?? null, state: 'literal', range, file };
  }
}

const OPTIONS = { allowTrailingComma: true, disallowComments: false };

export function readJson(text: string, file: string): YamlReadResult {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, OPTIONS);
  const index = new LineIndex(text);
  const problems: ParseProblem[] = errors.map((e) => ({
    file,
    range: index.range(e.offset, e.offset + e.length),
    message: `JSON: ${printParseErrorCode(e.error)}`,
  }));
  const root = convert(tree, index, file, 0);
  if (root.kind !== 'map') return { sections: [], problems };
  const sections = root.entries.map((e) => ({ key: e.key, keyRange: e.keyRange, value: e.value }));
  const damaging = errors.filter((e) => e.error !== ParseErrorCode.CommaExpected);
  if (damaging.length) {
    // An unclosed string or brace swallows what follows it: keep the resources the errors do not
    // touch, and recover every other resource object that still parses on its own, wherever it is.
    const at = sections.findIndex((s) => s.key === 'Resources');
    const resources = recoverResources(text, index, file, at >= 0 ? sections[at].value : undefined, damaging);
    const keyRange = at >= 0 ? sections[at].keyRange : index.range(0, 0);
    const section = { key: 'Resources', keyRange, value: resources };
    if (at >= 0) sections[at] = section;
    else sections.push(section);
  }
  return { sections, problems };
}

const RESOURCE_START = /"((?:[^"\\]|\\.)+)"\s*:\s*\{\s*"Type"\s*:\s*"(?:AWS|Custom|Alexa)::/g;

function recoverResources(text: string, index: LineIndex, file: string, parsed: Value | undefined, damaging: ParseError[]): MapValue {
  const untouched = (e: Entry) => !damaging.some((d) => {
    const at = index.position(d.offset);
    return comparePositions(e.keyRange.start, at) <= 0 && comparePositions(at, e.value.range.end) <= 0;
  });
  const entries: Entry[] = parsed?.kind === 'map' ? parsed.entries.filter(untouched) : [];
  for (const m of text.matchAll(RESOURCE_START)) {
    const keyStart = m.index!;
    const bodyStart = text.indexOf('{', keyStart + m[1].length + 2);
    const errors: ParseError[] = [];
    const node = parseTree(text.slice(bodyStart), errors, OPTIONS);
    // Only an object that closes cleanly counts; trailing text after it is expected.
    if (!node || node.type !== 'object' || errors.some((e) => e.offset < node.length && e.error !== ParseErrorCode.CommaExpected)) continue;
    const shifted = shift(node, bodyStart);
    if (entries.some((e) => e.key === m[1])) continue;
    entries.push({ key: m[1], keyRange: index.range(keyStart, keyStart + m[1].length + 2), value: convert(shifted, index, file, bodyStart) });
  }
  entries.sort((a, b) => comparePositions(a.keyRange.start, b.keyRange.start));
  const first = entries[0]?.keyRange.start ?? { line: 0, character: 0 };
  const last = entries[entries.length - 1]?.value.range.end ?? first;
  return { kind: 'map', entries, range: { start: first, end: last }, file, flow: true };
}

function shift(node: JsonNode, by: number): JsonNode {
  return { ...node, offset: node.offset + by, children: node.children?.map((c) => shift(c, by)) };
}
