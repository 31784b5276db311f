/**
 * Suppressions with a reason: `hipaa:ignore <rule-id>[,<rule-id>] -- <reason>` in a comment on or
 * above a resource or property, or CloudFormation resource Metadata
 * `hipaa: { ignore: [ { id, reason } ] }`.
 */
import { rangeContains } from '../model/positions';
import type { Location, Range, Resource, Value } from '../model/types';
import { asMap, stringOf, valueOf } from '../model/values';

export interface Suppression {
  ids: string[];
  reason?: string;
  /** The comment or metadata item. */
  location: Location;
  /** What it covers: a resource (by name) or a property's text span. */
  resource?: string;
  span?: Range;
  used: Set<string>;
}

const COMMENT = /(?:^|\s)(?:#|\/\/)\s*hipaa:ignore\b(.*)$/;

/** Parses `<ids> -- <reason>`. */
export function parseDirective(body: string): { ids: string[]; reason?: string } {
  const [idsPart, ...rest] = body.split(/\s--\s?|^--\s?/);
  const ids = idsPart.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  return { ids, reason: realReason(rest.join(' -- ')) };
}

/** A reason that is empty or still the inserted placeholder (`<reason>`) is no reason. */
export function realReason(text: string | undefined): string | undefined {
  const reason = text?.trim();
  return reason && !/^<[^>]*>$/.test(reason) ? reason : undefined;
}

/** Finds inline comment suppressions and attaches each to the resource or property it precedes. */
export function inlineSuppressions(text: string, file: string, resources: Resource[]): Suppression[] {
  const lines = text.split('\n');
  const out: Suppression[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const m = COMMENT.exec(line);
    if (!m) continue;
    const { ids, reason } = parseDirective(m[1]);
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const standalone = line.slice(0, start).trim() === '';
    let target = i;
    if (standalone) {
      target = i + 1;
      while (target < lines.length && (/^\s*$/.test(lines[target]) || /^\s*(#|\/\/)/.test(lines[target]))) target++;
    }
    const location = { file, range: { start: { line: i, character: start }, end: { line: i, character: line.length } } };
    out.push({ ids, reason, location, used: new Set(), ...attach(target, resources) });
  }
  return out;
}

function attach(line: number, resources: Resource[]): { resource?: string; span?: Range } {
  for (const r of resources) {
    if (r.nameRange.start.line === line) return { resource: r.name };
    if (r.range.start.line <= line && line <= r.range.end.line) {
      const span = entrySpanAt(r.properties, line);
      return span ? { span } : { resource: r.name };
    }
  }
  return {};
}

/** The span (key through value) of the deepest property whose key is on `line`. */
function entrySpanAt(value: Value | undefined, line: number): Range | undefined {
  if (!value) return undefined;
  if (value.kind === 'map') {
    for (const e of value.entries) {
      if (e.keyRange.start.line === line) return { start: e.keyRange.start, end: e.value.range.end };
      if (e.keyRange.start.line < line && line <= e.value.range.end.line) return entrySpanAt(e.value, line);
    }
  } else if (value.kind === 'seq') {
    for (const item of value.items) if (item.range.start.line <= line && line <= item.range.end.line) return entrySpanAt(item, line) ?? item.range;
  } else if (value.kind === 'choice') {
    for (const b of value.branches) {
      const s = entrySpanAt(b, line);
      if (s) return s;
    }
  }
  return undefined;
}

/** `Metadata: { hipaa: { ignore: [ { id, reason } ] } }` on CloudFormation resources. */
export function metadataSuppressions(resources: Resource[]): Suppression[] {
  const out: Suppression[] = [];
  for (const r of resources) {
    const ignore = valueOf(asMap(valueOf(asMap(r.metadata), 'hipaa')), 'ignore');
    if (ignore?.kind !== 'seq') continue;
    for (const item of ignore.items) {
      const id = stringOf(valueOf(asMap(item), 'id'));
      const reason = realReason(stringOf(valueOf(asMap(item), 'reason')));
      out.push({ ids: id ? [id] : [], reason, location: { file: item.file, range: item.range }, resource: r.name, used: new Set() });
    }
  }
  return out;
}

export function covers(s: Suppression, ruleId: string, resourceName: string | undefined, location: Location): boolean {
  if (!s.ids.includes(ruleId)) return false;
  if (s.resource) return s.resource === resourceName;
  return !!s.span && s.location.file === location.file && rangeContains(s.span, location.range);
}
