/**
 * A Terraform module folder (all its .tf files, plus terraform.tfvars and *.auto.tfvars) → the
 * shared model: one Resource per `resource` block, with its CloudFormation type and properties.
 * Call initTerraform() once before parsing.
 */
import * as path from 'node:path';
import type { Location, MapValue, ParseProblem, Resource, Template, Value } from '../../model/types';
import { buildInto, emptyMap, labelsRange, type BuildSite, type HclAnchor } from './adapt';
import { splitCfnPath, type ResourceSpec } from './adapter-types';
import { RESOURCES } from './adapter-table';
import { SATELLITES } from './adapter-satellites';
import { PROVIDER } from './adapter-names';
import { attrIn, scopeIn, valueOf, type Scope } from './expressions';
import type { HBlock } from './hcl-ast';
import { parseHclFile, type HclFile } from './hcl-file';
import { policyValue } from './policy';
import { applyDefaults, type DefaultSite } from './provider-defaults';
import { applyVariant, joinSatellites, parentOf, type NameIndex, type PendingSatellite } from './satellites';

export interface TerraformModule extends Template {
  format: 'terraform';
  /** Every parsed file of the module (.tf and .tfvars), for the fix renderer and suppressions. */
  files: HclFile[];
  detection: { isTemplate: boolean; reason: string };
  /** Major version of the AWS provider when required_providers pins it (fixes use v3 inline forms below 4). */
  providerMajor?: number;
  /** Values whose Terraform spelling differs from CloudFormation's (canned ACLs). */
  valueMaps: Map<Value, Record<string, string>>;
  /** Uses of a var / local that is null, by `useKey`: where a fix writes instead (the `null`). */
  fixAt: Map<string, Location>;
  /** Provider defaults in the model: a fix that changes one writes the argument. */
  providerDefaults: Map<Value, DefaultSite>;
}

export const isTfvars = (file: string) => /(^|[\\/])terraform\.tfvars$|\.auto\.tfvars$/.test(file);

export function parseTerraformModule(files: { file: string; text: string }[], options: { primary?: string } = {}): TerraformModule {
  const parsed = files.filter((f) => /\.tf$/.test(f.file) || isTfvars(f.file)).map((f) => parseHclFile(f.file, f.text));
  const primary = parsed.find((f) => f.file === options.primary) ?? parsed.find((f) => /\.tf$/.test(f.file)) ?? parsed[0];
  const scope = buildScope(parsed);
  const provider = providerMajor(parsed);
  const valueMaps = new Map<Value, Record<string, string>>();
  const providerDefaults = new Map<Value, DefaultSite>();
  const links: BuildSite['links'] = [];
  const resources: Resource[] = [];
  const pending: PendingSatellite[] = [];
  const siteOf = (file: string, top: HBlock, tfType: string, spec?: ResourceSpec): BuildSite => ({
    file, scope: scopeIn(top, file, scope), top, tfType, valueMaps, prefix: splitCfnPath(spec?.prefix ?? ''), strict: !!SATELLITES[tfType], providerMajor: provider, links, providerDefaults,
  });
  for (const f of parsed) {
    if (isTfvars(f.file)) continue;
    for (const block of topBlocks(f, 'resource')) {
      const [tfType, name] = block.labels;
      // A block with a syntax error is reported as a problem, not analysed half-read.
      if (!tfType || !name || block.broken || countIsZero(block, f.file, scope)) continue;
      const address = `${tfType}.${name}`;
      const satellite = SATELLITES[tfType];
      if (satellite) {
        pending.push({ address, tfType, spec: satellite, block, file: f.file });
        continue;
      }
      const spec = RESOURCES[tfType];
      const resource = buildResource(address, tfType, spec, block, siteOf(f.file, block, tfType, spec));
      resources.push(resource);
      const inline = spec?.inlinePolicy && attrIn(block, spec.inlinePolicy.attr);
      if (inline && spec.inlinePolicy) resources.push(inlinePolicy(resource, spec.inlinePolicy, inline.expr, inline.nameRange, scope));
    }
  }
  resources.push(...providers(parsed, siteOf));
  const index = nameIndex(resources, scope);
  joinSatellites(pending, index, (p) => siteOf(p.file, p.block, p.tfType));
  for (const r of resources) applyVariant(r, RESOURCES[r.name.split('.')[0]]);
  linkByName(links, index);
  const problems: ParseProblem[] = parsed.flatMap((f) => f.problems);
  return {
    file: primary?.file ?? files[0]?.file ?? '',
    format: 'terraform',
    text: primary?.text ?? '',
    resources,
    problems,
    files: parsed,
    detection: detect(parsed),
    providerMajor: provider,
    valueMaps,
    fixAt: scope.fixAt!,
    providerDefaults,
  };
}

/** AWS provider blocks with default_tags, as resources of their own (the tags are names too). */
function providers(files: HclFile[], siteOf: (file: string, top: HBlock, tfType: string, spec?: ResourceSpec) => BuildSite): Resource[] {
  const out: Resource[] = [];
  for (const f of files.filter((x) => !isTfvars(x.file))) {
    for (const block of topBlocks(f, 'provider')) {
      if (block.labels[0] !== 'aws' || block.broken || !block.items.some((i) => i.kind === 'block' && i.type === 'default_tags')) continue;
      const alias = attrIn(block, 'alias')?.expr;
      const name = alias?.kind === 'literal' && typeof alias.value === 'string' ? `provider.aws.${alias.value}` : 'provider.aws';
      out.push(buildResource(name, 'provider', PROVIDER, block, { ...siteOf(f.file, block, 'provider', PROVIDER), strict: true }));
    }
  }
  return out;
}

function topBlocks(f: HclFile, type: string): HBlock[] {
  return f.items.filter((i): i is HBlock => i.kind === 'block' && i.type === type);
}

function buildScope(files: HclFile[]): Scope {
  const scope: Scope = { variables: new Map(), locals: new Map(), resources: new Map(), data: new Map(), fixAt: new Map() };
  for (const f of files.filter((x) => !isTfvars(x.file))) {
    for (const b of topBlocks(f, 'variable')) if (b.labels[0]) scope.variables.set(b.labels[0], { block: b, file: f.file });
    for (const b of topBlocks(f, 'locals')) {
      for (const a of b.items) if (a.kind === 'attribute') scope.locals.set(a.name, { expr: a.expr, file: f.file });
    }
    for (const b of topBlocks(f, 'resource')) if (b.labels.length >= 2) scope.resources.set(`${b.labels[0]}.${b.labels[1]}`, { block: b, file: f.file });
    for (const b of topBlocks(f, 'data')) if (b.labels.length >= 2) scope.data.set(`data.${b.labels[0]}.${b.labels[1]}`, { block: b, file: f.file });
  }
  // terraform.tfvars first, then *.auto.tfvars in name order: later files win, as in Terraform.
  const tfvars = files.filter((x) => isTfvars(x.file)).sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file));
  for (const f of tfvars) {
    for (const a of f.items) {
      const v = a.kind === 'attribute' ? scope.variables.get(a.name) : undefined;
      if (v && a.kind === 'attribute') v.value = { expr: a.expr, file: f.file, source: path.basename(f.file) };
    }
  }
  return scope;
}

const rank = (file: string) => (/terraform\.tfvars$/.test(file) ? 0 : 1);

function countIsZero(block: HBlock, file: string, scope: Scope): boolean {
  const count = attrIn(block, 'count');
  const v = count && valueOf(count.expr, file, scope);
  return v?.kind === 'scalar' && v.state === 'literal' && Number(v.value) === 0;
}

function buildResource(address: string, tfType: string, spec: ResourceSpec | undefined, block: HBlock, site: BuildSite): Resource {
  const anchor: HclAnchor = { file: site.file, block, spec: spec ?? {}, path: [], top: block, tfType };
  const properties = emptyMap(block.range, site.file, anchor);
  const own = spec?.inlinePolicy ? { ...spec, attrs: { ...spec.attrs, [spec.inlinePolicy.attr]: '' } } : spec;
  buildInto(properties, block, own ?? {}, site, []);
  properties.entries = properties.entries.filter((e) => e.key !== ''); // the inline policy is its own resource
  if (spec) applyDefaults(properties, block, spec, site);
  const body: MapValue = { kind: 'map', entries: [{ key: 'Properties', keyRange: block.typeRange, value: properties }], range: block.range, file: site.file };
  return {
    name: address,
    type: spec?.cfn ?? `Terraform::${tfType}`,
    file: site.file,
    nameRange: labelsRange(block),
    typeRange: block.labelRanges[0],
    range: block.range,
    properties,
    body,
    anchor,
  } as Resource;
}

/** Provider v3 `policy` on a bucket, queue or topic: modelled as the policy resource it stands for. */
function inlinePolicy(owner: Resource, inline: NonNullable<ResourceSpec['inlinePolicy']>, expr: Parameters<typeof policyValue>[0], nameRange: Resource['nameRange'], scope: Scope): Resource {
  const ref: Value = { kind: 'ref', target: owner.name, range: nameRange, file: owner.file };
  const properties: MapValue = { kind: 'map', entries: [{ key: inline.link, keyRange: nameRange, value: inline.list ? { kind: 'seq', items: [ref], range: nameRange, file: owner.file } : ref }], range: expr.range, file: owner.file };
  const doc = policyValue(expr, owner.file, scope);
  if (doc) properties.entries.push({ key: 'PolicyDocument', keyRange: nameRange, value: doc });
  return { name: `${owner.name}.${inline.attr}`, type: inline.cfn, file: owner.file, nameRange, range: { start: nameRange.start, end: expr.range.end }, properties };
}

function nameIndex(resources: Resource[], scope: Scope): NameIndex {
  const byName = new Map<string, Map<string, string[]>>();
  const byAddress = new Map(resources.map((r) => [r.name, r]));
  for (const r of resources) {
    const tfType = r.name.split('.')[0];
    const attr = RESOURCES[tfType]?.nameAttr;
    const entry = scope.resources.get(r.name);
    if (!attr || !entry) continue;
    const a = attrIn(entry.block, attr);
    const v = a && valueOf(a.expr, entry.file, scope);
    if (v?.kind !== 'scalar') continue;
    if (!byName.has(tfType)) byName.set(tfType, new Map());
    const names = byName.get(tfType)!;
    names.set(String(v.value), [...(names.get(String(v.value)) ?? []), r.name]);
  }
  return { byName, byAddress };
}

/**
 * `parameter_group_name = "tls-params"`, `target_bucket = "example-logs"`: a literal name of a resource
 * of this module, in a resource, a nested block or a split resource, becomes a reference to it.
 */
function linkByName(links: BuildSite['links'], index: NameIndex): void {
  for (const { entry, refType } of links) {
    if (entry.value.kind !== 'scalar' || entry.value.state !== 'literal') continue;
    const { address } = parentOf(entry.value, refType, index);
    if (address) entry.value = { kind: 'ref', target: address, range: entry.value.range, file: entry.value.file };
  }
}

function detect(files: HclFile[]): TerraformModule['detection'] {
  const kinds = new Set(files.flatMap((f) => f.items.filter((i): i is HBlock => i.kind === 'block').map((b) => b.type)));
  const found = ['resource', 'data', 'module', 'provider', 'terraform', 'variable', 'locals', 'output'].filter((k) => kinds.has(k));
  if (found.length) return { isTemplate: true, reason: `Terraform module with ${found.join(', ')} blocks` };
  return { isTemplate: false, reason: 'no Terraform blocks' };
}

function providerMajor(files: HclFile[]): number | undefined {
  for (const f of files) {
    for (const t of topBlocks(f, 'terraform')) {
      const rp = t.items.find((i): i is HBlock => i.kind === 'block' && i.type === 'required_providers');
      const aws = rp && attrIn(rp, 'aws');
      if (aws?.expr.kind !== 'object') continue;
      const version = aws.expr.entries.find((e) => e.key === 'version')?.value;
      const text = version?.kind === 'literal' ? String(version.value) : version?.kind === 'template' ? String(version.parts[0] ?? '') : '';
      const m = /^\s*(~>|=|>=|>)?\s*v?(\d+)/.exec(text);
      if (m) return Number(m[2]);
    }
  }
  return undefined;
}
