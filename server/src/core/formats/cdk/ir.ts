/**
 * TypeScript expressions read into a small intermediate form, without running anything: literals,
 * object and array literals, aws-cdk-lib symbols (enum members, static calls, `new` of helper
 * classes), constructs held in variables, and "unknown" for everything computed.
 */
import * as ts from 'typescript';
import type { Scalar } from '../../model/types';
import { resolveSymbol, type CdkModule, type ImportInfo } from './imports';
import type { Site } from './site';

export interface IrEntry {
  key: string;
  keyNode: ts.Node;
  value: Ir;
}

export type Ir =
  | { k: 'lit'; value: Scalar; node: ts.Node }
  | { k: 'absent'; node: ts.Node }
  | { k: 'obj'; entries: IrEntry[]; node: ts.Node; open?: string }
  | { k: 'arr'; items: Ir[]; node: ts.Node }
  | { k: 'sym'; module: CdkModule; path: string[]; node: ts.Node }
  | { k: 'call'; module: CdkModule; path: string[]; args: Ir[]; node: ts.Node }
  | { k: 'new'; module: CdkModule; path: string[]; args: Ir[]; node: ts.Node }
  | { k: 'construct'; site: Site; attr?: string; node: ts.Node }
  | { k: 'unknown'; reason: string; node: ts.Node };

const MAX_DEPTH = 40;

type Decl = { scope: ts.Node; init?: ts.Expression; param?: boolean };

function scopeOf(node: ts.Node): ts.Node {
  let n = node.parent;
  while (n && !(ts.isBlock(n) || ts.isSourceFile(n) || ts.isFunctionLike(n) || ts.isModuleBlock(n) || ts.isClassLike(n))) n = n.parent;
  return n ?? node.getSourceFile();
}

export class IrReader {
  private readonly decls = new Map<string, Decl[]>();
  private readonly memo = new Map<ts.Node, Ir>();
  private readonly busy = new Set<ts.Node>();

  constructor(readonly sf: ts.SourceFile, readonly imports: ImportInfo, readonly sites: Map<ts.Node, Site>) {
    const add = (name: string, d: Decl) => this.decls.set(name, [...(this.decls.get(name) ?? []), d]);
    const visit = (n: ts.Node): void => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) add(n.name.text, { scope: scopeOf(n.parent), init: n.initializer });
      else if (ts.isParameter(n) && ts.isIdentifier(n.name)) add(n.name.text, { scope: n.parent, param: true });
      else if (ts.isPropertyDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) add(`this.${n.name.text}`, { scope: n.parent, init: n.initializer });
      else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)
        && n.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const cls = ts.findAncestor(n, ts.isClassLike);
        if (cls) add(`this.${n.left.name.text}`, { scope: cls, init: n.right });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  /** The declaration of `name` visible at `at` (innermost scope that contains it). */
  private lookup(name: string, at: ts.Node): Decl | undefined {
    const pos = at.getStart(this.sf);
    let best: Decl | undefined;
    for (const d of this.decls.get(name) ?? []) {
      if (d.scope.pos > pos || d.scope.end < pos) continue;
      if (!best || d.scope.pos >= best.scope.pos) best = d;
    }
    return best;
  }

  read(expr: ts.Expression, depth = 0): Ir {
    const cached = this.memo.get(expr);
    if (cached) return cached;
    if (depth > MAX_DEPTH || this.busy.has(expr)) return { k: 'unknown', reason: 'nested too deeply', node: expr };
    this.busy.add(expr);
    const ir = this.readUncached(expr, depth + 1);
    this.busy.delete(expr);
    this.memo.set(expr, ir);
    return ir;
  }

  private readUncached(expr: ts.Expression, depth: number): Ir {
    const e = unwrap(expr);
    const node = expr;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { k: 'lit', value: e.text, node };
    if (ts.isNumericLiteral(e)) return { k: 'lit', value: Number(e.text.replace(/_/g, '')), node };
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return { k: 'lit', value: -Number(e.operand.text), node };
    if (e.kind === ts.SyntaxKind.TrueKeyword) return { k: 'lit', value: true, node };
    if (e.kind === ts.SyntaxKind.FalseKeyword) return { k: 'lit', value: false, node };
    if (e.kind === ts.SyntaxKind.NullKeyword) return { k: 'lit', value: null, node };
    if (ts.isIdentifier(e) && e.text === 'undefined') return { k: 'absent', node };
    if (ts.isTemplateExpression(e)) return { k: 'unknown', reason: 'a string computed from a template', node };
    if (ts.isObjectLiteralExpression(e)) return this.object(e, node, depth);
    if (ts.isArrayLiteralExpression(e)) {
      const items: Ir[] = [];
      for (const el of e.elements) {
        if (ts.isSpreadElement(el)) {
          const inner = this.read(el.expression, depth);
          if (inner.k === 'arr') items.push(...inner.items);
          else items.push({ k: 'unknown', reason: 'spread of a computed list', node: el });
        } else items.push(this.read(el, depth));
      }
      return { k: 'arr', items, node };
    }
    if (ts.isNewExpression(e)) {
      const site = this.sites.get(e);
      if (site) return { k: 'construct', site, node };
      const sym = resolveSymbol(e.expression, this.imports);
      if (sym) return { k: 'new', ...sym, args: (e.arguments ?? []).map((a) => this.read(a, depth)), node };
      return { k: 'unknown', reason: 'an object created by code outside aws-cdk-lib', node };
    }
    if (ts.isCallExpression(e)) {
      const sym = resolveSymbol(e.expression, this.imports);
      if (sym) return { k: 'call', ...sym, args: e.arguments.map((a) => this.read(a, depth)), node };
      return { k: 'unknown', reason: 'the result of a function call', node };
    }
    if (ts.isIdentifier(e) || (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword)) {
      const name = ts.isIdentifier(e) ? e.text : `this.${e.name.text}`;
      const sym = ts.isIdentifier(e) ? resolveSymbol(e, this.imports) : undefined;
      if (sym) return { k: 'sym', ...sym, node };
      const decl = this.lookup(name, e);
      if (!decl) return { k: 'unknown', reason: `${name} is not defined in this file`, node };
      if (decl.param) return { k: 'unknown', reason: `${name} is a function parameter`, node };
      if (!decl.init) return { k: 'unknown', reason: `${name} has no initial value`, node };
      return this.rebase(this.read(decl.init, depth), node);
    }
    if (ts.isPropertyAccessExpression(e)) {
      const sym = resolveSymbol(e, this.imports);
      if (sym) return { k: 'sym', ...sym, node };
      const owner = this.read(e.expression, depth);
      if (owner.k === 'construct' && !owner.attr) return { k: 'construct', site: owner.site, attr: e.name.text, node };
      if (owner.k === 'obj') {
        const entry = owner.entries.find((x) => x.key === e.name.text);
        if (entry) return this.rebase(entry.value, node);
      }
      return { k: 'unknown', reason: `${e.getText(this.sf)} is computed`, node };
    }
    return { k: 'unknown', reason: 'a computed expression', node };
  }

  private object(e: ts.ObjectLiteralExpression, node: ts.Node, depth: number): Ir {
    const entries: IrEntry[] = [];
    let open: string | undefined;
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) {
        const inner = this.read(p.expression, depth);
        if (inner.k === 'obj') {
          for (const x of inner.entries) {
            const i = entries.findIndex((y) => y.key === x.key);
            if (i >= 0) entries.splice(i, 1);
            entries.push(x);
          }
          open ??= inner.open;
        } else open ??= 'an object spread from a computed value';
        continue;
      }
      const key = p.name && propertyName(p.name);
      if (key === undefined) {
        open ??= 'a computed property name';
        continue;
      }
      let value: Ir;
      if (ts.isPropertyAssignment(p)) value = this.read(p.initializer, depth);
      else if (ts.isShorthandPropertyAssignment(p)) value = this.read(p.name, depth);
      else continue; // methods and accessors carry no configuration
      const i = entries.findIndex((y) => y.key === key);
      if (i >= 0) entries.splice(i, 1);
      entries.push({ key, keyNode: p.name!, value });
    }
    return { k: 'obj', entries, node, open };
  }

  /** A value reached through a variable keeps its own structure but is reported where it is used. */
  private rebase(ir: Ir, node: ts.Node): Ir {
    if (ir.k === 'lit' || ir.k === 'sym' || ir.k === 'unknown' || ir.k === 'absent') return { ...ir, node };
    return ir;
  }
}

export function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

export function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return undefined;
  return undefined;
}

/** Small accessors used by the adapters. */
export function entry(ir: Ir | undefined, key: string): IrEntry | undefined {
  return ir?.k === 'obj' ? ir.entries.find((e) => e.key === key) : undefined;
}

export function symName(ir: Ir | undefined, module: CdkModule, owner: string): string | undefined {
  return ir?.k === 'sym' && ir.module === module && ir.path.length === 2 && ir.path[0] === owner ? ir.path[1] : undefined;
}
