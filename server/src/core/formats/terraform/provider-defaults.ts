/**
 * Provider defaults that differ from CloudFormation's (the table's `defaults`), applied when the
 * argument is absent or null: a value noted as the provider's default, at the resource's labels. A
 * default that depends on another resource (a listener's protocol on its load balancer's type) is
 * read from that resource, and is unknown when that resource is not in the module.
 */
import type { MapValue, Scalar, Value } from '../../model/types';
import { getAt, labelsRange, setAt, type BuildSite } from './adapt';
import { splitCfnPath, type ProviderDefault, type ResourceSpec } from './adapter-types';
import { attrIn, isNull, unknownAt, valueOf, type Scope } from './expressions';
import type { HBlock } from './hcl-ast';

/** Where a provider default would be written (a fix that changes it adds the argument). */
export interface DefaultSite {
  container: MapValue;
  path: string[];
}

type Match = { applies: true; detail?: string } | { applies: false } | { unknown: string };

export function applyDefaults(properties: MapValue, block: HBlock, spec: ResourceSpec, site: BuildSite): void {
  for (const d of spec.defaults ?? []) {
    const path = splitCfnPath(d.path);
    const written = attrIn(block, d.argument);
    const current = getAt(properties, path);
    if ((written || current) && !isNull(current)) continue;
    if (d.sinceProvider !== undefined && (site.providerMajor ?? 0) < d.sinceProvider) continue;
    if (!matches(block, site.file, d.when, {}, site.scope)) continue;
    const match = d.of ? referenced(block, d, site.scope, site.file) : ({ applies: true } as Match);
    const range = labelsRange(block);
    if ('unknown' in match) {
      setAt(properties, path, unknownAt(range, site.file, match.unknown), range, site, block, spec, []);
      continue;
    }
    if (!match.applies) continue;
    const version = d.sinceProvider ? ` v${d.sinceProvider}+` : '';
    const note = `the AWS provider${version}'s default for ${d.argument}${match.detail ?? ''}`;
    const value: Value = { kind: 'scalar', value: d.value, state: 'default', note, range, file: site.file };
    setAt(properties, path, value, range, site, block, spec, []);
    site.providerDefaults.set(value, { container: properties, path });
  }
}

/** Whether these arguments of `block` have these literal values (`defaults`: what an absent one is). */
function matches(block: HBlock, file: string, when: Record<string, Scalar> | undefined, defaults: Record<string, Scalar>, scope: Scope): boolean | undefined {
  let known = true;
  for (const [arg, want] of Object.entries(when ?? {})) {
    const a = attrIn(block, arg);
    const v = a ? valueOf(a.expr, file, scope) : undefined;
    const have = v?.kind === 'scalar' ? v.value : v === undefined || isNull(v) ? defaults[arg] : undefined;
    if (have === undefined) known = false;
    else if (String(have) !== String(want)) return false;
  }
  return known ? true : undefined;
}

/** A default that depends on the resource `d.of.via` refers to. */
function referenced(block: HBlock, d: ProviderDefault, scope: Scope, file: string): Match {
  const of = d.of!;
  const via = attrIn(block, of.via);
  const v = via && valueOf(via.expr, file, scope);
  const target = v?.kind === 'ref' ? scope.resources.get(v.target) : undefined;
  const type = v?.kind === 'ref' ? v.target.split('.')[0] : undefined;
  if (!target || !type || !of.types.includes(type)) {
    return { unknown: `${d.argument} is not set, and the provider's default for it depends on ${of.describe}, which is not in this module` };
  }
  const result = matches(target.block, target.file, of.when, of.defaults ?? {}, scope);
  if (result === undefined) return { unknown: `${d.argument} is not set, and the provider's default for it depends on ${v!.kind === 'ref' ? v!.target : of.describe}` };
  return result ? { applies: true, detail: ` on ${(v as { target: string }).target}, ${of.is}` } : { applies: false };
}
