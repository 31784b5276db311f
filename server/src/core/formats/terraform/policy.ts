/**
 * IAM policy documents as Terraform writes them → the model's statement tree (CloudFormation's
 * PolicyDocument shape): `jsonencode({...})`, JSON in a heredoc or a string, and the
 * `aws_iam_policy_document` data source. References inside the JSON (`"${aws_s3_bucket.b.arn}"`)
 * become model references; anything computed is unknown.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../../model/positions';
import type { Entry, MapValue, Range, SeqValue, Value } from '../../model/types';
import { blocksOf, type HBlock, type HExpr } from './hcl-ast';
import { attrIn, definitionOf, resourceAddress, unknownAt, valueOf, type Scope } from './expressions';

const MAX_DEPTH = 16;

export function policyValue(expr: HExpr, file: string, scope: Scope, depth = 0): Value | undefined {
  if (depth > MAX_DEPTH) return unknownAt(expr.range, file, 'nested too deeply');
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1) return valueOf(expr.args[0], file, scope);
  if (expr.kind === 'template' && expr.heredoc) {
    const index = new LineIndex(expr.heredoc.body, expr.heredoc.bodyStart.line);
    return jsonValue(expr.heredoc.body, (s, e) => index.range(s, e), file, scope, expr.range);
  }
  if (expr.kind === 'literal' && typeof expr.value === 'string') {
    // Positions inside an escaped string are not worth mapping: everything points at the string.
    return jsonValue(expr.value, () => expr.range, file, scope, expr.range);
  }
  if (expr.kind === 'traversal') {
    if (expr.root === 'data' && expr.steps.length >= 3) {
      const [type, name, attr] = expr.steps.map((s) => ('attr' in s ? s.attr : ''));
      const data = scope.data.get(`data.${type}.${name}`);
      if (type === 'aws_iam_policy_document' && data && (attr === 'json' || attr === 'minified_json')) {
        return { ...policyDocument(data.block, data.file, scope), range: expr.range, file };
      }
      return unknownAt(expr.range, file, 'read from a data source');
    }
    const def = definitionOf(expr, scope);
    if (def && !('missing' in def) && expr.steps.length === 1) return policyValue(def.expr, def.file, scope, depth + 1);
  }
  if (expr.kind === 'literal' && expr.value === null) return undefined;
  return unknownAt(expr.range, file, 'a policy Terraform computes');
}

function jsonValue(text: string, rangeOf: (start: number, end: number) => Range, file: string, scope: Scope, whole: Range): Value {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (!root || errors.length) return unknownAt(whole, file, 'a policy that is not valid JSON');
  const convert = (node: Node, depth: number): Value | undefined => {
    const range = rangeOf(node.offset, node.offset + node.length);
    if (depth > 100) return unknownAt(range, file, 'nested too deeply');
    switch (node.type) {
      case 'object': {
        const entries: Entry[] = [];
        for (const prop of node.children ?? []) {
          const [k, v] = prop.children ?? [];
          const value = v && convert(v, depth + 1);
          if (k && value) entries.push({ key: String(k.value), keyRange: rangeOf(k.offset, k.offset + k.length), value });
        }
        return { kind: 'map', entries, range, file };
      }
      case 'array':
        return { kind: 'seq', items: (node.children ?? []).map((c) => convert(c, depth + 1)).filter((v): v is Value => !!v), range, file };
      case 'null':
        return undefined;
      case 'string':
        return interpolated(String(node.value), range, file, scope);
      default:
        return { kind: 'scalar', value: node.value as boolean | number, state: 'literal', range, file };
    }
  };
  return convert(root, 0) ?? unknownAt(whole, file, 'an empty policy');
}

/** A JSON string with `${...}`: a sole reference becomes a model reference, anything else unknown. */
function interpolated(text: string, range: Range, file: string, scope: Scope): Value {
  if (!/(^|[^$])\$\{/.test(text)) return { kind: 'scalar', value: text.replace(/\$\$\{/g, '${'), state: 'literal', range, file };
  const m = /^\$\{\s*([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[\d+\])+)\s*\}$/.exec(text);
  if (m) {
    const steps = [...m[2].matchAll(/\.([A-Za-z_][\w-]*)|\[(\d+)\]/g)].map((s) =>
      s[1] ? { attr: s[1] } : { index: { kind: 'literal' as const, value: Number(s[2]), range } },
    );
    const traversal = { kind: 'traversal' as const, root: m[1], steps, range };
    const address = resourceAddress(traversal);
    if (address && scope.resources.has(address.address)) return { kind: 'ref', target: address.address, attribute: address.attribute, range, file };
    const v = valueOf(traversal, file, scope);
    if (v) return v;
  }
  return unknownAt(range, file, 'a string built from other values');
}

/** `data "aws_iam_policy_document"` → { Version, Statement: [...] } in IAM JSON names. */
export function policyDocument(block: HBlock, file: string, scope: Scope): MapValue {
  const doc: MapValue = { kind: 'map', entries: [], range: block.range, file };
  const version = attrIn(block, 'version');
  const versionValue = version && valueOf(version.expr, file, scope);
  if (version && versionValue) doc.entries.push({ key: 'Version', keyRange: version.nameRange, value: versionValue });
  const statements: SeqValue = { kind: 'seq', items: blocksOf(block, 'statement').map((s) => statement(s, file, scope)), range: block.range, file };
  // Merged-in documents and dynamic statements are not visible here.
  for (const a of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']) {
    const attr = attrIn(block, a);
    if (attr) statements.items.push(unknownAt(attr.range, file, `statements merged from ${a}`));
  }
  for (const d of blocksOf(block, 'dynamic')) statements.items.push(unknownAt(d.range, file, 'statements from a dynamic block'));
  doc.entries.push({ key: 'Statement', keyRange: block.typeRange, value: statements });
  return doc;
}

const STATEMENT_ATTRS: Record<string, string> = {
  sid: 'Sid', effect: 'Effect', actions: 'Action', not_actions: 'NotAction', resources: 'Resource', not_resources: 'NotResource',
};

function statement(block: HBlock, file: string, scope: Scope): MapValue {
  const map: MapValue = { kind: 'map', entries: [], range: block.range, file };
  for (const [tf, key] of Object.entries(STATEMENT_ATTRS)) {
    const attr = attrIn(block, tf);
    const value = attr && valueOf(attr.expr, file, scope);
    if (attr && value) map.entries.push({ key, keyRange: attr.nameRange, value });
  }
  if (!map.entries.some((e) => e.key === 'Effect')) {
    // The data source's default effect.
    map.entries.push({ key: 'Effect', keyRange: block.typeRange, value: { kind: 'scalar', value: 'Allow', state: 'default', note: 'the default effect of aws_iam_policy_document', range: block.typeRange, file } });
  }
  for (const [tf, key] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']]) {
    const blocks = blocksOf(block, tf);
    if (!blocks.length) continue;
    map.entries.push({ key, keyRange: blocks[0].typeRange, value: principals(blocks, file, scope) });
  }
  const conditions = blocksOf(block, 'condition');
  if (conditions.length) {
    const cond: MapValue = { kind: 'map', entries: [], range: conditions[0].range, file };
    for (const c of conditions) {
      const test = valueOf(attrIn(c, 'test')?.expr ?? { kind: 'other', what: 'missing', text: '', range: c.range }, file, scope);
      const variable = valueOf(attrIn(c, 'variable')?.expr ?? { kind: 'other', what: 'missing', text: '', range: c.range }, file, scope);
      const valuesAttr = attrIn(c, 'values');
      const values = valuesAttr && valueOf(valuesAttr.expr, file, scope);
      if (test?.kind !== 'scalar' || variable?.kind !== 'scalar' || !values) {
        cond.entries.push({ key: '?', keyRange: c.typeRange, value: unknownAt(c.range, file, 'a computed condition') });
        continue;
      }
      const op = String(test.value);
      let opMap = cond.entries.find((e) => e.key === op)?.value as MapValue | undefined;
      if (!opMap) {
        opMap = { kind: 'map', entries: [], range: c.range, file };
        cond.entries.push({ key: op, keyRange: test.range, value: opMap });
      }
      opMap.entries.push({ key: String(variable.value), keyRange: variable.range, value: values });
    }
    map.entries.push({ key: 'Condition', keyRange: conditions[0].typeRange, value: cond });
  }
  return map;
}

/** `principals { type = "*" identifiers = ["*"] }` → `"*"`; other types → `{ AWS: [...] }`. */
function principals(blocks: HBlock[], file: string, scope: Scope): Value {
  const map: MapValue = { kind: 'map', entries: [], range: blocks[0].range, file };
  for (const p of blocks) {
    const typeAttr = attrIn(p, 'type');
    const type = typeAttr && valueOf(typeAttr.expr, file, scope);
    const idsAttr = attrIn(p, 'identifiers');
    const ids = idsAttr && valueOf(idsAttr.expr, file, scope);
    if (type?.kind !== 'scalar' || !ids) return unknownAt(p.range, file, 'computed principals');
    if (type.value === '*' && blocks.length === 1) return { ...type, value: '*' };
    map.entries.push({ key: String(type.value), keyRange: typeAttr!.nameRange, value: ids });
  }
  return map;
}
