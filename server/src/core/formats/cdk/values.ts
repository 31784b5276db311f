/**
 * Model values made from the intermediate form: ranges from TypeScript nodes, and the L1 rule
 * (props one to one with CloudFormation, camelCase → PascalCase through the generated schema;
 * JSON-typed props such as PolicyDocument keep their keys verbatim).
 */
import type * as ts from 'typescript';
import type { LineIndex } from '../../model/positions';
import type { Entry, MapValue, Range, Resource, Scalar, ScalarValue, UnknownValue, Value } from '../../model/types';
import type { Ir } from './ir';
import { L1_STRUCTS, type L1Kind } from './l1-schema.generated';
import type { CdkInfo } from './site';

/** Kind of an L1 value: as in the schema, or undefined when the schema does not know (generic rule). */
export type Kind = L1Kind | undefined;

export function pascal(key: string): string {
  return key.length ? key[0].toUpperCase() + key.slice(1) : key;
}

/** L2 attributes and L1 `attr*` getters → the CloudFormation attribute a reference reads. */
export function attributeOf(attr: string | undefined): string | undefined {
  if (!attr || attr === 'ref') return undefined;
  if (attr.startsWith('attr')) return attr.slice(4);
  return /Arn$/.test(attr) ? 'Arn' : undefined;
}

export class Values {
  constructor(readonly file: string, readonly sf: ts.SourceFile, readonly index: LineIndex, readonly info: CdkInfo) {}

  range(node: ts.Node): Range {
    return this.index.range(node.getStart(this.sf), node.end);
  }

  scalar(node: ts.Node | Range, value: Scalar, state: 'literal' | 'default' = 'literal', note?: string): ScalarValue {
    const range = 'start' in node ? node : this.range(node);
    return { kind: 'scalar', value, state, range, file: this.file, ...(note ? { note } : {}) };
  }

  unknown(node: ts.Node | Range, reason: string): UnknownValue {
    return { kind: 'unknown', reason, range: 'start' in node ? node : this.range(node), file: this.file };
  }

  map(node: ts.Node | Range, entries: Entry[] = []): MapValue {
    return { kind: 'map', entries, range: 'start' in node ? node : this.range(node), file: this.file };
  }

  /** Records what a value stands for (for fixes). */
  mark<V extends Value>(value: V, resource: Resource, path: string[], node?: ts.Node, kind?: Kind): V {
    const site = { resource, path, node, kind };
    this.info.values.set(value, site);
    // Maps and lists also carry it, so that copies made by the engine (Fn::If worlds) keep it.
    if (value.kind === 'map' || value.kind === 'seq') value.anchor = site;
    return value;
  }

  /** An L1 value; undefined when absent (`undefined`). */
  l1(ir: Ir, kind: Kind, resource: Resource, path: string[], depth = 0): Value | undefined {
    if (depth > 40) return this.unknown(ir.node, 'nested too deeply');
    switch (ir.k) {
      case 'absent':
        return undefined;
      case 'lit':
        return this.mark(this.scalar(ir.node, ir.value), resource, path, ir.node, kind);
      case 'unknown':
        return this.mark(this.unknown(ir.node, ir.reason), resource, path, ir.node, kind);
      case 'construct': {
        const attribute = attributeOf(ir.attr);
        const ref: Value = { kind: 'ref', target: ir.site.name, ...(attribute ? { attribute } : {}), range: this.range(ir.node), file: this.file };
        return this.mark(ref, resource, path, ir.node, kind);
      }
      case 'arr': {
        const item = Array.isArray(kind) && kind[0] === 'list' ? kind[1] : kind === 'json' ? 'json' : undefined;
        const items: Value[] = [];
        ir.items.forEach((x, i) => {
          const v = this.l1(x, item, resource, [...path, String(i)], depth + 1);
          if (v) items.push(v);
        });
        return this.mark({ kind: 'seq', items, range: this.range(ir.node), file: this.file }, resource, path, ir.node, kind);
      }
      case 'obj': {
        const map = this.mark(this.map(ir.node), resource, path, ir.node, kind);
        for (const e of ir.entries) {
          const [key, sub] = this.l1Key(e.key, kind);
          const v = this.l1(e.value, sub, resource, [...path, key], depth + 1);
          if (v) map.entries.push({ key, keyRange: this.range(e.keyNode), value: v });
        }
        if (ir.open) this.fillUnknown(map, kind, ir.node, ir.open);
        return map;
      }
      default:
        return this.mark(this.unknown(ir.node, 'a value computed by aws-cdk-lib'), resource, path, ir.node, kind);
    }
  }

  /** The CloudFormation key and the kind below it for a camelCase key under `kind`. */
  l1Key(key: string, kind: Kind): [string, Kind] {
    if (kind === 'json') return [key, 'json'];
    if (Array.isArray(kind) && kind[0] === 'map') return [key, kind[1]];
    if (kind === 'tag') return [pascal(key), 0];
    if (typeof kind === 'string') {
      const field = L1_STRUCTS[kind]?.[key];
      if (field) return field;
    }
    return [pascal(key), undefined];
  }

  /** camelCase name of a CloudFormation key under `kind` (for fixes). */
  static camelKey(key: string, kind: Kind): [string, Kind] {
    if (kind === 'json') return [key, 'json'];
    if (Array.isArray(kind) && kind[0] === 'map') return [key, kind[1]];
    if (typeof kind === 'string' && L1_STRUCTS[kind]) {
      for (const [camel, [cfn, sub]] of Object.entries(L1_STRUCTS[kind])) if (cfn === key) return [camel, sub];
    }
    return [key.length ? key[0].toLowerCase() + key.slice(1) : key, undefined];
  }

  /** Keys a spread may set are unknown, so that an absent key is never reported. */
  private fillUnknown(map: MapValue, kind: Kind, node: ts.Node, reason: string): void {
    const fields = typeof kind === 'string' ? L1_STRUCTS[kind] : undefined;
    for (const [cfn] of Object.values(fields ?? {})) {
      if (!map.entries.some((e) => e.key === cfn)) map.entries.push({ key: cfn, keyRange: this.range(node), value: this.unknown(node, reason) });
    }
  }
}
