/**
 * One Terraform block → CloudFormation-shaped properties, driven by the adapter table. Every value
 * keeps the range (and file) it is written at; maps and lists made from blocks carry an `anchor`
 * that tells the HCL fix renderer which block and which table entry they come from.
 */
import type { Entry, MapValue, Range, SeqValue, Value } from '../../model/types';
import { attrSpec, pascalCase, splitCfnPath, type AttrSpec, type BlockSpec, type SpecNode } from './adapter-types';
import { META_ARGUMENTS } from './adapter-table';
import { nameArg } from './adapter-names';
import type { HAttr, HBlock } from './hcl-ast';
import { unknownAt, useKey, valueOf, type Scope } from './expressions';
import { policyValue } from './policy';

/** What the fix renderer needs to map a CloudFormation path back to HCL (stored on model values). */
export interface HclAnchor {
  file: string;
  /** The block whose body holds (or would hold) the arguments of this value. */
  block: HBlock;
  /** The table entry of that block. */
  spec: SpecNode;
  /** CloudFormation path from the spec's root to this value. */
  path: string[];
  /** The top-level block (resource or split resource) and its Terraform type. */
  top: HBlock;
  tfType: string;
  /** A list made of repeated blocks of this type. */
  repeated?: string;
  /** A list made of split resources of this type (API Gateway method settings). */
  satellites?: string;
}

export interface BuildSite {
  file: string;
  scope: Scope;
  top: HBlock;
  tfType: string;
  /** Where unlisted arguments go (`DistributionConfig`), and whether to drop them instead. */
  prefix: string[];
  strict: boolean;
  /** Values whose Terraform spelling differs (canned ACLs): for the fix renderer. */
  valueMaps: Map<Value, Record<string, string>>;
  /** Lowest AWS provider major version required_providers allows, when it pins one. */
  providerMajor?: number;
  /** Provider defaults put in the model, and where their argument would go (for fixes). */
  providerDefaults: Map<Value, { container: MapValue; path: string[] }>;
  /** Arguments that may name a resource of the module (`target_bucket = "logs"`): linked once all are known. */
  links: { entry: Entry; refType: string }[];
}

export function anchorOf(value: MapValue | SeqValue): HclAnchor | undefined {
  return (value as { anchor?: HclAnchor }).anchor;
}

export function emptyMap(range: Range, file: string, anchor?: HclAnchor): MapValue {
  return { kind: 'map', entries: [], range, file, anchor } as MapValue;
}

/** Sets `value` at `path` below `target`, creating maps on the way (anchored at `block`). */
export function setAt(target: MapValue, path: string[], value: Value, keyRange: Range, site: BuildSite, block: HBlock, spec: SpecNode, base: string[]): void {
  let map = target;
  for (let i = 0; i < path.length - 1; i++) {
    let next = map.entries.find((e) => e.key === path[i])?.value;
    if (next?.kind !== 'map') {
      const anchor: HclAnchor = { file: site.file, block, spec, path: [...base, ...path.slice(0, i + 1)], top: site.top, tfType: site.tfType };
      next = emptyMap(block.range, site.file, anchor);
      replaceEntry(map, path[i], next, block === site.top ? labelsRange(block) : block.typeRange);
    }
    map = next;
  }
  if (path.length) replaceEntry(map, path[path.length - 1], value, keyRange);
}

function replaceEntry(map: MapValue, key: string, value: Value, keyRange: Range): void {
  const i = map.entries.findIndex((e) => e.key === key);
  if (i >= 0) map.entries[i] = { key, keyRange, value };
  else map.entries.push({ key, keyRange, value });
}

export function labelsRange(block: HBlock): Range {
  const r = block.labelRanges;
  return r.length ? { start: r[0].start, end: r[r.length - 1].end } : block.typeRange;
}

/** Fills `target` (the value at CloudFormation path `base`) from the block's arguments and nested blocks. */
export function buildInto(target: MapValue, block: HBlock, spec: SpecNode, site: BuildSite, base: string[], depth = 0): void {
  if (depth > 32) return;
  const prefix = depth === 0 ? site.prefix : [];
  const unlisted = new Map<string, HBlock[]>();
  for (const item of block.items) {
    if (META_ARGUMENTS.has(item.kind === 'attribute' ? item.name : item.type)) continue;
    if (item.kind === 'attribute') {
      const a = spec.attrs?.[item.name];
      const named = depth === 0 && !a ? nameArg(site.tfType, item.name) : undefined;
      if (a) attribute(target, item, attrSpec(a), block, spec, site, base);
      else if (named && !site.strict) attribute(target, item, { path: named }, block, spec, site, base);
      else if (!site.strict) {
        const v = valueOf(item.expr, site.file, site.scope);
        if (v) setAt(target, [...prefix, pascalCase(item.name)], v, item.nameRange, site, block, spec, base);
      }
      continue;
    }
    const type = item.type === 'dynamic' ? item.labels[0] ?? '' : item.type;
    const b = spec.blocks?.[type];
    if (item.type === 'dynamic') dynamicBlock(target, item, b, prefix, type, block, spec, site, base);
    else if (b) nestedBlock(target, item, b, block, spec, site, base, depth);
    else if (!site.strict) unlisted.set(type, [...(unlisted.get(type) ?? []), item]);
  }
  // Blocks the table does not list keep their content under their PascalCase name (for name checks).
  for (const [type, blocks] of unlisted) {
    const values = blocks.map((nb) => {
      const m = emptyMap(nb.range, site.file);
      buildInto(m, nb, {}, { ...site, prefix: [] }, [], depth + 1);
      return m;
    });
    const v: Value = values.length === 1 ? values[0] : { kind: 'seq', items: values, range: blocks[0].range, file: site.file };
    setAt(target, [...prefix, pascalCase(type)], v, blocks[0].typeRange, site, block, spec, base);
  }
}

function attribute(target: MapValue, attr: HAttr, a: AttrSpec, block: HBlock, spec: SpecNode, site: BuildSite, base: string[]): void {
  const path = splitCfnPath(a.path);
  let value: Value | undefined = a.as === 'policy' || a.as === 'json' ? policyValue(attr.expr, site.file, site.scope) : valueOf(attr.expr, site.file, site.scope);
  if (!value) return;
  if (a.values && value.kind === 'scalar' && a.values[String(value.value)] !== undefined) {
    value = { ...value, value: a.values[String(value.value)] };
    site.valueMaps.set(value, a.values);
  }
  if (a.as === 'list') value = { kind: 'seq', items: [value], range: value.range, file: value.file };
  if (a.unset && value.kind === 'scalar') {
    const written = value.value;
    if (a.unset.some((u) => String(u) === String(written))) value = unsetAt(value, site);
  }
  if (a.as === 'method-path') {
    for (const [key, v] of methodPath(value)) setAt(target, [...path, key], v, attr.nameRange, site, block, spec, base);
    return;
  }
  setAt(target, path, value, attr.nameRange, site, block, spec, base);
  if (a.refType && value.kind === 'scalar' && value.state === 'literal') {
    const container = path.length > 1 ? getAt(target, path.slice(0, -1)) : target;
    const entry = container?.kind === 'map' ? container.entries.find((e) => e.key === path[path.length - 1]) : undefined;
    if (entry) site.links.push({ entry, refType: a.refType });
  }
}

/** A value the provider takes as "not set": absent where it is written (a fix rewrites it, or its default). */
function unsetAt(value: Extract<Value, { kind: 'scalar' }>, site: BuildSite): Value {
  if (value.origin) site.scope.fixAt?.set(useKey(value.file, value.range), value.origin);
  return { kind: 'choice', condition: `${String(value.value)} means not set`, branches: [undefined], absentAt: [value.range], range: value.range, file: value.file };
}

/** `"items/GET"` → ResourcePath `/items`, HttpMethod `GET` (the star form gives `/*` and `*`). */
function methodPath(value: Value): [string, Value][] {
  if (value.kind !== 'scalar' || typeof value.value !== 'string') return [['ResourcePath', value], ['HttpMethod', value]];
  const text = value.value;
  const cut = text.lastIndexOf('/');
  const resource = cut < 0 ? text : text.slice(0, cut);
  const method = cut < 0 ? '*' : text.slice(cut + 1);
  return [['ResourcePath', { ...value, value: `/${resource.replace(/^\//, '')}` }], ['HttpMethod', { ...value, value: method }]];
}

function nestedBlock(target: MapValue, nb: HBlock, b: BlockSpec, block: HBlock, spec: SpecNode, site: BuildSite, base: string[], depth: number): void {
  const path = splitCfnPath(b.path);
  if (b.keyed) {
    const map = ensureMap(target, path, nb, block, spec, site, base);
    const keyAttr = nb.items.find((i): i is HAttr => i.kind === 'attribute' && i.name === b.keyed!.key);
    const valueAttr = nb.items.find((i): i is HAttr => i.kind === 'attribute' && i.name === b.keyed!.value);
    const key = keyAttr && valueOf(keyAttr.expr, site.file, site.scope);
    const value = valueAttr && valueOf(valueAttr.expr, site.file, site.scope);
    if (key?.kind !== 'scalar') {
      // A parameter whose name is computed could be any of them.
      replaceWhole(target, path, unknownAt(nb.range, site.file, `a ${nb.type} block with a computed ${b.keyed.key}`), nb, site, block, spec, base);
    } else if (value) replaceEntry(map, String(key.value), value, key.range);
    return;
  }
  const fullPath = [...base, ...path];
  // One of a list of blocks is reported at its type (`replica`), not across its whole body.
  const content = emptyMap(b.list ? nb.typeRange : nb.range, site.file, { file: site.file, block: nb, spec: b, path: [], top: site.top, tfType: site.tfType });
  for (const key of b.ensure ?? []) setAt(content, [key], emptyMap(nb.range, site.file, { file: site.file, block: nb, spec: b, path: [key], top: site.top, tfType: site.tfType }), nb.typeRange, site, nb, b, []);
  if (!path.length) {
    buildInto(target, nb, b, site, base, depth + 1);
    return;
  }
  buildInto(content, nb, b, site, [], depth + 1);
  if (!b.list) {
    setAt(target, path, content, nb.typeRange, site, block, spec, base);
    return;
  }
  const existing = getAt(target, path);
  if (existing?.kind === 'seq') existing.items.push(content);
  else if (existing?.kind !== 'unknown') {
    const seq = { kind: 'seq', items: [content], range: nb.range, file: site.file, anchor: { file: site.file, block, spec, path: fullPath, top: site.top, tfType: site.tfType, repeated: nb.type } } as SeqValue;
    setAt(target, path, seq, nb.typeRange, site, block, spec, base);
  }
}

function dynamicBlock(target: MapValue, nb: HBlock, b: BlockSpec | undefined, prefix: string[], type: string, block: HBlock, spec: SpecNode, site: BuildSite, base: string[]): void {
  const unknown = unknownAt(nb.range, site.file, `generated by a dynamic "${type}" block`);
  const path = b ? splitCfnPath(b.path) : [...prefix, pascalCase(type)];
  if (!path.length) return;
  const existing = getAt(target, path);
  if (b?.list && existing?.kind === 'seq') existing.items.push(unknown);
  else if (b?.list) setAt(target, path, { kind: 'seq', items: [unknown], range: nb.range, file: site.file }, nb.typeRange, site, block, spec, base);
  else replaceWhole(target, path, unknown, nb, site, block, spec, base);
}

function replaceWhole(target: MapValue, path: string[], value: Value, nb: HBlock, site: BuildSite, block: HBlock, spec: SpecNode, base: string[]): void {
  setAt(target, path, value, nb.typeRange, site, block, spec, base);
}

function ensureMap(target: MapValue, path: string[], nb: HBlock, block: HBlock, spec: SpecNode, site: BuildSite, base: string[]): MapValue {
  const existing = getAt(target, path);
  if (existing?.kind === 'map') return existing;
  const map = emptyMap(nb.range, site.file, { file: site.file, block, spec, path: [...base, ...path], top: site.top, tfType: site.tfType });
  if (existing?.kind !== 'unknown') setAt(target, path, map, nb.typeRange, site, block, spec, base);
  return map;
}

export function getAt(map: MapValue, path: string[]): Value | undefined {
  let v: Value | undefined = map;
  for (const key of path) {
    if (v?.kind !== 'map') return undefined;
    v = v.entries.find((e) => e.key === key)?.value;
  }
  return v;
}
