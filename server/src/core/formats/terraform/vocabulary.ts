/**
 * Rule messages are written in CloudFormation's words (`StorageEncrypted`, `VersioningConfiguration`).
 * For a Terraform user, each such property name is replaced by the argument, block or split resource
 * that sets it (`storage_encrypted`, `aws_s3_bucket_versioning`), read from the adapter tables.
 */
import { SATELLITES } from './adapter-satellites';
import { RESOURCES } from './adapter-table';
import { attrSpec, type SpecNode } from './adapter-types';

type Names = Map<string, string>;

const byType = new Map<string, Names>();

function lastSegment(path: string): string {
  return path.split('.').filter(Boolean).pop() ?? path;
}

/** Provider v3 inline blocks are named last: today's split resources are what users write. */
function collect(node: SpecNode, names: Names, v3: boolean): void {
  for (const [tf, spec] of Object.entries(node.attrs ?? {})) {
    const leaf = lastSegment(attrSpec(spec).path);
    if (leaf && !names.has(leaf)) names.set(leaf, tf);
  }
  for (const [tf, block] of Object.entries(node.blocks ?? {})) {
    if (!!block.v3 !== v3 && !v3) continue;
    const leaf = lastSegment(block.path);
    if (leaf && !names.has(leaf)) names.set(leaf, tf);
    collect(block, names, v3);
  }
}

function namesFor(cfnType: string): Names {
  let names = byType.get(cfnType);
  if (names) return names;
  names = new Map();
  for (const [tfType, spec] of Object.entries(RESOURCES)) {
    if (spec.cfn !== cfnType) continue;
    collect(spec, names, false);
    // Split resources: their arguments name leaves, and the resource itself names the top-level block.
    for (const [satellite, sat] of Object.entries(SATELLITES)) {
      if (sat.parent !== tfType) continue;
      const roots = [...Object.values(sat.attrs ?? {}).map((a) => attrSpec(a).path), ...Object.values(sat.blocks ?? {}).map((b) => b.path)];
      for (const root of roots.map((p) => p.split('.')[0]).filter(Boolean)) if (!names.has(root)) names.set(root, satellite);
      collect(sat, names, false);
    }
    collect(spec, names, true);
  }
  byType.set(cfnType, names);
  return names;
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
  const names = namesFor(cfnType);
  return message
    .replace(/\bAWS::[A-Za-z0-9]+::[A-Za-z0-9]+\b/g, (type) => terraformTypeFor(type) ?? type)
    .replace(/\b[A-Z][A-Za-z0-9]+\b/g, (word) => names.get(word) ?? word);
}
