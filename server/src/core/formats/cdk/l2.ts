/**
 * Applies an L2 adapter table to one construct: each written prop lands at its CloudFormation path
 * (ranges on the prop), each construct default that CloudFormation does not share is written as a
 * value in state "default" with a note (range on the construct id), and props that cannot be read
 * (a props object from a parameter, an unresolved spread) make every path they could set unknown.
 */
import type * as ts from 'typescript';
import type { MapValue, Range, Resource, Scalar, Value } from '../../model/types';
import type { DefaultRule, L2Adapter, PropRule } from './adapters/types';
import { entry, type Ir } from './ir';
import type { NodeEdit, Site } from './site';
import type { Values } from './values';

export type Flags = (name: string) => boolean;

/** What an adapter may ask of the parse beyond its own construct. */
export interface BuildContext {
  values: Values;
  flags: Flags;
  /** Adds a resource that the construct creates (a bucket policy, a KMS key…). */
  addResource(resource: Resource, site: Site): void;
  /** Method calls written on this construct (`bucket.addToResourcePolicy(…)`). */
  callsOn(site: Site, method: string): { args: Ir[]; node: ts.Node }[];
  /** Constructs whose props name this one (a bucket that logs into this bucket). */
  sitesReferring(site: Site): Site[];
  propsOf(site: Site): Ir | undefined;
}

export class Builder {
  readonly v: Values;
  /** Why props this construct does not show may still be set (undefined when all are known). */
  readonly hidden?: string;

  constructor(readonly site: Site, readonly resource: Resource, readonly props: Ir | undefined, readonly ctx: BuildContext) {
    this.v = ctx.values;
    if (props && props.k !== 'obj' && props.k !== 'absent') this.hidden = props.k === 'unknown' ? props.reason : 'the props are computed';
    else if (props?.k === 'obj' && props.open) this.hidden = props.open;
  }

  get nameRange(): Range {
    return this.site.nameRange;
  }

  flag(name: string): boolean {
    return this.ctx.flags(name);
  }

  /** The written value of a prop; an unknown when the prop may be hidden in unreadable props. */
  get(prop: string): Ir | undefined {
    const e = entry(this.props, prop);
    if (e) return e.value.k === 'absent' ? undefined : e.value;
    if (this.hidden) return { k: 'unknown', reason: this.hidden, node: this.props!.node };
    return undefined;
  }

  keyNode(prop: string): ts.Node | undefined {
    return entry(this.props, prop)?.keyNode;
  }

  /** Puts a value at a dotted CloudFormation path of a resource (intermediate maps are created). */
  set(path: string, value: Value | undefined, prop?: string, resource: Resource = this.resource): void {
    this.setUnder(resource.properties!, [], path, value, prop, resource);
  }

  /** The same below a map that sits at `base` in the resource (e.g. one item of a list). */
  setUnder(root: MapValue, base: string[], path: string, value: Value | undefined, prop?: string, resource: Resource = this.resource): void {
    if (!value) return;
    const keys = path.split('.');
    const keyNode = prop ? this.keyNode(prop) : undefined;
    const keyRange = keyNode ? this.v.range(keyNode) : value.kind === 'scalar' && value.state === 'default' ? value.range : this.nameRange;
    let map = root;
    keys.forEach((key, i) => {
      const at = map.entries.find((e) => e.key === key);
      if (i === keys.length - 1) {
        if (at) at.value = value;
        else map.entries.push({ key, keyRange, value });
        this.v.mark(value, resource, [...base, ...keys]);
        return;
      }
      if (at?.value.kind === 'map') map = at.value;
      else {
        const child: MapValue = this.v.mark(this.v.map(value.range), resource, [...base, ...keys.slice(0, i + 1)]);
        if (at) at.value = child;
        else map.entries.push({ key, keyRange, value: child });
        map = child;
      }
    });
  }

  /** How a fix writes `path` of a resource when it is not a prop of this construct's props (see NodeEdit). */
  editAt(path: string, edit: NodeEdit, resource: Resource = this.resource): void {
    const edits = this.v.info.edits;
    edits.set(resource.name, [...(edits.get(resource.name) ?? []), { path, edit }]);
  }

  /** A value the construct writes although nothing is written here. */
  def(value: Scalar, note: string): Value {
    return this.v.scalar(this.nameRange, value, 'default', note);
  }

  /** A plain JSON-like value (a generated policy statement), every part in state "default". */
  json(x: unknown, range: Range, note: string): Value {
    if (Array.isArray(x)) return { kind: 'seq', items: x.map((i) => this.json(i, range, note)), range, file: this.v.file };
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.Ref === 'string') return { kind: 'ref', target: o.Ref, range, file: this.v.file };
      const getAtt = o['Fn::GetAtt'];
      if (Array.isArray(getAtt)) return { kind: 'ref', target: String(getAtt[0]), attribute: String(getAtt[1]), range, file: this.v.file };
      const entries = Object.entries(o).map(([key, val]) => ({ key, keyRange: range, value: this.json(val, range, note) }));
      return { kind: 'map', entries, range, file: this.v.file };
    }
    return this.v.scalar(range, x as Scalar, 'default', note);
  }

  /** A resource this construct creates, named by its construct path (`Records/Policy`). */
  child(suffix: string, type: string, register = true): Resource {
    const r = this.resource;
    const res: Resource = { name: `${r.name}/${suffix}`, type, file: r.file, nameRange: r.nameRange, range: r.range, properties: this.v.map(r.nameRange) };
    this.v.mark(res.properties!, res, []);
    if (register) this.ctx.addResource(res, this.site);
    return res;
  }

  /** Generic value of a written prop (literals, objects with PascalCase keys, references). */
  value(ir: Ir | undefined, path: string, resource: Resource = this.resource): Value | undefined {
    return ir ? this.v.l1(ir, undefined, resource, path.split('.')) : undefined;
  }

  /** Days (or seconds, minutes) of a `Duration.days(7)` value. */
  duration(ir: Ir, unit: 'days' | 'seconds' | 'minutes'): Value {
    if (ir.k === 'call' && ir.module === '' && ir.path[0] === 'Duration' && ir.args[0]?.k === 'lit' && typeof ir.args[0].value === 'number') {
      const per: Record<string, number> = { days: 86400, hours: 3600, minutes: 60, seconds: 1, millis: 0.001 };
      const secs = ir.args[0].value * (per[ir.path[1]] ?? NaN);
      const n = secs / per[unit];
      if (Number.isFinite(n)) return this.v.scalar(ir.node, n);
    }
    return this.v.unknown(ir.node, ir.k === 'unknown' ? ir.reason : 'a duration computed at synth time');
  }

  /** The CloudFormation value of one table rule for a written prop. */
  ruleValue(rule: PropRule, ir: Ir, module: string): Value | undefined {
    if (ir.k === 'unknown') return this.v.unknown(ir.node, ir.reason);
    if ('bool' in rule) {
      if (ir.k !== 'lit' || typeof ir.value !== 'boolean') return this.v.unknown(ir.node, 'not a literal true or false');
      const out = rule.bool[ir.value ? 0 : 1];
      return out === null ? undefined : this.v.scalar(ir.node, out);
    }
    if ('enum' in rule) {
      const mod = rule.module ?? module;
      if (ir.k !== 'sym' || ir.module !== mod || ir.path.length !== 2 || ir.path[0] !== rule.enum) return this.v.unknown(ir.node, `not a member of ${rule.enum}`);
      const out = rule.values[ir.path[1]];
      if (out === undefined) return this.v.unknown(ir.node, `${rule.enum}.${ir.path[1]} is not known to hipaa-lint`);
      return out === null ? undefined : this.v.scalar(ir.node, out);
    }
    if ('ref' in rule) {
      if (ir.k === 'construct') return { kind: 'ref', target: ir.site.name, range: this.v.range(ir.node), file: this.v.file };
      return this.v.unknown(ir.node, 'a construct not defined in this file');
    }
    if ('duration' in rule) return this.duration(ir, rule.duration);
    if (ir.k === 'lit') return this.v.scalar(ir.node, ir.value);
    return this.value(ir, rule.to);
  }
}

function applyDefault(b: Builder, d: DefaultRule): void {
  const present = d.unless.map((p) => b.get(p));
  if (present.some((ir) => ir && ir.k !== 'unknown')) return;
  const hidden = present.find((ir) => ir?.k === 'unknown');
  b.set(d.path, hidden ? b.v.unknown(hidden.node, hidden.k === 'unknown' ? hidden.reason : '') : b.def(d.value, d.note));
}

export function applyAdapter(adapter: L2Adapter, site: Site, resource: Resource, props: Ir | undefined, ctx: BuildContext): void {
  const b = new Builder(site, resource, props, ctx);
  for (const [prop, rule] of Object.entries(adapter.props)) {
    const ir = b.get(prop);
    if (ir) b.set(rule.to, b.ruleValue(rule, ir, adapter.module), prop);
  }
  for (const d of adapter.defaults ?? []) applyDefault(b, d);
  adapter.build?.(b);
}
