/**
 * Provider v4+ split resources (aws_s3_bucket_versioning, ..._server_side_encryption_configuration,
 * aws_api_gateway_method_settings, ...) are joined into the resource they point at, wherever they
 * are written; their values keep their own ranges and files. A split resource whose target cannot be
 * told (`bucket = var.name`) makes the settings it configures unknown on every candidate, so that no
 * rule reports them missing.
 */
import type { MapValue, Resource, SeqValue, Value } from '../../model/types';
import { anchorOf, buildInto, emptyMap, getAt, labelsRange, type BuildSite, type HclAnchor } from './adapt';
import { splitCfnPath, type SatelliteSpec } from './adapter-types';
import { attrIn, unknownAt, valueOf } from './expressions';
import type { HBlock } from './hcl-ast';

export interface PendingSatellite {
  address: string;
  tfType: string;
  spec: SatelliteSpec;
  block: HBlock;
  file: string;
}

export interface NameIndex {
  /** tfType → literal name → address (`aws_s3_bucket` → `"records-bucket"` → `aws_s3_bucket.records`). */
  byName: Map<string, Map<string, string>>;
  byAddress: Map<string, Resource>;
}

/** The address a `bucket = ...`-style argument points at: a reference, or a name written literally. */
export function parentOf(value: Value | undefined, parentType: string, index: NameIndex): { address?: string; external?: boolean } {
  if (value?.kind === 'ref') {
    const r = index.byAddress.get(value.target);
    return r && value.target.startsWith(`${parentType}.`) ? { address: value.target } : { external: true };
  }
  if (value?.kind === 'scalar') {
    const address = index.byName.get(parentType)?.get(String(value.value));
    return address ? { address } : { external: true };
  }
  return {};
}

export function joinSatellites(pending: PendingSatellite[], index: NameIndex, siteFor: (p: PendingSatellite) => BuildSite): void {
  const unresolved: PendingSatellite[] = [];
  for (const p of pending) {
    const site = siteFor(p);
    const via = attrIn(p.block, p.spec.via);
    const target = parentOf(via && valueOf(via.expr, p.file, site.scope), p.spec.parent, index);
    if (target.external) continue; // configures a resource outside this module
    const parent = target.address ? index.byAddress.get(target.address) : undefined;
    if (!parent?.properties) {
      unresolved.push(p);
      continue;
    }
    const anchor: HclAnchor = { file: p.file, block: p.block, spec: p.spec, path: [], top: p.block, tfType: p.tfType };
    const contrib = emptyMap(p.block.range, p.file, anchor);
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
  const seq = { kind: 'seq', items: [item], range: p.block.range, file: p.file, anchor } as SeqValue;
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
  const reason = `${p.address} may configure this resource (its ${p.spec.via} is only known at plan time)`;
  for (const parent of index.byAddress.values()) {
    if (!parent.name.startsWith(`${p.spec.parent}.`) || !parent.properties) continue;
    for (const key of configuredKeys(p.spec)) {
      const unknown = unknownAt(via?.expr.range ?? labelsRange(p.block), p.file, reason);
      const existing = getAt(parent.properties, [key]);
      if (p.spec.item && existing?.kind === 'seq') existing.items.push(unknown);
      else if (!existing) parent.properties.entries.push({ key, keyRange: labelsRange(p.block), value: p.spec.item ? { kind: 'seq', items: [unknown], range: unknown.range, file: p.file } : unknown });
    }
  }
}
