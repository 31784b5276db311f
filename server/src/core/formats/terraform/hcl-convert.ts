/** Converts tree-sitter's concrete Terraform tree into the small HCL tree of hcl-ast.ts. */
import type { LineIndex } from '../../model/positions';
import type { Range } from '../../model/types';
import type { HAttr, HBlock, HExpr, HItem, HObjectEntry, Step } from './hcl-ast';
import type { SyntaxNode } from './runtime';

const MAX_DEPTH = 200;

export class Converter {
  constructor(private readonly text: string, private readonly index: LineIndex) {}

  private range(node: SyntaxNode): Range {
    return this.index.range(node.startIndex, node.endIndex);
  }

  private src(node: SyntaxNode): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  /** Top-level items of a parsed chunk (normally one). */
  items(root: SyntaxNode): HItem[] {
    const body = root.namedChildren.find((c) => c?.type === 'body');
    return body ? this.body(body, 0) : [];
  }

  private body(body: SyntaxNode, depth: number): HItem[] {
    const out: HItem[] = [];
    for (const child of body.namedChildren) {
      if (child?.type === 'attribute') out.push(this.attribute(child, depth));
      else if (child?.type === 'block') out.push(this.block(child, depth));
    }
    return out;
  }

  private attribute(node: SyntaxNode, depth: number): HAttr {
    const name = node.namedChildren[0]!;
    const eq = node.children.find((c) => c?.type === '=');
    const exprNode = node.namedChildren.find((c) => c?.type === 'expression');
    const range = this.range(node);
    return {
      kind: 'attribute',
      name: this.src(name),
      nameRange: this.range(name),
      eqRange: eq ? this.range(eq) : { start: range.end, end: range.end },
      expr: exprNode ? this.expr(exprNode, depth + 1) : { kind: 'other', what: 'missing', text: '', range: { start: range.end, end: range.end } },
      range,
    };
  }

  private block(node: SyntaxNode, depth: number): HBlock {
    const children = node.children.filter((c): c is SyntaxNode => !!c);
    const typeNode = children[0];
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    let items: HItem[] = [];
    let open: Range | undefined;
    let close: Range | undefined;
    const comments: Range[] = [];
    for (const c of children.slice(1)) {
      if (c.type === 'string_lit') {
        labels.push(this.stringText(c));
        labelRanges.push(this.range(c));
      } else if (c.type === 'identifier' && !open) {
        labels.push(this.src(c));
        labelRanges.push(this.range(c));
      } else if (c.type === 'block_start') open = this.range(c);
      else if (c.type === 'body' && depth < MAX_DEPTH) items = this.body(c, depth + 1);
      else if (c.type === 'block_end' && !c.isMissing && c.endIndex > c.startIndex) close = this.range(c);
      else if (c.type === 'comment') comments.push(this.range(c));
    }
    return { kind: 'block', type: this.src(typeNode), typeRange: this.range(typeNode), labels, labelRanges, items, range: this.range(node), open, close, comments };
  }

  /** The value of a string literal without interpolation (a label or a literal_value string). */
  private stringText(node: SyntaxNode): string {
    const start = node.children.find((c) => c?.type === 'quoted_template_start');
    const end = node.children.find((c) => c?.type === 'quoted_template_end');
    const from = start ? start.endIndex : node.startIndex;
    const to = end ? end.startIndex : node.endIndex;
    return unescape(this.text.slice(from, Math.max(from, to)));
  }

  expr(node: SyntaxNode, depth: number): HExpr {
    const range = this.range(node);
    if (depth > MAX_DEPTH) return { kind: 'other', what: 'too deep', text: '', range };
    const named = node.namedChildren.filter((c): c is SyntaxNode => !!c);
    if (node.type === 'expression') {
      if (node.child(0)?.type === '(' && named.length === 1) return this.expr(named[0], depth + 1);
      const first = named[0];
      if (!first) return { kind: 'other', what: 'empty', text: '', range };
      if (first.type === 'variable_expr' || (named.length > 1 && /^(get_attr|index|splat)$/.test(named[1].type))) {
        return this.traversal(node, named, depth);
      }
      if (named.length === 1) return { ...this.expr(first, depth + 1), range: this.range(first) };
      return { kind: 'other', what: first.type, text: this.src(node), range };
    }
    switch (node.type) {
      case 'literal_value':
        return this.literal(named[0] ?? node, range);
      case 'collection_value':
        return this.expr(named[0], depth + 1);
      case 'tuple':
        return { kind: 'tuple', items: named.filter((c) => c.type === 'expression').map((c) => this.expr(c, depth + 1)), range };
      case 'object':
        return { kind: 'object', entries: named.filter((c) => c.type === 'object_elem').map((c) => this.objectEntry(c, depth)), range };
      case 'template_expr':
        return this.expr(named[0], depth + 1);
      case 'quoted_template':
        return this.quoted(node, named, depth, range);
      case 'heredoc_template':
        return this.heredoc(node, named, depth, range);
      case 'function_call': {
        const args = named.find((c) => c.type === 'function_arguments');
        const list = args ? args.namedChildren.filter((c): c is SyntaxNode => c?.type === 'expression') : [];
        return { kind: 'call', name: this.src(named[0]), args: list.map((a) => this.expr(a, depth + 1)), range };
      }
      case 'conditional': {
        const [c, t, e] = named;
        if (!c || !t || !e) return { kind: 'other', what: 'conditional', text: this.src(node), range };
        return { kind: 'conditional', condition: this.expr(c, depth + 1), then: this.expr(t, depth + 1), else: this.expr(e, depth + 1), range, conditionText: this.src(c) };
      }
      default:
        return { kind: 'other', what: node.type, text: this.src(node), range };
    }
  }

  private literal(node: SyntaxNode, range: Range): HExpr {
    const text = this.src(node);
    switch (node.type) {
      case 'numeric_lit':
        return { kind: 'literal', value: Number(text), range };
      case 'bool_lit':
        return { kind: 'literal', value: text === 'true', range };
      case 'null_lit':
        return { kind: 'literal', value: null, range };
      case 'string_lit':
        return { kind: 'literal', value: this.stringText(node), range, quoted: true };
      default:
        return { kind: 'other', what: node.type, text, range };
    }
  }

  private objectEntry(node: SyntaxNode, depth: number): HObjectEntry {
    const [k, v] = node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'expression');
    const keyExpr = k ? this.expr(k, depth + 1) : undefined;
    let key: string | undefined;
    if (keyExpr?.kind === 'literal' && keyExpr.value !== null) key = String(keyExpr.value);
    else if (keyExpr?.kind === 'traversal' && !keyExpr.steps.length && k.child(0)?.type !== '(') key = keyExpr.root;
    const range = this.range(node);
    return {
      key,
      keyRange: k ? this.range(k) : range,
      value: v ? this.expr(v, depth + 1) : { kind: 'other', what: 'missing', text: '', range },
      range,
    };
  }

  private traversal(node: SyntaxNode, named: SyntaxNode[], depth: number): HExpr {
    const range = this.range(node);
    if (named[0].type !== 'variable_expr') return { kind: 'other', what: named[0].type, text: this.src(node), range };
    const steps: Step[] = [];
    for (const part of named.slice(1)) {
      if (part.type === 'get_attr') steps.push({ attr: this.src(part).replace(/^\.\s*/, '') });
      else if (part.type === 'index') {
        const inner = part.namedChildren[0];
        const e = inner?.namedChildren.find((c) => c?.type === 'expression');
        if (e) steps.push({ index: this.expr(e, depth + 1) });
        else {
          const n = /\d+/.exec(this.src(part));
          steps.push({ index: { kind: 'literal', value: n ? Number(n[0]) : 0, range: this.range(part) } });
        }
      } else if (part.type === 'splat') steps.push({ splat: true });
      else return { kind: 'other', what: part.type, text: this.src(node), range };
    }
    return { kind: 'traversal', root: this.src(named[0]), steps, range };
  }

  /** Text parts come from the source between interpolations (tree-sitter drops some whitespace). */
  private templateParts(from: number, to: number, inner: SyntaxNode[], depth: number, decode: (s: string) => string): { parts: (string | HExpr)[]; directives: boolean } {
    const parts: (string | HExpr)[] = [];
    let at = from;
    let directives = false;
    for (const c of inner) {
      if (c.type !== 'template_interpolation' && c.type !== 'template_directive') continue;
      if (c.startIndex > at) parts.push(decode(this.text.slice(at, c.startIndex)));
      if (c.type === 'template_directive') directives = true;
      const e = c.namedChildren.find((x) => x?.type === 'expression');
      parts.push(c.type === 'template_interpolation' && e ? this.expr(e, depth + 1) : { kind: 'other', what: c.type, text: this.src(c), range: this.range(c) });
      at = c.endIndex;
    }
    if (to > at) parts.push(decode(this.text.slice(at, to)));
    return { parts, directives };
  }

  private quoted(node: SyntaxNode, named: SyntaxNode[], depth: number, range: Range): HExpr {
    const start = named.find((c) => c.type === 'quoted_template_start');
    const end = named.find((c) => c.type === 'quoted_template_end');
    const from = start ? start.endIndex : node.startIndex;
    const to = end ? end.startIndex : node.endIndex;
    const { parts, directives } = this.templateParts(from, to, named, depth, unescape);
    return { kind: 'template', parts, range, directives };
  }

  private heredoc(node: SyntaxNode, named: SyntaxNode[], depth: number, range: Range): HExpr {
    const ids = named.filter((c) => c.type === 'heredoc_identifier');
    const opener = named.find((c) => c.type === 'heredoc_start');
    const marker = ids[0] ? this.src(ids[0]) : '';
    const nl = this.text.indexOf('\n', ids[0]?.endIndex ?? node.startIndex);
    const from = nl < 0 ? node.endIndex : nl + 1;
    const closing = ids.length > 1 ? ids[ids.length - 1] : undefined;
    const to = closing ? this.text.lastIndexOf('\n', closing.startIndex) + 1 : node.endIndex;
    const body = this.text.slice(from, Math.max(from, to));
    const decode = (s: string) => s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
    const { parts, directives } = this.templateParts(from, Math.max(from, to), named, depth, decode);
    const indented = opener ? this.src(opener) === '<<-' : false;
    return {
      kind: 'template',
      parts: indented ? dedent(parts) : parts,
      range,
      directives,
      heredoc: { marker, indented, body, bodyStart: this.index.position(from) },
    };
  }
}

/** HCL quoted-string escapes. */
export function unescape(s: string): string {
  return s
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (m, e: string) => {
      switch (e[0]) {
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case '"': return '"';
        case '\\': return '\\';
        case 'u':
        case 'U': return String.fromCodePoint(parseInt(e.slice(1), 16));
        default: return m;
      }
    })
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

/** `<<-` removes the smallest indentation of the non-blank lines. */
function dedent(parts: (string | HExpr)[]): (string | HExpr)[] {
  const text = parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
  const indents = text.split('\n').filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  if (!cut) return parts;
  const re = new RegExp(`(^|\\n)[ \\t]{0,${cut}}`, 'g');
  let atLineStart = true;
  return parts.map((p) => {
    if (typeof p !== 'string') {
      atLineStart = false;
      return p;
    }
    const out = (atLineStart ? p : p.replace(/^[^\n]*/, (first) => `\u0001${first}`)).replace(re, '$1').replace('\u0001', '');
    atLineStart = p.endsWith('\n');
    return out;
  });
}
