/**
 * The JSON report (DESIGN.md, "The CLI"):
 *
 *   { "version": 1, "files": [ { path, format, status, reason, problems, ruleErrors } ],
 *     "findings": [ { ruleId, severity, message, file, range, resource, citation, suppressed, related } ] }
 *
 * Ranges are 0-based LSP line/character. Paths are relative to the working directory (with `/`)
 * when inside it, else absolute. Internal fields (the fix's `origin`) are never written.
 */
import type { AnalysisResult } from '../engine';
import type { Finding } from '../findings';
import type { Location, Range } from '../model/types';
import type { RuleSet } from '../rules/loader';
import { displayPath, sortedResults, type ReportOptions } from './common';

export const JSON_REPORT_VERSION = 1;

export interface JsonLocation {
  file: string;
  range: Range;
}

export interface JsonFile {
  path: string;
  format: string | null;
  /** `error`: the file could not be read (the reason says why). */
  status: 'analysed' | 'skipped' | 'error';
  reason: string;
  problems: { range: Range; message: string }[];
  ruleErrors: string[];
}

export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  file: string;
  range: Range;
  resource?: { type: string; name: string };
  citation?: Finding['citation'];
  suppressed?: { reason: string; location: JsonLocation };
  /** A "cannot verify" hint: the value is only known at deploy time. */
  unknown?: true;
  related: (JsonLocation & { message: string })[];
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  files: JsonFile[];
  findings: JsonFinding[];
}

export function toJsonReport(results: AnalysisResult[], _rules: RuleSet, options: ReportOptions): JsonReport {
  const rel = (file: string) => displayPath(file, options.cwd);
  const loc = (l: Location): JsonLocation => ({ file: rel(l.file), range: copyRange(l.range) });
  const sorted = sortedResults(results);
  const files: JsonFile[] = sorted.map((r) => ({
    path: rel(r.file),
    format: r.format ?? null,
    status: r.status,
    reason: r.reason,
    problems: r.problems.map((p) => ({ range: copyRange(p.range), message: p.message })),
    ruleErrors: [...r.ruleErrors],
  }));
  for (const e of options.fileErrors ?? []) {
    files.push({ path: rel(e.file), format: null, status: 'error', reason: e.reason, problems: [], ruleErrors: [] });
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  const findings = sorted.flatMap((r) =>
    r.findings.map((f): JsonFinding => {
      // Built key by key so the JSON reads in the documented order.
      const out = { ruleId: f.ruleId, severity: f.severity, message: f.message, file: rel(f.file), range: copyRange(f.range) } as JsonFinding;
      if (f.resource) out.resource = { type: f.resource.type, name: f.resource.name };
      if (f.citation) out.citation = { ...f.citation };
      if (f.suppressed) out.suppressed = { reason: f.suppressed.reason, location: loc(f.suppressed.location) };
      if (f.unknown) out.unknown = true;
      out.related = f.related.map((r) => ({ ...loc(r.location), message: r.message }));
      return out;
    }),
  );
  return { version: JSON_REPORT_VERSION, files, findings };
}

export function formatJson(results: AnalysisResult[], rules: RuleSet, options: ReportOptions): string {
  return `${JSON.stringify(toJsonReport(results, rules, options), null, 2)}\n`;
}

function copyRange(r: Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}
