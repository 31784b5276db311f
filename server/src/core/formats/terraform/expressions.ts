/**
 * Terraform expressions → model values: literals; `var.x` from tfvars or the variable's default and
 * `local.x` (both as state "default" with a note and the origin, like CloudFormation parameter
 * defaults, lists and conditionals included); references to resources of the module; `c ? a : b`
 * as a choice; `null` as absent (through a var / local: a choice with one absent branch at the use).
 * Anything else (functions, unknown variables, for expressions, templates with interpolation) is
 * unknown, which no rule reports as a violation. Bounded: locals cannot loop or nest without limit.
 */
import type { Location, MapValue, Range, Value } from '../../model/types';
import type { HAttr, HBlock, HExpr, Step } from './hcl-ast';

export interface Definition {
  expr: HExpr;
  file: string;
  /** For a variable: where the value came from (`terraform.tfvars`) when not its default. */
  source?: string;
}

export interface Scope {
  variables: Map<string, { block: HBlock; file: string; value?: Definition }>;
  locals: Map<string, Definition>;
  /** Every resource block of the module by address (`aws_s3_bucket.logs`). */
  resources: Map<string, { block: HBlock; file: string }>;
  /** Data blocks by address (`data.aws_iam_policy_document.tls`). */
  data: Map<string, { block: HBlock; file: string }>;
  /** In a block with `for_each = aws_s3_bucket.logs`: that resource, which `each.value` is an instance of. */
  each?: string;
  /**
   * Uses whose value is absent by definition (`var.k` with `default = null`), by `useKey`: the `null`
   * (or the next use in a chain) that a fix rewrites instead of the use.
   */
  fixAt?: Map<string, Location>;
}

export const useKey = (file: string, r: Range) => `${file}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

interface Ctx {
  depth: number;
  /** Locals being evaluated (cycle guard). */
  stack: string[];
}

const MAX_DEPTH = 64;

export function unknownAt(range: Range, file: string, reason: string): Value {
  return { kind: 'unknown', reason, range, file };
}

/** The value of an expression; `undefined` when it is `null` (Terraform: the argument is unset). */
export function valueOf(expr: HExpr, file: string, scope: Scope, ctx: Ctx = { depth: 0, stack: [] }): Value | undefined {
  const { range } = expr;
  if (ctx.depth > MAX_DEPTH) return unknownAt(range, file, 'nested too deeply');
  const next: Ctx = { depth: ctx.depth + 1, stack: ctx.stack };
  switch (expr.kind) {
    case 'literal':
      return expr.value === null ? undefined : { kind: 'scalar', value: expr.value, state: 'literal', range, file };
    case 'template': {
      if (expr.directives) return unknownAt(range, file, 'a string template with directives');
      if (expr.parts.every((p) => typeof p === 'string')) return { kind: 'scalar', value: expr.parts.join(''), state: 'literal', range, file };
      // "${x}" alone is x (Terraform 0.11 style).
      if (expr.parts.length === 1 && !expr.heredoc) {
        const inner = valueOf(expr.parts[0] as HExpr, file, scope, next);
        return inner && { ...inner, range };
      }
      return unknownAt(range, file, 'a string built from other values');
    }
    case 'tuple': {
      const items = expr.items.map((i) => valueOf(i, file, scope, next)).filter((v): v is Value => !!v);
      return { kind: 'seq', items, range, file, flow: true };
    }
    case 'object': {
      if (expr.entries.some((e) => e.key === undefined)) return unknownAt(range, file, 'an object with computed keys');
      const map: MapValue = { kind: 'map', entries: [], range, file, flow: true };
      for (const e of expr.entries) {
        const v = valueOf(e.value, file, scope, next);
        if (v) map.entries.push({ key: e.key!, keyRange: e.keyRange, value: v });
      }
      return map;
    }
    case 'conditional': {
      const branches = [expr.then, expr.else].map((b) => valueOf(b, file, scope, next));
      const absentAt = [expr.then, expr.else].map((b, i) => (branches[i] ? undefined : b.range));
      return { kind: 'choice', condition: expr.conditionText, branches, absentAt, range, file };
    }
    case 'traversal':
      return traversalValue(expr, file, scope, next);
    case 'call':
      return unknownAt(range, file, `computed by ${expr.name}()`);
    default:
      return unknownAt(range, file, expr.what === 'for_expr' ? 'a for expression' : `an expression Terraform computes (${expr.what})`);
  }
}

/** What a `var.` or `local.` traversal stands for, before its steps: the expression and its file. */
export function definitionOf(expr: Extract<HExpr, { kind: 'traversal' }>, scope: Scope): (Definition & { name: string; note: string }) | { missing: string } | undefined {
  const first = expr.steps[0];
  if (!first || !('attr' in first)) return undefined;
  if (expr.root === 'var') {
    const variable = scope.variables.get(first.attr);
    if (!variable) return { missing: `variable ${first.attr} is not declared in this module` };
    if (variable.value) return { ...variable.value, name: first.attr, note: `the value of ${first.attr} in ${variable.value.source}` };
    const def = attrIn(variable.block, 'default');
    if (!def) return { missing: `variable ${first.attr} has no default (its value is given at plan time)` };
    return { expr: def.expr, file: variable.file, name: first.attr, note: `the default of variable ${first.attr}` };
  }
  if (expr.root === 'local') {
    const local = scope.locals.get(first.attr);
    if (!local) return { missing: `local.${first.attr} is not defined in this module` };
    return { ...local, name: `local.${first.attr}`, note: `the value of local.${first.attr}` };
  }
  return undefined;
}

function traversalValue(expr: Extract<HExpr, { kind: 'traversal' }>, file: string, scope: Scope, ctx: Ctx): Value | undefined {
  const { range } = expr;
  if (expr.root === 'var' || expr.root === 'local') {
    const def = definitionOf(expr, scope);
    if (!def) return unknownAt(range, file, `a computed ${expr.root} reference`);
    if ('missing' in def) return unknownAt(range, file, def.missing);
    if (ctx.stack.includes(def.name)) return unknownAt(range, file, `${def.name} refers to itself`);
    const value = valueOf(def.expr, def.file, scope, { depth: ctx.depth + 1, stack: [...ctx.stack, def.name] });
    const inner = navigate(value, expr.steps.slice(1), def.file, scope, ctx);
    const viaNull = isNull(inner) ? inner : undefined; // null through another var / local
    if (inner && !viaNull) return asUsed(inner, range, file, def.note);
    if (expr.root === 'var' && !def.source && isFalse(attrIn(scope.variables.get(def.name)!.block, 'nullable'))) {
      return unknownAt(range, file, `variable ${def.name} is not nullable (its value is given at plan time)`);
    }
    // null: the argument is unset. Said where it is used; a fix rewrites the definition.
    if (viaNull) scope.fixAt?.set(useKey(file, range), { file: viaNull.file, range: viaNull.absentAt![0]! });
    else if (expr.steps.length === 1) scope.fixAt?.set(useKey(file, range), { file: def.file, range: def.expr.range });
    return { kind: 'choice', condition: `${def.note} is null`, branches: [undefined], absentAt: [range], range, file, note: `${def.note}, which is null` };
  }
  const [first, second] = expr.steps;
  if (expr.root === 'each' && scope.each && first && 'attr' in first && first.attr === 'value') {
    return { kind: 'ref', target: scope.each, attribute: second && 'attr' in second ? second.attr : undefined, range, file };
  }
  const target = resourceAddress(expr);
  if (target && scope.resources.has(target.address)) {
    return { kind: 'ref', target: target.address, attribute: target.attribute, range, file };
  }
  if (expr.root === 'data') return unknownAt(range, file, 'read from a data source');
  if (expr.root === 'module') return unknownAt(range, file, 'an output of another module');
  if (target) return unknownAt(range, file, `${target.address} is not defined in this module`);
  return unknownAt(range, file, `${expr.root} is only known at plan time`);
}

/**
 * A value read through `var.` / `local.`, like a parameter default: reported where it is used, with a
 * note, and fixed where it is written (`origin`). Lists of strings and conditionals alike; maps keep
 * their own places (their keys are written there).
 */
function asUsed(value: Value, range: Range, file: string, note: string): Value {
  const origin = value.origin ?? { file: value.file, range: value.range };
  switch (value.kind) {
    case 'scalar':
      return { ...value, range, file, state: 'default', note, origin };
    case 'seq':
      return { ...value, range, file, note, origin, items: value.items.map((i) => (i.kind === 'scalar' ? asUsed(i, range, file, note) : i)) };
    case 'choice':
      // The choice keeps its file: a branch written `null` is reported (and fixed) where it is.
      return { ...value, branches: value.branches.map((b) => b && (b.kind === 'scalar' || (b.kind === 'choice' && !isNull(b)) ? asUsed(b, range, file, note) : b)) };
    default:
      return value;
  }
}

/** The value of a var / local that is null: a choice whose only branch is absent. */
export const isNull = (v: Value | undefined): v is Extract<Value, { kind: 'choice' }> => v?.kind === 'choice' && v.branches.length === 1 && !v.branches[0] && !!v.absentAt?.[0];

const isFalse = (a: HAttr | undefined) => a?.expr.kind === 'literal' && a.expr.value === false;

/** `aws_s3_bucket.logs[0].arn` → address `aws_s3_bucket.logs`, attribute `arn`. */
export function resourceAddress(expr: Extract<HExpr, { kind: 'traversal' }>): { address: string; attribute?: string } | undefined {
  if (!/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(expr.root)) return undefined;
  const name = expr.steps[0];
  if (!name || !('attr' in name)) return undefined;
  const rest = expr.steps.slice(1).filter((s) => !('index' in s) && !('splat' in s)) as { attr: string }[];
  return { address: `${expr.root}.${name.attr}`, attribute: rest[0]?.attr };
}

/** Follows `.key` / `[0]` steps into a map or list value. */
function navigate(value: Value | undefined, steps: Step[], file: string, scope: Scope, ctx: Ctx): Value | undefined {
  let v = value;
  for (const step of steps) {
    if (!v) return undefined;
    if (v.kind === 'unknown') return v;
    if ('splat' in step) return unknownAt(v.range, v.file, 'a splat expression');
    let key: string | number | undefined;
    if ('attr' in step) key = step.attr;
    else {
      const k = valueOf(step.index, file, scope, { depth: ctx.depth + 1, stack: ctx.stack });
      key = k?.kind === 'scalar' && (typeof k.value === 'string' || typeof k.value === 'number') ? k.value : undefined;
    }
    if (key === undefined) return unknownAt(v.range, v.file, 'indexed by a computed key');
    if (v.kind === 'map') v = v.entries.find((e) => e.key === String(key))?.value;
    else if (v.kind === 'seq' && typeof key === 'number') v = v.items[key];
    else return unknownAt(v.range, v.file, 'indexed by a computed key');
    if (!v) return undefined;
  }
  return v;
}

/** The scope inside `block`: with `for_each = aws_s3_bucket.logs`, `each.value` is an instance of it. */
export function scopeIn(block: HBlock, file: string, scope: Scope): Scope {
  const forEach = attrIn(block, 'for_each');
  const v = forEach && valueOf(forEach.expr, file, scope);
  return v?.kind === 'ref' && !v.attribute ? { ...scope, each: v.target } : scope;
}

export function attrIn(block: HBlock, name: string): HAttr | undefined {
  return block.items.find((i): i is HAttr => i.kind === 'attribute' && i.name === name);
}
