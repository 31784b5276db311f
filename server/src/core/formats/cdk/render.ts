/**
 * Model values written back as TypeScript for fixes: L1 keys in camelCase (through the generated
 * schema), the file's quote style, one line when short, and references to constructs through the
 * variables that hold them. Undefined when a value cannot be written (an unknown reference).
 */
import { Values, type Kind } from './values';

export interface RenderStyle {
  quote: "'" | '"';
  unit: string;
  eol: string;
  /** `{Ref: X}` / `{Fn::GetAtt: [X, A]}` → the expression for that construct (undefined: cannot). */
  ref?: (name: string, attribute?: string) => string | undefined;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function tsString(s: string, quote: string): string {
  return quote + s.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\n/g, '\\n') + quote;
}

function tsKey(key: string, quote: string): string {
  return IDENT.test(key) ? key : tsString(key, quote);
}

/** `${X.Arn}/*` → a template literal over the construct expressions. */
function sub(text: string, style: RenderStyle): string | undefined {
  let ok = true;
  const body = text.replace(/`/g, '\\`').replace(/\$\{([A-Za-z0-9_/#-]+)(?:\.([A-Za-z0-9]+))?\}/g, (_m, name: string, attr?: string) => {
    const expr = style.ref?.(name, attr);
    if (!expr) ok = false;
    return `\${${expr}}`;
  });
  return ok ? `\`${body}\`` : undefined;
}

function intrinsic(value: Record<string, unknown>, style: RenderStyle): string | undefined | null {
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const arg = value[keys[0]];
  if (keys[0] === 'Ref' && typeof arg === 'string') return style.ref?.(arg);
  if (keys[0] === 'Fn::GetAtt' && Array.isArray(arg)) return style.ref?.(String(arg[0]), String(arg[1]));
  if (keys[0] === 'Fn::Sub' && typeof arg === 'string') return sub(arg, style);
  if (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) return undefined;
  return null;
}

export function renderTs(value: unknown, kind: Kind, style: RenderStyle, indent = ''): string | undefined {
  if (value === null || value === undefined) return 'undefined';
  if (typeof value === 'string') return tsString(value, style.quote);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = indent + style.unit;
  if (Array.isArray(value)) {
    const item = Array.isArray(kind) && kind[0] === 'list' ? kind[1] : kind === 'json' ? 'json' : undefined;
    const items = value.map((v) => renderTs(v, item, style, inner));
    if (items.some((i) => i === undefined)) return undefined;
    const flat = `[${items.join(', ')}]`;
    return flat.length <= 80 && !flat.includes('\n') ? flat : `[${style.eol}${items.map((i) => inner + i).join(`,${style.eol}`)},${style.eol}${indent}]`;
  }
  if (typeof value === 'object') {
    const fn = intrinsic(value as Record<string, unknown>, style);
    if (fn !== null) return fn;
    const parts: string[] = [];
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const [camel, sub] = Values.camelKey(key, kind);
      const text = renderTs(v, sub, style, inner);
      if (text === undefined) return undefined;
      parts.push(`${tsKey(camel, style.quote)}: ${text}`);
    }
    if (!parts.length) return '{}';
    const flat = `{ ${parts.join(', ')} }`;
    return flat.length <= 80 && !flat.includes('\n') ? flat : `{${style.eol}${parts.map((p) => inner + p).join(`,${style.eol}`)},${style.eol}${indent}}`;
  }
  return undefined;
}
