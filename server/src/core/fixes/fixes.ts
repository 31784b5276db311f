/**
 * The code actions for a finding: the rule's fix (a plan in model terms, rendered per format) and
 * "suppress with a reason". Fix-all applies preferred fixes one at a time, re-analysing in between,
 * so that fixes touching the same block never collide.
 */
import { analyze, type AnalysisResult, type ParsedModel, type SourceFile } from '../engine';
import type { Finding } from '../findings';
import type { Resource } from '../model/types';
import { scalarOf, splitPath, valueOf } from '../model/values';
import { resolvePath, rootCursor } from '../rules/cursor';
import type { LeafFix } from '../rules/outcome';
import { inTerraformTerms } from '../formats/terraform/vocabulary';
import { editorFor, type FixEditor } from './editors';
import { applyEdits, diffEdit, type FixAction, type TextEdit } from './text-edits';
import { nest } from './yaml-text';

export const REASON_PLACEHOLDER = '<reason>';

type Editor = FixEditor;

/** `${name}` → the resource's name; `${prop:Engine}` → the literal value of one of its properties. */
function substitute(value: unknown, resource: Resource): unknown {
  if (typeof value === 'string') {
    return value
      .replace(/\$\{name\}/g, resource.name)
      .replace(/\$\{prop:(\w+)\}/g, (m, key: string) => String(scalarOf(valueOf(resource.properties, key)) ?? m));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, resource));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, resource)]));
  }
  return value;
}

function leafEdits(editor: Editor, fix: LeafFix): TextEdit[] {
  if (fix.mode === 'append' && fix.list) return editor.append(fix.list, fix.value);
  if (fix.present) return editor.replace(fix.present, fix.value);
  const missing = fix.missingPath ?? [];
  if (fix.replaceAt) return editor.replace(fix.replaceAt, nest(missing, fix.value));
  if (fix.container) return editor.setIn(fix.container, missing, fix.value);
  if (!fix.resource.properties && missing.length) return editor.addProperties(fix.resource, missing, fix.value);
  return [];
}

/** Adds `value` to the list at `path` of `resource`, creating the list when absent. */
function appendAt(editor: Editor, resource: Resource, path: string[], value: unknown): TextEdit[] {
  for (const cursor of resolvePath(rootCursor(resource), path)) {
    if (cursor.value?.kind === 'seq') return editor.append(cursor.value, value);
    if (cursor.value === undefined) return leafEdits(editor, { mode: 'set', value: [value], resource, container: cursor.container, missingPath: cursor.missingPath });
  }
  return [];
}

function uniqueName(template: ParsedModel, wanted: string): string {
  const taken = new Set(template.resources.map((r) => r.name));
  let name = wanted;
  for (let i = 2; taken.has(name); i++) name = `${wanted}${i}`;
  return name;
}

function ruleFix(result: AnalysisResult, finding: Finding): FixAction | undefined {
  const template = result.template;
  const origin = finding.origin;
  const spec = origin?.target.fix;
  if (!template || !origin || !spec) return undefined;
  if (spec.formats && !spec.formats.includes(template.format)) return undefined;
  const { failure, resource } = origin;
  const editor = editorFor(template);
  let edits: TextEdit[] = [];
  const followedMissing = failure.via?.kind === 'followed' && !failure.via.resource;
  if (spec.addResource && (failure.via?.kind === 'none-referencing' || (followedMissing && spec.addResource.linkAs))) {
    const name = uniqueName(template, `${resource.name}${spec.addResource.nameSuffix}`);
    const body = { Type: spec.addResource.type, Properties: substitute(spec.addResource.properties, resource) as Record<string, unknown> };
    edits = editor.addResource(resource, name, body);
    // The link comes first: at the same position, LSP clients keep array order.
    if (spec.addResource.linkAs && failure.fix) edits = [...leafEdits(editor, { ...failure.fix, value: { Ref: name } }), ...edits];
  } else if (failure.via?.kind === 'referencing' && failure.via.resource && spec.appendToReferencing) {
    const { path, value } = spec.appendToReferencing;
    edits = appendAt(editor, failure.via.resource, splitPath(path), substitute(value, resource));
  } else if (failure.via?.kind === 'followed' && failure.via.resource && spec.appendToFollowed && !failure.fix) {
    const { path, value } = spec.appendToFollowed;
    edits = appendAt(editor, failure.via.resource, splitPath(path), substitute(value, resource));
  } else if (failure.fix && failure.fix.value !== undefined) {
    edits = leafEdits(editor, failure.fix);
  }
  if (!edits.length) return undefined;
  let title = template.format === 'terraform' ? inTerraformTerms(spec.title, resource.type) : spec.title;
  // A value that comes from a parameter or variable default is fixed there: say so.
  const from = failure.fix?.present?.note;
  if (from && !spec.addResource) title += ` (changes ${from})`;
  if (spec.replacesResource) title += ' (replaces the resource on deploy)';
  return { title, edits, isPreferred: true, kind: 'fix' };
}

function suppressFix(result: AnalysisResult, finding: Finding): FixAction | undefined {
  const template = result.template;
  const resource = template?.resources.find((r) => r.name === finding.resource?.name);
  if (!template || !resource) return undefined;
  const edits = editorFor(template).suppress(finding, resource, REASON_PLACEHOLDER);
  return { title: `Suppress ${finding.ruleId} for ${resource.name} with a reason`, edits, isPreferred: false, kind: 'suppress' };
}

export function fixesFor(result: AnalysisResult, finding: Finding): FixAction[] {
  if (finding.suppressed || finding.unknown) return [];
  return [ruleFix(result, finding), suppressFix(result, finding)].filter((f): f is FixAction => !!f);
}

/** The edits of a fix applied to a set of files (edits without a file go to `primary`). */
export function applyToFiles(texts: Map<string, string>, edits: TextEdit[], primary: string): Map<string, string> {
  const out = new Map(texts);
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) byFile.set(e.file ?? primary, [...(byFile.get(e.file ?? primary) ?? []), e]);
  for (const [file, list] of byFile) out.set(file, applyEdits(out.get(file) ?? '', list));
  return out;
}

/**
 * Applies every preferred fix, one at a time, re-analysing (the whole module) in between. Returns one
 * edit per changed file, spanning only what changed.
 */
export function fixAll(result: AnalysisResult, maxRounds = 100): { edits: TextEdit[]; applied: number } {
  if (!result.template) return { edits: [], applied: 0 };
  const original = new Map(result.sources.map((s) => [s.file, s.text]));
  const reanalyse = (texts: Map<string, string>) => analyze({
    file: result.file,
    text: texts.get(result.file) ?? '',
    siblings: [...texts].filter(([f]) => f !== result.file).map(([file, text]): SourceFile => ({ file, text })),
    config: result.config,
    rules: result.rules,
    force: true,
  });
  let current = result;
  let texts = original;
  const tried = new Set<string>();
  let applied = 0;
  for (let round = 0; round < maxRounds; round++) {
    let progressed = false;
    for (const finding of current.findings) {
      const key = `${finding.ruleId}|${finding.resource?.name}|${finding.message}|${finding.file}:${finding.range.start.line}:${finding.range.start.character}`;
      if (tried.has(key) || finding.suppressed) continue;
      tried.add(key);
      const fix = fixesFor(current, finding).find((f) => f.isPreferred);
      if (!fix) continue;
      const candidate = applyToFiles(texts, fix.edits, result.file);
      const check = reanalyse(candidate);
      if (check.problems.length > current.problems.length) continue; // never make the text worse
      texts = candidate;
      current = check;
      progressed = true;
      break;
    }
    if (!progressed) break;
    applied++;
  }
  const edits: TextEdit[] = [];
  for (const [file, text] of texts) {
    const edit = diffEdit(original.get(file) ?? '', text);
    if (edit) edits.push({ ...edit, file });
  }
  return { edits, applied };
}
