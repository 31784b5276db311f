/**
 * Rule messages are written in CloudFormation's words (`StorageEncrypted`, `VersioningConfiguration`).
 * For a Terraform user, each such property name is replaced by the argument, block or split resource
 * that sets it (`storage_encrypted`, `aws_s3_bucket_versioning`), read from the adapter tables; path
 * segments with no Terraform counterpart (`Ebs.`, `LaunchTemplateData.`) are dropped, and quoted
 * values Terraform spells differently (`"PublicRead"`) are given in its spelling (`"public-read"`).
 */
import { NAME_ARGS, PROVIDER } from './adapter-names';
import { SATELLITES } from './adapter-satellites';
import { RESOURCES } from './adapter-table';
import { attrSpec, type ResourceSpec, type SpecNode } from './adapter-types';

interface Words {
  names: Map<string, string>;
  /** Path segments that only CloudFormation writes. */
  hidden: Set<string>;
  /** `"PublicRead"` → `"public-read"` (only where every argument with that leaf spells it so). */
  values: Map<string, string>;
}

const byType = new Map<string, Words>();

const segments = (path: string) => path.split('.').filter(Boolean);

/** Provider v3 inline blocks are named last: today's split resources are what users write. */
function collect(node: SpecNode, words: Words, v3: boolean, leaves: Map<string, (Record<string, string> | undefined)[]>): void {
  for (const [tf, spec] of Object.entries(node.attrs ?? {})) {
    const a = attrSpec(spec);
    const path = segments(a.path);
    const leaf = path[path.length - 1];
    path.slice(0, -1).forEach((s) => words.hidden.add(s));
    if (!leaf) continue;
    if (!words.names.has(leaf)) words.names.set(leaf, tf);
    leaves.set(leaf, [...(leaves.get(leaf) ?? []), a.values]);
  }
  for (const [tf, block] of Object.entries(node.blocks ?? {})) {
    if (!!block.v3 !== v3 && !v3) continue;
    const path = segments(block.path);
    const leaf = path[path.length - 1];
    path.slice(0, -1).forEach((s) => words.hidden.add(s));
    if (leaf && !words.names.has(leaf)) words.names.set(leaf, tf);
    collect(block, words, v3, leaves);
  }
}

function specsOf(cfnType: string): [string, ResourceSpec][] {
  if (cfnType === PROVIDER.cfn) return [['provider', PROVIDER]];
  const own = Object.entries(RESOURCES).filter(([, spec]) => spec.cfn === cfnType || spec.variant?.cfn === cfnType);
  // A type without a table entry is `Terraform::<type>`.
  return own.length ? own : cfnType.startsWith('Terraform::') ? [[cfnType.slice('Terraform::'.length), { cfn: cfnType }]] : [];
}

function wordsFor(cfnType: string): Words {
  let words = byType.get(cfnType);
  if (words) return words;
  words = { names: new Map(), hidden: new Set(), values: new Map() };
  const leaves = new Map<string, (Record<string, string> | undefined)[]>();
  for (const [tfType, spec] of specsOf(cfnType)) {
    for (const s of segments(spec.prefix ?? '')) words.hidden.add(s);
    collect(spec, words, false, leaves);
    // Split resources: their arguments name leaves, and the resource itself names the top-level block.
    for (const [satellite, sat] of Object.entries(SATELLITES)) {
      if (sat.parent !== tfType) continue;
      const roots = [...Object.values(sat.attrs ?? {}).map((a) => attrSpec(a).path), ...Object.values(sat.blocks ?? {}).map((b) => b.path)];
      for (const root of roots.map((p) => p.split('.')[0]).filter(Boolean)) if (!words.names.has(root)) words.names.set(root, satellite);
      collect(sat, words, false, leaves);
    }
    collect(spec, words, true, leaves);
    for (const [tf, key] of Object.entries({ ...NAME_ARGS['*'], ...NAME_ARGS[tfType] })) if (!words.names.has(key)) words.names.set(key, tf);
  }
  for (const name of words.names.keys()) words.hidden.delete(name);
  for (const maps of leaves.values()) {
    if (maps.some((m) => !m)) continue; // another argument writes the CloudFormation spelling itself
    for (const m of maps) for (const [tf, cfn] of Object.entries(m!)) words.values.set(JSON.stringify(cfn), /^(true|false)$/.test(tf) ? tf : JSON.stringify(tf));
  }
  byType.set(cfnType, words);
  return words;
}

let typeNames: Map<string, string> | undefined;

/** CloudFormation type → the Terraform resource type that models it (the first one listed). */
function terraformTypeFor(cfnType: string): string | undefined {
  if (!typeNames) {
    typeNames = new Map();
    for (const [tfType, spec] of Object.entries(RESOURCES)) if (!typeNames.has(spec.cfn)) typeNames.set(spec.cfn, tfType);
  }
  return typeNames.get(cfnType);
}

/** The message with CloudFormation type and property names (of `cfnType`) replaced by Terraform's. */
export function inTerraformTerms(message: string, cfnType: string): string {
  const { names, hidden, values } = wordsFor(cfnType);
  return message
    .replace(/\bAWS::[A-Za-z0-9]+::[A-Za-z0-9]+\b/g, (type) => terraformTypeFor(type) ?? type)
    .replace(/"[A-Za-z0-9-]+"/g, (quoted) => values.get(quoted) ?? quoted)
    .replace(/\b([A-Z][A-Za-z0-9]+)\.(?=[A-Z])/g, (m, word: string) => (hidden.has(word) ? '' : m))
    .replace(/\b[A-Z][A-Za-z0-9]+\b/g, (word) => names.get(word) ?? word);
}
