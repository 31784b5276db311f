/** Renders model values as YAML text in the user's style (indentation, short-form intrinsics). */
import { parse } from 'yaml';

export interface YamlStyle {
  unit: string;
  eol: string;
  shortForm: boolean;
}

// Plain scalars may not start with an indicator (`*` is an alias, `&` an anchor, `!` a tag, ...).
const PLAIN = /^[A-Za-z0-9_./(][A-Za-z0-9_ ./:@$*()-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

export function yamlScalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  const s = String(value);
  // Plain only when YAML reads it back as the same string (not a number, boolean, null...).
  if (PLAIN.test(s) && !RESERVED.test(s) && !s.includes(': ') && !s.endsWith(':') && !s.endsWith(' ') && readsBackAs(s)) return s;
  // Control characters and newlines need escapes: a double-quoted scalar is JSON-compatible.
  if (/[\u0000-\u001f\u007f"\\]/.test(s)) return JSON.stringify(s);
  return `'${s.replace(/'/g, "''")}'`;
}

function readsBackAs(s: string): boolean {
  try {
    return parse(s) === s;
  } catch {
    return false;
  }
}

function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** A value on one line: scalars, short-form intrinsics, or flow collections. */
export function yamlInline(value: unknown, style: YamlStyle): string {
  if (Array.isArray(value)) return `[${value.map((v) => yamlInline(v, style)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (style.shortForm && isIntrinsic(value)) {
      const [fn, arg] = entries[0];
      const tag = fn === 'Ref' ? '!Ref' : `!${fn.slice(4)}`;
      if (fn === 'Fn::GetAtt' && Array.isArray(arg)) return `${tag} ${arg.join('.')}`;
      return `${tag} ${yamlInline(arg, style)}`;
    }
    return `{ ${entries.map(([k, v]) => `${yamlScalar(k)}: ${yamlInline(v, style)}`).join(', ')} }`;
  }
  return yamlScalar(value);
}

function isBlockable(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return !!value && typeof value === 'object' && !isIntrinsic(value) && Object.keys(value).length > 0;
}

/** `key: value` lines at `indent`, nested values in block style. */
export function yamlEntryLines(key: string, value: unknown, indent: string, style: YamlStyle): string[] {
  const head = `${indent}${yamlScalar(key)}:`;
  if (!isBlockable(value)) return [`${head} ${yamlInline(value, style)}`];
  if (Array.isArray(value)) return [head, ...value.flatMap((item) => yamlItemLines(item, indent + style.unit, style))];
  return [head, ...Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => yamlEntryLines(k, v, indent + style.unit, style))];
}

/** `- item` lines with the dash at `indent`. */
export function yamlItemLines(item: unknown, indent: string, style: YamlStyle): string[] {
  if (!isBlockable(item) || Array.isArray(item)) return [`${indent}- ${yamlInline(item, style)}`];
  const inner = indent + ' '.repeat(2);
  const lines = Object.entries(item as Record<string, unknown>).flatMap(([k, v]) => yamlEntryLines(k, v, inner, style));
  lines[0] = `${indent}- ${lines[0].slice(inner.length)}`;
  return lines;
}

/** Wraps a value in the keys still missing above it: (['A','B'], v) → { A: { B: v } }. */
export function nest(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), value);
}
