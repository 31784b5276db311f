/**
 * CloudFormation-shaped fix values → HCL text, the reverse of the adapter table: which argument or
 * nested block a CloudFormation path is written as, and how a value (with `Ref` / `Fn::GetAtt` /
 * `Fn::Sub`) is spelled in HCL, aligned the way `terraform fmt` aligns `=` signs.
 */
import { attrSpec, snakeCase, splitCfnPath, type AttrSpec, type BlockSpec, type SpecNode } from './adapter-types';
import { RESOURCES } from './adapter-table';
import type { HAttr, HBlock } from './hcl-ast';

/** An argument or nested block to write into a block body. */
export type Emit =
  | { kind: 'attr'; name: string; text: string }
  /** `list`: one of a list of blocks (added next to its siblings, never merged into one). */
  | { kind: 'block'; type: string; labels?: string[]; body: Emit[]; list?: boolean };

export interface RenderContext {
  /** A CloudFormation name in a fix (`aws_db_instance.dbParameterGroup`) → the Terraform address. */
  address(name: string): string | undefined;
  unit: string;
  /** How a repeated block reaches one instance of a resource with count / for_each (`each.value`). */
  instance?(address: string): string | undefined;
  /** Inside a resource's own block, its attributes as literal text (Terraform forbids self-references). */
  literal?(address: string, attribute: string): string | undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const INTRINSIC = /^(Ref|Fn::GetAtt|Fn::Sub|Fn::Join)$/;

export function isIntrinsic(v: unknown): boolean {
  return isObj(v) && Object.keys(v).length === 1 && INTRINSIC.test(Object.keys(v)[0]);
}

/** HCL text of a reference to a fix's resource name (`{Ref: X}` → `aws_x.y.id`). */
function reference(name: string, attribute: string | undefined, ctx: RenderContext, refType?: string): string {
  let address = ctx.address(name);
  if (!address && refType) address = `${refType}.${snakeCase(name)}`; // a resource the user still has to define
  if (!address) return quote(name);
  const type = address.split('.')[0];
  const attr = attribute ? snakeCase(attribute) : RESOURCES[type]?.refAttr ?? 'id';
  const literal = ctx.literal?.(address, attr);
  if (literal !== undefined) return quote(literal);
  return `${ctx.instance?.(address) ?? address}.${attr}`;
}

/** Whether a fix value refers to the resource `name` (`Ref`, `Fn::GetAtt`, `${name.Arn}` in `Fn::Sub`). */
export function refersTo(value: unknown, name: string): boolean {
  if (Array.isArray(value)) return value.some((v) => refersTo(v, name));
  if (!isObj(value)) return false;
  if (isIntrinsic(value)) {
    const [[fn, arg]] = Object.entries(value);
    if (fn === 'Ref') return arg === name;
    if (fn === 'Fn::GetAtt') return (Array.isArray(arg) ? arg[0] : String(arg).slice(0, String(arg).lastIndexOf('.'))) === name;
    if (fn === 'Fn::Sub') return typeof arg === 'string' && (arg.includes(`\${${name}}`) || arg.includes(`\${${name}.`));
  }
  return Object.values(value).some((v) => refersTo(v, name));
}

/**
 * A resource written with `count` or `for_each` has instances: a block added for it repeats the
 * same way and reaches its own instance (`aws_s3_bucket.logs[count.index]`, `each.value`).
 */
export function repetitionOf(block: HBlock, address: string): { meta: Emit[]; base: string } | undefined {
  const meta = block.items.find((i): i is HAttr => i.kind === 'attribute' && (i.name === 'count' || i.name === 'for_each'));
  if (meta?.name === 'count') return { meta: [{ kind: 'attr', name: 'count', text: `length(${address})` }], base: `${address}[count.index]` };
  if (meta) return { meta: [{ kind: 'attr', name: 'for_each', text: address }], base: 'each.value' };
  return undefined;
}

/** JSON text for a policy heredoc; references become `${...}` interpolations. */
export function jsonText(value: unknown, indent: string, ctx: RenderContext): string {
  const replaced = JSON.parse(JSON.stringify(value ?? null), (_k, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && /^(Ref|Fn::GetAtt|Fn::Sub)$/.test(Object.keys(v)[0])) {
      const text = expression(v, ctx, '');
      return text.startsWith('"') ? JSON.parse(text.replace(/\$\$\{/g, () => '${')) : `\${${text}}`;
    }
    return v;
  });
  return JSON.stringify(replaced, null, 2).split('\n').join(`\n${indent}`);
}

/** `aws_s3_bucket.logs.Arn` → the resource `aws_s3_bucket.logs` and its attribute `Arn`. */
function splitName(text: string, ctx: RenderContext): [string, string | undefined] {
  if (ctx.address(text)) return [text, undefined];
  const dot = text.lastIndexOf('.');
  return dot < 0 ? [text, undefined] : [text.slice(0, dot), text.slice(dot + 1)];
}

export function quote(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** An HCL expression for a CloudFormation-shaped value. */
export function expression(value: unknown, ctx: RenderContext, indent: string, refType?: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => expression(v, ctx, indent + ctx.unit, refType));
    const inline = `[${items.join(', ')}]`;
    if (!items.some((i) => i.includes('\n')) && inline.length + indent.length < 100) return inline;
    return `[\n${items.map((i) => `${indent}${ctx.unit}${i},`).join('\n')}\n${indent}]`;
  }
  if (isObj(value) && isIntrinsic(value)) {
    const [[fn, arg]] = Object.entries(value);
    if (fn === 'Ref') return reference(String(arg), undefined, ctx, refType);
    if (fn === 'Fn::GetAtt') {
      const [name, attr] = Array.isArray(arg) ? arg.map(String) : splitName(String(arg), ctx);
      return reference(name, attr, ctx, refType);
    }
    if (fn === 'Fn::Sub' && typeof arg === 'string') {
      return quote(arg).replace(/\$\$\{([^}]*)\}/g, (_m, inner: string) => {
        const [name, attr] = splitName(inner, ctx);
        const ref = reference(name, attr, ctx);
        if (ref.startsWith('"') && ctx.literal && ctx.address(name)) return ref.slice(1, -1); // a literal self-reference
        return `\${${ref.replace(/^"|"$/g, '')}}`;
      });
    }
    return 'null';
  }
  const entries = Object.entries(value as Obj).map(([k, v]) => ({ key: /^[A-Za-z_][\w-]*$/.test(k) ? k : quote(k), text: expression(v, ctx, indent + ctx.unit, refType) }));
  if (!entries.length) return '{}';
  return `{\n${aligned(entries, indent + ctx.unit).join('\n')}\n${indent}}`;
}

/** The arguments `=`-aligned with the last one of a block: consecutive single-line ones. */
export function alignedRun(attrs: HAttr[]): HAttr[] {
  const run: HAttr[] = [];
  for (let i = attrs.length - 1; i >= 0; i--) {
    const a = attrs[i];
    if (a.range.start.line !== a.range.end.line) break;
    if (run.length && run[0].range.start.line !== a.range.end.line + 1) break;
    run.unshift(a);
  }
  return run;
}

/** `key = value` lines with the `=` of consecutive single-line entries aligned. */
export function aligned(entries: { key: string; text: string }[], indent: string): string[] {
  const lines: string[] = [];
  let run: { key: string; text: string }[] = [];
  const flush = () => {
    const width = Math.max(...run.map((e) => e.key.length));
    for (const e of run) lines.push(`${indent}${e.key.padEnd(width)} = ${e.text}`);
    run = [];
  };
  for (const e of entries) {
    if (e.text.includes('\n')) {
      if (run.length) flush();
      lines.push(`${indent}${e.key} = ${e.text}`);
    } else run.push(e);
  }
  if (run.length) flush();
  return lines;
}

function attrText(a: AttrSpec, value: unknown, ctx: RenderContext, indent: string): string {
  let v = value;
  if (a.values && (typeof v === 'string' || typeof v === 'boolean')) {
    const tf = Object.entries(a.values).find(([, cfn]) => cfn === String(v))?.[0];
    if (tf !== undefined) v = tf === 'true' ? true : tf === 'false' ? false : tf;
  }
  if (a.as === 'list' && Array.isArray(v)) v = v[0];
  if (a.as === 'policy' || a.as === 'json') return `jsonencode(${expression(v, ctx, indent, a.refType)})`;
  return expression(v, ctx, indent, a.refType);
}

/** ResourcePath `/*` + HttpMethod `*` → `"*" + "/" + "*"` (API Gateway method settings). */
function methodPath(value: Obj): string {
  const resource = String(value.ResourcePath ?? '/*').replace(/^\//, '') || '*';
  return quote(`${resource}/${String(value.HttpMethod ?? '*')}`);
}

const startsWith = (path: string[], prefix: string[]) => prefix.every((k, i) => path[i] === k);

/**
 * What to write in a block whose table entry is `spec` so that CloudFormation path `path` holds
 * `value`; undefined when the table has no way to say it. `skipV3` ignores provider v3 inline blocks.
 */
export function emitFor(spec: SpecNode, path: string[], value: unknown, ctx: RenderContext, indent: string, skipV3 = false, depth = 0): Emit[] | undefined {
  if (depth > 16) return undefined;
  const attrs = Object.entries(spec.attrs ?? {}).map(([name, a]) => [name, attrSpec(a)] as const);
  if (!path.length && isObj(value) && !isIntrinsic(value)) {
    const out: Emit[] = [];
    const rest = { ...value };
    const mp = attrs.find(([, a]) => a.as === 'method-path');
    if (mp && ('ResourcePath' in rest || 'HttpMethod' in rest)) {
      out.push({ kind: 'attr', name: mp[0], text: methodPath(rest) });
      delete rest.ResourcePath;
      delete rest.HttpMethod;
    }
    for (const [k, v] of Object.entries(rest)) out.push(...(emitFor(spec, [k], v, ctx, indent, skipV3, depth + 1) ?? []));
    return out.length ? mergeBlocks(out) : undefined;
  }
  for (const [name, a] of attrs) {
    const ap = splitCfnPath(a.path);
    if (ap.length && ap.length === path.length && startsWith(path, ap)) return [{ kind: 'attr', name, text: attrText(a, value, ctx, indent) }];
  }
  for (const [type, b] of Object.entries(spec.blocks ?? {})) {
    if (skipV3 && b.v3) continue;
    const emits = emitBlock(type, b, path, value, ctx, indent, depth);
    if (emits) return emits;
  }
  // A map value may still be writable key by key (PublicAccessBlockConfiguration → four arguments).
  if (path.length && isObj(value) && !isIntrinsic(value)) {
    const out = Object.entries(value).map(([k, v]) => emitFor(spec, [...path, k], v, ctx, indent, skipV3, depth + 1));
    if (out.every((o) => o)) return mergeBlocks(out.flat() as Emit[]);
  }
  return undefined;
}

function emitBlock(type: string, b: BlockSpec, path: string[], value: unknown, ctx: RenderContext, indent: string, depth: number): Emit[] | undefined {
  const bp = splitCfnPath(b.path);
  if (!startsWith(path, bp)) return undefined;
  const rest = path.slice(bp.length);
  const inner = indent + ctx.unit;
  const body = (v: unknown, p: string[] = []) => emitFor(b, p, v, ctx, inner, false, depth + 1);
  if (b.keyed) {
    const pairs: [string, unknown][] = rest.length === 1 ? [[rest[0], value]] : !rest.length && isObj(value) ? Object.entries(value) : [];
    if (!pairs.length) return undefined;
    return pairs.map(([k, v]) => ({ kind: 'block', type, list: true, body: [{ kind: 'attr', name: b.keyed!.key, text: quote(k) }, { kind: 'attr', name: b.keyed!.value, text: expression(v, ctx, inner) }] }));
  }
  if (!bp.length) {
    const content = body(value, path);
    return content && [{ kind: 'block', type, body: content }];
  }
  if (b.list && !rest.length) {
    const items = Array.isArray(value) ? value : [value];
    const blocks = items.map((item) => body(item));
    return blocks.every((x) => x) ? blocks.map((x) => ({ kind: 'block', type, body: x!, list: true })) : undefined;
  }
  if (b.list) return undefined; // a path into one item of a list of blocks: only its container can say
  const content = body(value, rest);
  return content && [{ kind: 'block', type, body: content }];
}

/** Two emits of the same single block (`versioning_configuration`) become one. */
function mergeBlocks(emits: Emit[]): Emit[] {
  const out: Emit[] = [];
  for (const e of emits) {
    const same = e.kind === 'block' && !e.labels && !e.list && out.find((o): o is Extract<Emit, { kind: 'block' }> => o.kind === 'block' && o.type === e.type);
    if (same && e.kind === 'block' && !e.body.some((x) => x.kind === 'attr' && same.body.some((y) => y.kind === 'attr' && y.name === x.name))) {
      same.body = mergeBlocks([...same.body, ...e.body]);
    } else out.push(e);
  }
  return out;
}

/** Lines of a block body: arguments first (aligned), then nested blocks, as terraform fmt lays them out. */
export function bodyLines(emits: Emit[], indent: string, ctx: RenderContext): string[] {
  const attrs = emits.filter((e): e is Extract<Emit, { kind: 'attr' }> => e.kind === 'attr');
  const blocks = emits.filter((e): e is Extract<Emit, { kind: 'block' }> => e.kind === 'block');
  const lines = aligned(attrs.map((a) => ({ key: a.name, text: a.text })), indent);
  for (const b of blocks) {
    if (lines.length) lines.push('');
    lines.push(...blockLines(b, indent, ctx));
  }
  return lines;
}

export function blockLines(b: Extract<Emit, { kind: 'block' }>, indent: string, ctx: RenderContext): string[] {
  const head = [b.type, ...(b.labels ?? []).map(quote)].join(' ');
  return [`${indent}${head} {`, ...bodyLines(b.body, indent + ctx.unit, ctx), `${indent}}`];
}

const list = (v: unknown) => (Array.isArray(v) ? v : [v]);

/** An IAM statement → a `statement` block of the aws_iam_policy_document data source. */
export function statementBlock(statement: Record<string, unknown>, ctx: RenderContext, indent: string): Extract<Emit, { kind: 'block' }> {
  const body: Emit[] = [];
  const inner = indent + ctx.unit;
  const names: Record<string, string> = { Sid: 'sid', Effect: 'effect', Action: 'actions', NotAction: 'not_actions', Resource: 'resources', NotResource: 'not_resources' };
  for (const [key, name] of Object.entries(names)) {
    if (statement[key] === undefined) continue;
    const v = key === 'Sid' || key === 'Effect' ? statement[key] : list(statement[key]);
    body.push({ kind: 'attr', name, text: expression(v, ctx, inner) });
  }
  const principal = statement.Principal;
  const principals = principal === '*' ? [['*', ['*']] as const] : isObj(principal) ? Object.entries(principal).map(([t, ids]) => [t, list(ids)] as const) : [];
  for (const [type, ids] of principals) {
    body.push({ kind: 'block', type: 'principals', list: true, body: [{ kind: 'attr', name: 'type', text: quote(type) }, { kind: 'attr', name: 'identifiers', text: expression(ids, ctx, inner + ctx.unit) }] });
  }
  for (const [test, vars] of Object.entries(isObj(statement.Condition) ? statement.Condition : {})) {
    for (const [variable, values] of Object.entries(isObj(vars) ? vars : {})) {
      body.push({ kind: 'block', type: 'condition', list: true, body: [
        { kind: 'attr', name: 'test', text: quote(test) },
        { kind: 'attr', name: 'variable', text: quote(variable) },
        { kind: 'attr', name: 'values', text: expression(list(values), ctx, inner + ctx.unit) },
      ] });
    }
  }
  return { kind: 'block', type: 'statement', list: true, body };
}
