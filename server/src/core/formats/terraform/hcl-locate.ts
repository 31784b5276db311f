/** Finding the HCL syntax behind a model value by its range (for the fix renderer). */
import { rangeContains, sameRange } from '../../model/positions';
import type { Range } from '../../model/types';
import type { HAttr, HBlock, HExpr, HItem } from './hcl-ast';

export interface ExprHit {
  expr: HExpr;
  /** The argument the expression belongs to, and the block holding that argument. */
  attr: HAttr;
  block?: HBlock;
}

function* exprs(e: HExpr, depth = 0): Generator<HExpr> {
  if (depth > 200) return;
  yield e;
  switch (e.kind) {
    case 'tuple':
      for (const i of e.items) yield* exprs(i, depth + 1);
      break;
    case 'object':
      for (const x of e.entries) yield* exprs(x.value, depth + 1);
      break;
    case 'conditional':
      yield* exprs(e.then, depth + 1);
      yield* exprs(e.else, depth + 1);
      break;
    case 'call':
      for (const a of e.args) yield* exprs(a, depth + 1);
      break;
    case 'template':
      for (const p of e.parts) if (typeof p !== 'string') yield* exprs(p, depth + 1);
      break;
  }
}

function* attributes(items: HItem[], block?: HBlock, depth = 0): Generator<{ attr: HAttr; block?: HBlock }> {
  if (depth > 64) return;
  for (const item of items) {
    if (item.kind === 'attribute') yield { attr: item, block };
    else yield* attributes(item.items, item, depth + 1);
  }
}

/** The innermost expression written exactly at `range`. */
export function exprAt(items: HItem[], range: Range): ExprHit | undefined {
  for (const { attr, block } of attributes(items)) {
    if (!rangeContains(attr.range, range)) continue;
    let found: HExpr | undefined;
    for (const e of exprs(attr.expr)) if (sameRange(e.range, range)) found = e;
    if (found) return { expr: found, attr, block };
  }
  return undefined;
}

/** The heredoc argument whose text contains `range` (JSON policies written inline). */
export function heredocAt(items: HItem[], range: Range): ExprHit | undefined {
  for (const { attr, block } of attributes(items)) {
    for (const e of exprs(attr.expr)) {
      if (e.kind === 'template' && e.heredoc && rangeContains(e.range, range)) return { expr: e, attr, block };
    }
  }
  return undefined;
}

export function blockAt(items: HItem[], range: Range, depth = 0): HBlock | undefined {
  if (depth > 64) return undefined;
  for (const item of items) {
    if (item.kind !== 'block' || !rangeContains(item.range, range)) continue;
    if (sameRange(item.range, range)) return item;
    const inner = blockAt(item.items, range, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

export function topBlockOf(items: HItem[], address: string): HBlock | undefined {
  const [type, name] = address.split('.');
  return items.find((i): i is HBlock => i.kind === 'block' && i.type === 'resource' && i.labels[0] === type && i.labels[1] === name);
}

/** The text `range` covers in a file's lines. */
export function textIn(lines: string[], range: Range): string {
  const out: string[] = [];
  for (let l = range.start.line; l <= range.end.line; l++) {
    const text = lines[l] ?? '';
    out.push(text.slice(l === range.start.line ? range.start.character : 0, l === range.end.line ? range.end.character : text.length));
  }
  return out.join('\n');
}
