/**
 * The shape of the Terraform → CloudFormation adapter table (adapter-table.ts). Paths are dotted
 * CloudFormation property paths, relative to the enclosing block's own path. Attributes and blocks
 * a table does not list keep their value under their PascalCase name (`kms_key_id` → `KmsKeyId`),
 * which is what name/tag checks need; rules only read paths the table lists.
 */
import type { Scalar } from '../../model/types';

export interface AttrSpec {
  path: string;
  /** Terraform value → CloudFormation value (canned ACL names, `enabled = true` → `Enabled`). */
  values?: Record<string, string>;
  /**
   * policy: a JSON policy (jsonencode, heredoc, string, aws_iam_policy_document) → its statement tree;
   * json: any other JSON document read the same way (a state machine definition);
   * list: one value wrapped in a list (`queue_url` → `Queues: [..]`);
   * method-path: `"items/GET"` → ResourcePath `/items` and HttpMethod `GET` (all: ResourcePath `/*`).
   */
  as?: 'policy' | 'json' | 'list' | 'method-path';
  /** Values the provider takes as "not set" (`retention_in_days = 0`: never expire): modelled as absent. */
  unset?: Scalar[];
  /** Type of the resource a fix's `Ref` to an undefined name should point at. */
  refType?: string;
}

export interface BlockSpec {
  /** Where the block's content goes; '' merges it into the enclosing value. */
  path: string;
  /** Repeated blocks form a list of maps (otherwise one map). */
  list?: boolean;
  /** Blocks of `{ key = .., value = .. }` form one map (`parameter { name value }` → Parameters). */
  keyed?: { key: string; value: string };
  attrs?: Record<string, string | AttrSpec>;
  blocks?: Record<string, BlockSpec>;
  /** Keys every item has, even when empty (`Ebs` on a root_block_device). */
  ensure?: string[];
  /** The provider v3 inline form of what a split resource configures in v4+. */
  v3?: boolean;
}

export interface ProviderDefault {
  path: string;
  value: Scalar;
  /** The Terraform argument whose default this is. */
  argument: string;
  /** Applies only when these Terraform arguments have these literal values. */
  when?: Record<string, Scalar>;
  /** Applies only when required_providers pins the AWS provider to at least this major version. */
  sinceProvider?: number;
  /**
   * Applies only when the resource referenced by argument `via` (one of `types`) matches `when`, its
   * absent arguments counting as `defaults`; unknown when that resource is not in the module.
   */
  of?: { via: string; types: string[]; when: Record<string, Scalar>; defaults?: Record<string, Scalar>; describe: string; is: string };
}

export interface ResourceSpec {
  cfn: string;
  attrs?: Record<string, string | AttrSpec>;
  blocks?: Record<string, BlockSpec>;
  /** Path under which unlisted attributes and blocks go (`DistributionConfig`). */
  prefix?: string;
  /** Attribute whose literal value is the resource's name (for references by name). */
  nameAttr?: string;
  /** Attribute a CloudFormation `Ref` corresponds to (default `id`). */
  refAttr?: string;
  /** Provider defaults that differ from CloudFormation's, applied when the argument is absent. */
  defaults?: ProviderDefault[];
  /** Arguments a new resource needs (fix rendering); `{label}` / `{label-dashed}` are replaced. */
  required?: Record<string, string>;
  /**
   * The resource's own attributes as text from its literal name (`{name}`; `{name?}`: `*` when the name
   * is not written literally), for its own v3 inline policy (Terraform forbids self-references).
   */
  self?: Record<string, string>;
  /**
   * Another CloudFormation type once list `list` is present (a table with `replica` blocks or
   * aws_dynamodb_table_replica resources is a global table); the list then starts with an item
   * holding the resource's own values at `own` (the replica in its own region).
   */
  variant?: { cfn: string; list: string; own: string[] };
  /** Provider v3 inline policy attribute, modelled as a separate policy resource. */
  inlinePolicy?: { attr: string; cfn: string; link: string; list?: boolean };
}

/** A v4+ split resource, joined into the resource it points at. */
export interface SatelliteSpec {
  parent: string;
  /** The argument that names or references the parent (`bucket`). */
  via: string;
  /** Paths are relative to the parent's properties (or to `item` when set). */
  attrs?: Record<string, string | AttrSpec>;
  blocks?: Record<string, BlockSpec>;
  /** The satellite adds one item to this list of the parent (API Gateway method settings). */
  item?: string;
  /**
   * Arguments it shares with the parent (`rest_api_id`): copied when a fix creates the satellite, and
   * compared when the parent is named literally (stages of two APIs may both be named "prod").
   */
  copy?: string[];
}

export type SpecNode = Pick<BlockSpec, 'attrs' | 'blocks'>;

export function attrSpec(a: string | AttrSpec): AttrSpec {
  return typeof a === 'string' ? { path: a } : a;
}

export function splitCfnPath(path: string): string[] {
  return path ? path.split('.') : [];
}

/** `kms_key_id` → `KmsKeyId`. */
export function pascalCase(name: string): string {
  return name.split(/[_-]/).filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}

/** `KmsKeyId` → `kms_key_id`, `Arn` → `arn`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').replace(/[^A-Za-z0-9_]/g, '_').toLowerCase();
}
