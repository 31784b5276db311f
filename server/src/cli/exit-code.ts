/** The exit code: 2 when something could not be checked, 1 for findings at or above --fail-on, else 0. */
import type { AnalysisResult } from '../core/engine';
import type { FindingSeverity } from '../core/findings';
import { severityRank } from '../core/report';
import type { FailOn } from './args';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Whether a finding counts against --fail-on. Suppressed findings and "cannot verify" hints never do. */
export function fails(severity: FindingSeverity, suppressed: boolean, failOn: FailOn): boolean {
  if (failOn === 'never' || suppressed || severity === 'hint') return false;
  return severityRank(severity) >= severityRank(failOn);
}

export function exitCodeOf(results: AnalysisResult[], failOn: FailOn, hadErrors: boolean): number {
  // A rule that threw is an internal error: a compliance gate must not pass on a check that never ran.
  if (hadErrors || results.some((r) => r.ruleErrors.length)) return EXIT_ERROR;
  const failing = results.some((r) => r.findings.some((f) => fails(f.severity, Boolean(f.suppressed), failOn)));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
