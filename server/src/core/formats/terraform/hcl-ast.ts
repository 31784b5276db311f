/**
 * A small HCL syntax tree with exact ranges, built from tree-sitter's concrete tree. It keeps only
 * what the adapter and the fix renderer need, and holds no wasm memory (so it can be cached).
 */
import type { Range } from '../../model/types';

export type HItem = HAttr | HBlock;

export interface HAttr {
  kind: 'attribute';
  name: string;
  nameRange: Range;
  /** The `=` sign (for alignment). */
  eqRange: Range;
  expr: HExpr;
  range: Range;
}

export interface HBlock {
  kind: 'block';
  type: string;
  typeRange: Range;
  labels: string[];
  labelRanges: Range[];
  items: HItem[];
  /** From the block type to the closing brace (or the end of what parsed). */
  range: Range;
  open?: Range;
  /** Absent when the closing brace is missing. */
  close?: Range;
  /** Comments directly inside the body, in order (tree-sitter attaches them to the block). */
  comments: Range[];
  /** A top-level block with a syntax error: its content is incomplete, so it is not analysed. */
  broken?: boolean;
}

export type HExpr =
  | { kind: 'literal'; value: string | number | boolean | null; range: Range; quoted?: boolean }
  /** A quoted string or heredoc; `parts` alternate text and interpolated expressions. */
  | { kind: 'template'; parts: (string | HExpr)[]; range: Range; heredoc?: Heredoc; directives?: boolean }
  | { kind: 'tuple'; items: HExpr[]; range: Range }
  | { kind: 'object'; entries: HObjectEntry[]; range: Range }
  /** `var.x`, `aws_s3_bucket.b[0].arn`, `local.y`, `each.key`: a root name and steps. */
  | { kind: 'traversal'; root: string; steps: Step[]; range: Range }
  | { kind: 'conditional'; condition: HExpr; then: HExpr; else: HExpr; range: Range; conditionText: string }
  | { kind: 'call'; name: string; args: HExpr[]; range: Range }
  | { kind: 'other'; what: string; text: string; range: Range };

export type Step = { attr: string } | { index: HExpr } | { splat: true };

export interface HObjectEntry {
  /** Literal key (identifier or string); undefined when computed (`(var.k) = 1`). */
  key?: string;
  keyRange: Range;
  value: HExpr;
  range: Range;
}

export interface Heredoc {
  marker: string;
  indented: boolean;
  /** The raw lines between the opening and closing markers (interpolations kept as written). */
  body: string;
  /** Where the body starts (column 0 of the line after `<<EOF`). */
  bodyStart: Range['start'];
}

/** Copies a tree with every line moved by `delta` (cached trees are stored relative to their chunk). */
export function shiftItem<T extends HItem | HExpr>(node: T, delta: number): T {
  if (delta === 0) return node;
  return shiftAny(node, delta) as T;
}

function shiftAny(v: unknown, delta: number): unknown {
  if (Array.isArray(v)) return v.map((x) => shiftAny(x, delta));
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (typeof o.line === 'number' && typeof o.character === 'number' && Object.keys(o).length === 2) {
    return { line: o.line + delta, character: o.character };
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = shiftAny(o[k], delta);
  return out;
}

/** All items of a block with a given type (nested blocks only). */
export function blocksOf(block: HBlock, type: string): HBlock[] {
  return block.items.filter((i): i is HBlock => i.kind === 'block' && i.type === type);
}

export function attrOf(block: HBlock, name: string): HAttr | undefined {
  return block.items.find((i): i is HAttr => i.kind === 'attribute' && i.name === name);
}
