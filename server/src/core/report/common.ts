/**
 * What the three reports share: options, display paths, ordering and counts. Pure functions: no
 * file system, no process state (the caller passes the working directory).
 */
import * as path from 'node:path';
import type { AnalysisResult } from '../engine';
import type { Finding, FindingSeverity } from '../findings';

/** A file the caller could not read (it never reached the engine). */
export interface FileError {
  /** Absolute path. */
  file: string;
  /** Why, in a few words ("no such file or directory"); never the file's contents. */
  reason: string;
}

export interface ReportOptions {
  /** Paths are shown relative to this folder when they are inside it. */
  cwd: string;
  /** Files that could not be read. */
  fileErrors?: FileError[];
  /** The tool, for SARIF's `tool.driver`. */
  tool?: { name: string; version: string; informationUri?: string };
  /** ANSI colours in the text report. */
  color?: boolean;
}

/** `file` relative to `cwd` with `/` separators when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  if (!isInside(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** Whether a path from `path.relative(base, x)` stays strictly inside `base`. */
export function isInside(rel: string): boolean {
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

const RANK: Record<FindingSeverity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

export function severityRank(severity: FindingSeverity): number {
  return RANK[severity] ?? 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

/** Results in path order, each with its findings in position order (inputs are not mutated). */
export function sortedResults(results: AnalysisResult[]): AnalysisResult[] {
  return [...results]
    .sort((a, b) => a.file.localeCompare(b.file))
    .map((r) => ({ ...r, findings: [...r.findings].sort(compareFindings) }));
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
  hint: number;
  suppressed: number;
  /** Unsuppressed findings of every severity. */
  problems: number;
  /** Files the engine analysed (not skipped). */
  analysed: number;
}

export function countFindings(results: AnalysisResult[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0, hint: 0, suppressed: 0, problems: 0, analysed: 0 };
  for (const r of results) {
    if (r.status === 'analysed') counts.analysed++;
    for (const f of r.findings) {
      if (f.suppressed) counts.suppressed++;
      else {
        counts[f.severity]++;
        counts.problems++;
      }
    }
  }
  return counts;
}

/** One line, whitespace collapsed: messages end up in terminals, logs and SARIF viewers. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
