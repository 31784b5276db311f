/**
 * Provider v4+ split resources (aws_s3_bucket_versioning, ..._server_side_encryption_configuration,
 * aws_api_gateway_method_settings, ...) are joined into the resource they point at, wherever they
 * are written; their values keep their own ranges and files. A split resource whose target cannot be
 * told (`bucket = var.name`) makes the settings it configures unknown on every candidate, so that no
 * rule reports them missing.
 */
import type { MapValue, Resource, SeqValue, Value } from '../../model/types';
import { anchorOf, buildInto, emptyMap, getAt, labelsRange, type BuildSite, type HclAnchor } from './adapt';
import { splitCfnPath, type ResourceSpec, type SatelliteSpec, type SpecNode } from './adapter-types';
import { attrIn, resourceAddress, unknownAt, valueOf, type Scope } from './expressions';
import type { HBlock } from './hcl-ast';

export interface PendingSatellite {
  address: string;
  tfType: string;
  spec: SatelliteSpec;
  block: HBlock;
  file: string;
  /** When it could be one of several resources with its parent's name: those. */
  candidates?: string[];
}

export interface NameIndex {
  /** tfType → literal name → addresses (two API Gateway stages of different APIs may both be "prod"). */
  byName: Map<string, Map<string, string[]>>;
  byAddress: Map<string, Resource>;
}

type Target = { address?: string; external?: boolean; candidates?: string[] };

/** The address a `bucket = ...`-style argument points at: a reference, or a name written literally. */
export function parentOf(value: Value | undefined, parentType: string, index: NameIndex): Target {
  if (value?.kind === 'ref') {
    const r = index.byAddress.get(value.target);
    return r && value.target.startsWith(`${parentType}.`) ? { address: value.target } : { external: true };
  }
  if (value?.kind === 'scalar') {
    const found = index.byName.get(parentType)?.get(String(value.value)) ?? [];
    if (!found.length) return { external: true };
    return found.length === 1 ? { address: found[0] } : { candidates: found };
  }
  return {};
}

/** What an argument stands for, comparable across blocks: a literal, a resource, or a var/local as written. */
function argumentKey(block: HBlock, name: string, file: string, scope: Scope): string | undefined {
  const a = attrIn(block, name);
  if (!a) return undefined;
  const v = valueOf(a.expr, file, scope);
  if (v?.kind === 'scalar') return `=${String(v.value)}`;
  if (v?.kind === 'ref') return `@${v.target}`;
  if (a.expr.kind !== 'traversal') return undefined;
  const address = resourceAddress(a.expr);
  if (address) return `@${address.address}`;
  return `~${a.expr.root}.${a.expr.steps.map((s) => ('attr' in s ? s.attr : '?')).join('.')}`;
}

/**
 * A parent named literally (`stage_name = "prod"`) must also agree on the arguments both share
 * (`rest_api_id`): stages of different APIs may have the same name. Unknown keys do not rule one out.
 */
function byShared(p: PendingSatellite, target: Target, index: NameIndex, scope: Scope): Target {
  const names = target.candidates ?? (target.address ? [target.address] : []);
  if (!names.length || !p.spec.copy?.length) return target;
  const kept = names.filter((address) => {
    const parent = index.byAddress.get(address);
    const block = (parent?.anchor as HclAnchor | undefined)?.top;
    if (!parent || !block) return true;
    return p.spec.copy!.every((arg) => {
      const mine = argumentKey(p.block, arg, p.file, scope);
      const theirs = argumentKey(block, arg, parent.file, scope);
      // Two resources, or two literals, that differ rule it out; a var and a resource may be equal.
      return !mine || !theirs || mine[0] !== theirs[0] || mine[0] === '~' || mine === theirs;
    });
  });
  if (!kept.length) return { external: true };
  return kept.length === 1 ? { address: kept[0] } : { candidates: kept };
}

export function joinSatellites(pending: PendingSatellite[], index: NameIndex, siteFor: (p: PendingSatellite) => BuildSite): void {
  const unresolved: PendingSatellite[] = [];
  for (const p of pending) {
    const site = siteFor(p);
    const via = attrIn(p.block, p.spec.via);
    const named = via && valueOf(via.expr, p.file, site.scope);
    const target = named?.kind === 'scalar' ? byShared(p, parentOf(named, p.spec.parent, index), index, site.scope) : parentOf(named, p.spec.parent, index);
    if (target.external) continue; // configures a resource outside this module
    const parent = target.address ? index.byAddress.get(target.address) : undefined;
    if (!parent?.properties) {
      unresolved.push({ ...p, candidates: target.candidates });
      continue;
    }
    const anchor: HclAnchor = { file: p.file, block: p.block, spec: p.spec, path: [], top: p.block, tfType: p.tfType };
    // One item of a list (method settings) is reported at its labels, not across the whole block.
    const contrib = emptyMap(p.spec.item ? labelsRange(p.block) : p.block.range, p.file, anchor);
    buildInto(contrib, p.block, p.spec, site, []);
    if (p.spec.item) appendItem(parent, p, contrib);
    else mergeMaps(parent.properties, contrib);
  }
  for (const p of unresolved) markUnknown(p, index);
}

function appendItem(parent: Resource, p: PendingSatellite, item: MapValue): void {
  const props = parent.properties!;
  const key = p.spec.item!;
  const existing = getAt(props, [key]);
  if (existing?.kind === 'seq') {
    existing.items.push(item);
    return;
  }
  if (existing) return; // written inline in a form we do not read; leave it
  const parentAnchor = anchorOf(props)!;
  const anchor: HclAnchor = { ...parentAnchor, path: [key], satellites: p.tfType };
  // The list as a whole belongs to the parent ("no stage-wide setting" is said at the stage).
  const seq = { kind: 'seq', items: [item], range: parent.nameRange, file: parent.file, anchor } as SeqValue;
  props.entries.push({ key, keyRange: labelsRange(p.block), value: seq });
}

/** Later values win, maps are merged key by key (a split resource next to a v3 inline block). */
function mergeMaps(into: MapValue, from: MapValue): void {
  for (const e of from.entries) {
    const i = into.entries.findIndex((x) => x.key === e.key);
    const existing = i >= 0 ? into.entries[i].value : undefined;
    if (existing?.kind === 'map' && e.value.kind === 'map') mergeMaps(existing, e.value);
    else if (i >= 0) into.entries[i] = e;
    else into.entries.push(e);
  }
}

/** The top-level properties a split resource configures. */
function configuredKeys(spec: SatelliteSpec): string[] {
  if (spec.item) return [spec.item];
  const paths = [...Object.values(spec.attrs ?? {}), ...Object.values(spec.blocks ?? {})].map((a) => splitCfnPath(typeof a === 'string' ? a : a.path)[0]);
  return [...new Set(paths.filter(Boolean))];
}

function markUnknown(p: PendingSatellite, index: NameIndex): void {
  const via = attrIn(p.block, p.spec.via);
  const reason = p.candidates
    ? `${p.address} may configure this resource (${p.candidates.length} resources have its ${p.spec.via})`
    : `${p.address} may configure this resource (its ${p.spec.via} is only known at plan time)`;
  for (const parent of index.byAddress.values()) {
    if (!parent.name.startsWith(`${p.spec.parent}.`) || !parent.properties) continue;
    if (p.candidates && !p.candidates.includes(parent.name)) continue;
    for (const key of configuredKeys(p.spec)) {
      const unknown = unknownAt(via?.expr.range ?? labelsRange(p.block), p.file, reason);
      const existing = getAt(parent.properties, [key]);
      if (p.spec.item && existing?.kind === 'seq') existing.items.push(unknown);
      else if (!existing) parent.properties.entries.push({ key, keyRange: labelsRange(p.block), value: p.spec.item ? { kind: 'seq', items: [unknown], range: unknown.range, file: p.file } : unknown });
    }
  }
}

/** A resource whose table entry has a `variant` becomes that type once the variant's list is there. */
export function applyVariant(resource: Resource, spec: ResourceSpec | undefined): void {
  const variant = spec?.variant;
  const props = resource.properties;
  const list = props && variant ? getAt(props, [variant.list]) : undefined;
  if (!variant || !props || list?.kind !== 'seq') return;
  const anchor = resource.anchor as HclAnchor;
  // The resource's own item is written with its own blocks (a fix adds point_in_time_recovery there).
  const own = (path: string) => variant.own.includes(splitCfnPath(path)[0]);
  const ownSpec: SpecNode = {
    attrs: Object.fromEntries(Object.entries(spec!.attrs ?? {}).filter(([, a]) => own(typeof a === 'string' ? a : a.path))),
    blocks: Object.fromEntries(Object.entries(spec!.blocks ?? {}).filter(([, b]) => own(b.path))),
  };
  const item = emptyMap(resource.nameRange, resource.file, { ...anchor, spec: ownSpec, path: [] });
  item.entries = props.entries.filter((e) => variant.own.includes(e.key));
  props.entries = props.entries.filter((e) => !variant.own.includes(e.key));
  list.items.unshift(item);
  resource.type = variant.cfn;
}
