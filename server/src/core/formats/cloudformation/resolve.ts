/**
 * Resolves CloudFormation intrinsics in a value tree into model values:
 * `Ref` to a parameter → its Default (state "default") or unknown; `Ref`/`GetAtt` to a resource →
 * a reference; `Fn::If` → a choice of both branches; `AWS::NoValue` → absent; anything computed →
 * unknown. Bounded: no loops, no blow-up on deep nesting.
 */
import type { Location, MapValue, Value } from '../../model/types';
import { isIntrinsicKey } from './intrinsics';

export interface Parameter {
  name: string;
  keyRange: Location['range'];
  default?: Value;
  noEcho: boolean;
  body?: MapValue;
}

export interface ResolveScope {
  parameters: Map<string, Parameter>;
  resources: Set<string>;
}

const MAX_DEPTH = 100;

export function resolveValue(value: Value, scope: ResolveScope, depth = 0): Value | undefined {
  if (depth > MAX_DEPTH) return { ...base(value), kind: 'unknown', reason: 'nested too deeply' };
  if (value.kind === 'seq') {
    const items: Value[] = [];
    for (const item of value.items) {
      const r = resolveValue(item, scope, depth + 1);
      if (r) items.push(r);
    }
    return { ...value, items };
  }
  if (value.kind !== 'map') return value;
  if (value.entries.length === 1 && isIntrinsicKey(value.entries[0].key)) {
    return resolveIntrinsic(value, value.entries[0].key, value.entries[0].value, scope, depth);
  }
  const entries = [];
  for (const e of value.entries) {
    const r = resolveValue(e.value, scope, depth + 1);
    if (r) entries.push({ ...e, value: r });
  }
  return { ...value, entries };
}

function base(value: Value) {
  return { range: value.range, file: value.file };
}

function resolveIntrinsic(whole: MapValue, fn: string, arg: Value, scope: ResolveScope, depth: number): Value | undefined {
  switch (fn) {
    case 'Ref':
      return resolveRef(whole, arg, scope);
    case 'Fn::GetAtt': {
      const target = getAttTarget(arg);
      if (target && scope.resources.has(target.name)) {
        return { ...base(whole), kind: 'ref', target: target.name, attribute: target.attribute };
      }
      return { ...base(whole), kind: 'unknown', reason: 'computed by Fn::GetAtt' };
    }
    case 'Fn::If': {
      if (arg.kind !== 'seq' || arg.items.length !== 3) return { ...base(whole), kind: 'unknown', reason: 'malformed Fn::If' };
      const condition = arg.items[0].kind === 'scalar' ? String(arg.items[0].value) : '?';
      const written = arg.items.slice(1);
      const branches = written.map((b) => resolveValue(b, scope, depth + 1));
      const absentAt = written.map((b, i) => (branches[i] ? undefined : b.range));
      return { ...base(whole), kind: 'choice', condition, branches, absentAt };
    }
    case 'Fn::Sub': {
      // A Sub without variables is a plain string.
      if (arg.kind === 'scalar' && typeof arg.value === 'string' && !arg.value.includes('${')) {
        return { ...base(whole), kind: 'scalar', value: arg.value, state: 'literal' };
      }
      return { ...base(whole), kind: 'unknown', reason: 'computed by Fn::Sub' };
    }
    case 'Fn::Join': {
      if (arg.kind === 'seq' && arg.items.length === 2 && arg.items[0].kind === 'scalar' && arg.items[1].kind === 'seq') {
        const parts = arg.items[1].items;
        if (parts.every((p) => p.kind === 'scalar' && p.state === 'literal')) {
          const joined = parts.map((p) => String((p as { value: unknown }).value)).join(String(arg.items[0].value ?? ''));
          return { ...base(whole), kind: 'scalar', value: joined, state: 'literal' };
        }
      }
      return { ...base(whole), kind: 'unknown', reason: 'computed by Fn::Join' };
    }
    default:
      return { ...base(whole), kind: 'unknown', reason: `computed by ${fn}` };
  }
}

function resolveRef(whole: MapValue, arg: Value, scope: ResolveScope): Value | undefined {
  const name = arg.kind === 'scalar' ? String(arg.value) : undefined;
  if (!name) return { ...base(whole), kind: 'unknown', reason: 'malformed Ref' };
  if (name === 'AWS::NoValue') return undefined;
  if (name.startsWith('AWS::')) return { ...base(whole), kind: 'unknown', reason: `pseudo parameter ${name}` };
  const param = scope.parameters.get(name);
  if (param) {
    const def = param.default;
    if (def && def.kind === 'scalar') {
      return {
        ...base(whole),
        kind: 'scalar',
        value: def.value,
        state: 'default',
        note: `the Default of parameter ${name}`,
        origin: { file: def.file, range: def.range },
      };
    }
    return { ...base(whole), kind: 'unknown', reason: `parameter ${name} has no Default` };
  }
  if (scope.resources.has(name)) return { ...base(whole), kind: 'ref', target: name };
  return { ...base(whole), kind: 'unknown', reason: `Ref to ${name}, which is not in this template` };
}

function getAttTarget(arg: Value): { name: string; attribute?: string } | undefined {
  if (arg.kind === 'scalar' && typeof arg.value === 'string') {
    const dot = arg.value.indexOf('.');
    return dot < 0 ? { name: arg.value } : { name: arg.value.slice(0, dot), attribute: arg.value.slice(dot + 1) };
  }
  if (arg.kind === 'seq' && arg.items[0]?.kind === 'scalar') {
    const attr = arg.items[1]?.kind === 'scalar' ? String(arg.items[1].value) : undefined;
    return { name: String(arg.items[0].value), attribute: attr };
  }
  return undefined;
}
