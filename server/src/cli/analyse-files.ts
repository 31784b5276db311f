/** Reads each file and runs the engine on it; files that cannot be read are collected, not fatal. */
import { analyze, type AnalysisResult } from '../core/engine';
import type { FileError } from '../core/report';
import type { RuleSet } from '../core/rules/loader';
import { readSource } from '../core/workspace/read';
import type { FileToAnalyse } from '../core/workspace/walk';

export function analyseFiles(files: FileToAnalyse[], rules: RuleSet, root: string): { results: AnalysisResult[]; errors: FileError[] } {
  const results: AnalysisResult[] = [];
  const errors: FileError[] = [];
  for (const { file, config } of files) {
    const read = readSource(file);
    if (!read.ok) {
      errors.push({ file, reason: read.reason });
      continue;
    }
    try {
      results.push(analyze({ file, text: read.text, config, rules, root }));
    } catch (e) {
      // The engine should never throw; if it does, the other files are still checked and the run exits 2.
      results.push({
        file,
        status: 'skipped',
        reason: 'internal error',
        findings: [],
        problems: [],
        outcomes: [],
        ruleErrors: [`engine: ${(e as Error)?.message?.split('\n')[0] ?? String(e)}`],
        rules,
        config,
      });
    }
  }
  return { results, errors };
}
