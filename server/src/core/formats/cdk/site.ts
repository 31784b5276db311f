/**
 * Where each construct is written, and what the fix renderer (fixes/ts-edits.ts) needs to edit it:
 * the `new` expression and its props object, and for each model value the CloudFormation path it
 * stands for. Kept beside the model (CdkTemplate.cdk) rather than in it, so the shared model stays
 * format-neutral.
 */
import type * as ts from 'typescript';
import type { Range, Resource, Template, Value } from '../../model/types';
import type { CdkModule, ImportInfo } from './imports';
import type { L2Adapter } from './adapters/types';

export interface Site {
  node: ts.NewExpression;
  module: CdkModule;
  cls: string;
  name: string;
  nameRange: Range;
  /** The props argument as written (an object literal, a variable, …), when present. */
  propsNode?: ts.Expression;
  /** The statement the construct is written in (suppressions go above it). */
  statement: ts.Node;
  /** L1: the CloudFormation type and the props struct id in the L1 schema. */
  l1?: { type: string; struct?: string };
  adapter?: L2Adapter;
  /** The resources this construct stands for; [0] is its own (L2 children follow). */
  resources: Resource[];
}

/** What a model value stands for: a CloudFormation path from its resource's Properties. */
export interface ValueSite {
  resource: Resource;
  path: string[];
  /** L1 values: the TypeScript node written for this value (object literal, array, expression). */
  node?: ts.Node;
  /** L1 struct or kind below this value (to write nested props with the right names). */
  kind?: unknown;
}

/**
 * How a fix writes a CloudFormation path that is not a prop of the construct's own props object: a
 * node replaced (a URL literal), or a key set in an object literal (a listener, a cache behavior) or
 * in the options argument `arg` of a call (`ClusterInstance.provisioned('Writer', {...})`), which is
 * created when missing.
 */
export interface NodeEdit {
  node: ts.Node;
  key?: string;
  arg?: number;
  /** TypeScript for the value (`{{aws-x.Member}}` as in adapter fixes); undefined: no fix. */
  code: string | ((value: unknown) => string | undefined);
}

export interface CdkInfo {
  sourceFile: ts.SourceFile;
  imports: ImportInfo;
  /** Resource name → the construct written in the file that makes it. */
  sites: Map<string, Site>;
  values: WeakMap<Value, ValueSite>;
  /** Resource name → edits for CloudFormation paths (dotted) that its construct writes indirectly. */
  edits: Map<string, { path: string; edit: NodeEdit }[]>;
}

export interface CdkTemplate extends Template {
  format: 'cdk';
  cdk: CdkInfo;
  /** Whether the file is CDK code at all (imports aws-cdk-lib), as the engine asks of every format. */
  detection: { isTemplate: boolean; reason: string };
}

/** What a value stands for, also after the engine copied it. */
export function valueSite(info: CdkInfo, value: Value): ValueSite | undefined {
  const anchored = (value.kind === 'map' || value.kind === 'seq') ? value.anchor : undefined;
  return (anchored as ValueSite | undefined) ?? info.values.get(value);
}

export function isCdkTemplate(t: Template | undefined): t is CdkTemplate {
  return !!t && t.format === 'cdk' && 'cdk' in t;
}
