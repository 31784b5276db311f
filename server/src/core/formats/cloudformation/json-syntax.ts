/** Reads CloudFormation JSON into the shared value tree with jsonc-parser (error tolerant, offsets). */
import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { LineIndex } from '../../model/positions';
import type { Entry, ParseProblem, Value } from '../../model/types';
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

export function readJson(text: string, file: string): YamlReadResult {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const index = new LineIndex(text);
  const problems: ParseProblem[] = errors.map((e) => ({
    file,
    range: index.range(e.offset, e.offset + e.length),
    message: `JSON: ${printParseErrorCode(e.error)}`,
  }));
  const root = convert(tree, index, file, 0);
  if (root.kind !== 'map') return { sections: [], problems };
  return { sections: root.entries.map((e) => ({ key: e.key, keyRange: e.keyRange, value: e.value })), problems };
}
