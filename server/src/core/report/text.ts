/**
 * The human report, grouped by file like ESLint's "stylish" format:
 *
 *   templates/database.yaml
 *     8:7  error  StorageEncrypted is false; …  rds.storage-encrypted
 *
 *   1 problem (1 error, 0 warnings, 0 infos), 1 suppressed, 3 files checked
 *
 * Suppressed findings are counted, not listed; skipped files are not mentioned. Parse problems,
 * rule errors and unreadable files go to stderr (`formatProblemLines`, `formatErrorLines`).
 */
import type { AnalysisResult } from '../engine';
import type { Finding, FindingSeverity } from '../findings';
import type { RuleSet } from '../rules/loader';
import { countFindings, displayPath, oneLine, sortedResults, type Counts, type ReportOptions } from './common';

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  underline: '\u001b[4m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  blue: '\u001b[34m',
  gray: '\u001b[90m',
} as const;

type Paint = (style: keyof typeof ANSI, text: string) => string;

const SEVERITY_STYLE: Record<FindingSeverity, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'gray' };

export function formatText(results: AnalysisResult[], _rules: RuleSet, options: ReportOptions): string {
  const paint: Paint = options.color ? (style, text) => `${ANSI[style]}${text}${ANSI.reset}` : (_style, text) => text;
  const out: string[] = [];
  for (const result of sortedResults(results)) {
    const shown = result.findings.filter((f) => !f.suppressed);
    if (!shown.length) continue;
    out.push(paint('underline', displayPath(result.file, options.cwd)));
    out.push(...table(shown, paint), '');
  }
  const counts = countFindings(results);
  const line = summary(counts);
  out.push(counts.problems ? paint('bold', line) : line);
  return `${out.join('\n')}\n`;
}

function table(findings: Finding[], paint: Paint): string[] {
  const rows = findings.map((f) => ({
    position: `${f.range.start.line + 1}:${f.range.start.character + 1}`,
    severity: f.severity,
    message: oneLine(f.message),
    ruleId: f.ruleId,
  }));
  const wPos = Math.max(...rows.map((r) => r.position.length));
  const wSev = Math.max(...rows.map((r) => r.severity.length));
  return rows.map(
    (r) =>
      `  ${paint('dim', r.position.padEnd(wPos))}  ${paint(SEVERITY_STYLE[r.severity], r.severity.padEnd(wSev))}  ${r.message}  ${paint('dim', r.ruleId)}`,
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summary(counts: Counts): string {
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.info, 'info')];
  if (counts.hint) parts.push(plural(counts.hint, 'hint'));
  let line = `${plural(counts.problems, 'problem')} (${parts.join(', ')})`;
  if (counts.suppressed) line += `, ${counts.suppressed} suppressed`;
  return `${line}, ${plural(counts.analysed, 'file')} checked`;
}

/** Lines for stderr, in every format: files that could not be read and rules that threw (exit code 2). */
export function formatErrorLines(results: AnalysisResult[], options: Pick<ReportOptions, 'cwd' | 'fileErrors'>): string {
  const out: string[] = [];
  for (const e of options.fileErrors ?? []) out.push(`hipaa-lint: cannot read ${displayPath(e.file, options.cwd)}: ${e.reason}`);
  for (const r of sortedResults(results)) {
    for (const e of r.ruleErrors) out.push(`hipaa-lint: error: ${displayPath(r.file, options.cwd)}: rule failed: ${oneLine(e)}`);
  }
  return lines(out);
}

/**
 * Lines for stderr in text mode: parse problems, as warnings (whatever still parsed was analysed,
 * and its findings are in the report). Positions and the parser's message only, never file text.
 */
export function formatProblemLines(results: AnalysisResult[], options: Pick<ReportOptions, 'cwd'>): string {
  const out: string[] = [];
  for (const r of sortedResults(results)) {
    const where = displayPath(r.file, options.cwd);
    for (const p of r.problems) {
      out.push(`hipaa-lint: warning: ${where}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${oneLine(p.message)}`);
    }
  }
  return lines(out);
}

function lines(out: string[]): string {
  return out.length ? `${out.join('\n')}\n` : '';
}
