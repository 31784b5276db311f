/**
 * Terraform expressions → model values: literals; `var.x` from tfvars or the variable's default and
 * `local.x` (both as state "default" with a note and the origin, like CloudFormation parameter
 * defaults); references to resources of the module; `c ? a : b` as a choice; `null` as absent.
 * Anything else (functions, unknown variables, for expressions, templates with interpolation) is
 * unknown, which no rule reports as a violation. Bounded: locals cannot loop or nest without limit.
 */
import type { MapValue, Range, Value } from '../../model/types';
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
}

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
    if (inner?.kind !== 'scalar') return inner;
    // Like a parameter default: reported where it is used, fixed where it is written.
    return { ...inner, range, file, state: 'default', note: def.note, origin: inner.origin ?? { file: inner.file, range: inner.range } };
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
