/**
 * Named check `phi-in-names-tags`: literal strings in name-like places (names, identifiers,
 * descriptions, tags, and per-type properties such as state machine definitions) must not look
 * like PHI. These places are not encrypted like data and show up in consoles, logs and bills.
 *
 * Args (all optional; the rule file states them):
 *   nameKeys: regex on property keys whose string values are names (default below)
 *   tagKeys: regex on property keys holding tags, list form [{Key, Value}] or map form
 *   properties: { <resource type>: [dotted property paths checked in full, keys included] }
 */
import type { Location, MapValue, Range, Value } from '../../model/types';
import type { CheckContext, NamedCheck } from '../evaluator';
import { formatMessage } from '../leaf';
import { fail, PASS, type Failure } from '../outcome';
import { createPhiDetector, describeMatches, type PhiDetector } from './phi-detector';

const DEFAULT_NAME_KEYS = '(?:Name|Names|Identifier|Description|Comment)$';
const DEFAULT_TAG_KEYS = 'Tags$';

/** One detector per settings object (settings live as long as an analysis). */
const detectors = new WeakMap<CheckContext['settings'], PhiDetector>();

function detectorFor(settings: CheckContext['settings']): PhiDetector {
  let d = detectors.get(settings);
  if (!d) {
    d = createPhiDetector({ words: settings.phiWords, patterns: settings.phiPatterns });
    detectors.set(settings, d);
  }
  return d;
}

/** none: look deeper; name: strings are text; tags/tag: a tag list or map / one tag; all: everything. */
type Mode = 'none' | 'name' | 'tags' | 'tag' | 'all';

const posKey = (r: Range) => `${r.start.line}:${r.start.character}`;

/** Raw `!Sub` / `!Join` nodes by start position: the resolved tree only says "unknown" for them. */
function rawIndex(body: MapValue | undefined): Map<string, Value> {
  const index = new Map<string, Value>();
  const walk = (v: Value | undefined, depth: number) => {
    if (!v || depth > 100) return;
    if (v.kind === 'map') {
      if (v.entries.length === 1 && /^Fn::(Sub|Join)$/.test(v.entries[0].key)) index.set(posKey(v.range), v);
      v.entries.forEach((e) => walk(e.value, depth + 1));
    } else if (v.kind === 'seq') v.items.forEach((i) => walk(i, depth + 1));
  };
  walk(body?.entries.find((e) => e.key === 'Properties')?.value, 0);
  return index;
}

/** U+0000 stands in for computed parts: it is neither a digit, a letter nor a separator. */
const HOLE = '\u0000';

/** The literal text of a `!Sub` or `!Join` (computed parts replaced by a hole), if any. */
function literalTextOf(raw: Value | undefined): string | undefined {
  if (raw?.kind !== 'map' || raw.entries.length !== 1) return undefined;
  const [{ key, value }] = raw.entries;
  const lit = (v: Value | undefined) => (v?.kind === 'scalar' && v.value !== null ? String(v.value) : HOLE);
  if (key === 'Fn::Sub') {
    const template = value.kind === 'seq' ? value.items[0] : value;
    if (template?.kind !== 'scalar' || typeof template.value !== 'string') return undefined;
    let text = template.value.replace(/\$\{[^}]*\}/g, HOLE);
    // Literal variable values of the long form are substituted into the text too.
    const vars = value.kind === 'seq' && value.items[1]?.kind === 'map' ? value.items[1].entries : [];
    for (const v of vars) if (v.value.kind === 'scalar') text += HOLE + lit(v.value);
    return text;
  }
  if (key === 'Fn::Join' && value.kind === 'seq' && value.items[1]?.kind === 'seq') {
    return value.items[1].items.map(lit).join(value.items[0]?.kind === 'scalar' ? String(value.items[0].value ?? '') : '');
  }
  return undefined;
}

export const phiInNamesTags: NamedCheck = (cursor, args, ctx, messages) => {
  const resource = cursor.resource;
  const detect = detectorFor(ctx.settings);
  const nameKeys = new RegExp(typeof args.nameKeys === 'string' ? args.nameKeys : DEFAULT_NAME_KEYS);
  const tagKeys = new RegExp(typeof args.tagKeys === 'string' ? args.tagKeys : DEFAULT_TAG_KEYS);
  const perType = (args.properties ?? {}) as Record<string, string[] | undefined>;
  const fullPaths = new Set(perType[resource.type] ?? []);
  let raw: Map<string, Value> | undefined;
  const failures: Failure[] = [];

  const report = (text: string, location: Location, path: string, origin?: Location) => {
    const matches = detect(text);
    if (!matches.length) return;
    failures.push({
      location,
      // The value itself is never put in the message: it may be PHI.
      message: formatMessage(messages.message, { path, kind: describeMatches(matches) }),
      related: origin ? [{ location: origin, message: 'The value comes from this parameter Default.' }] : undefined,
    });
  };

  const scanString = (v: Value, path: string) => {
    const at = { file: v.file, range: v.range };
    if (v.kind === 'scalar' && typeof v.value === 'string') report(v.value, at, path, v.origin);
    else if (v.kind === 'unknown') {
      raw ??= rawIndex(resource.body);
      const text = literalTextOf(raw.get(posKey(v.range)));
      if (text) report(text, at, path);
    }
  };

  // `path` names where the text is, built only from schema keys: keys inside tag maps and
  // fully checked properties are user text (maybe the PHI itself), so they are never echoed.
  const visit = (v: Value | undefined, path: string, propPath: string, mode: Mode, depth: number): void => {
    if (!v || depth > 64) return;
    if (v.kind === 'choice') return v.branches.forEach((b) => visit(b, path, propPath, mode, depth + 1));
    if (v.kind === 'scalar' || v.kind === 'unknown') {
      if (mode === 'name') scanString(v, path);
      else if (mode === 'all') scanString(v, `A value in ${path}`);
      return;
    }
    if (v.kind === 'seq') {
      const itemMode = mode === 'tags' ? 'tag' : mode;
      return v.items.forEach((item, i) => visit(item, mode === 'all' ? path : `${path}[${i}]`, propPath, itemMode, depth + 1));
    }
    if (v.kind !== 'map') return;
    for (const e of v.entries) {
      const key = { file: v.file, range: e.keyRange };
      const childPath = path ? `${path}.${e.key}` : e.key;
      const childProp = propPath ? `${propPath}.${e.key}` : e.key;
      if (mode === 'all') {
        report(e.key, key, `A key in ${path}`);
        visit(e.value, path, childProp, 'all', depth + 1);
      } else if (mode === 'tag') {
        // One tag of a list: only its Key and Value are text.
        if (e.key === 'Key' || e.key === 'Value') visit(e.value, childPath, childProp, 'name', depth + 1);
      } else if (mode === 'tags') {
        // Map-form tags: both the tag names and their values are text.
        report(e.key, key, `A tag key in ${path}`);
        visit(e.value, `A tag value in ${path}`, childProp, 'name', depth + 1);
      } else {
        const text = e.value.kind === 'scalar' || e.value.kind === 'unknown';
        const next: Mode = fullPaths.has(childProp) ? (text ? 'name' : 'all') : tagKeys.test(e.key) ? 'tags' : nameKeys.test(e.key) ? 'name' : 'none';
        visit(e.value, childPath, childProp, next, depth + 1);
      }
    }
  };

  // A logical id becomes part of generated physical names ("stack-LogicalId-1A2B3C").
  report(resource.name, { file: resource.file, range: resource.nameRange }, 'The logical id');
  visit(resource.properties, '', '', 'none', 0);
  return failures.length ? fail(...failures) : PASS;
};
