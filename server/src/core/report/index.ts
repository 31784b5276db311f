/** The reports: pure functions from analysis results to text, JSON or SARIF. */
import type { AnalysisResult } from '../engine';
import type { RuleSet } from '../rules/loader';
import type { ReportOptions } from './common';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export type ReportFormat = 'text' | 'json' | 'sarif';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif'];

export function formatReport(format: ReportFormat, results: AnalysisResult[], rules: RuleSet, options: ReportOptions): string {
  switch (format) {
    case 'json':
      return formatJson(results, rules, options);
    case 'sarif':
      return formatSarif(results, rules, options);
    default:
      return formatText(results, rules, options);
  }
}

export { countFindings, displayPath, severityRank, type Counts, type FileError, type ReportOptions } from './common';
export { formatErrorLines, formatProblemLines, formatText, summary } from './text';
export { formatJson, toJsonReport, JSON_REPORT_VERSION, type JsonReport, type JsonFinding, type JsonFile } from './json';
export { formatSarif, toSarif } from './sarif';
