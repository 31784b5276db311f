/**
 * Reads each file and runs the engine on it; files that cannot be read are collected, not fatal.
 * The `.tf` files of one folder are one Terraform module: analysed once, together with the
 * folder's tfvars, and the findings are then reported under the file each one points into.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type AnalysisResult, type SourceFile } from '../core/engine';
import { isTfvars } from '../core/formats/terraform/module';
import type { FileError } from '../core/report';
import type { RuleSet } from '../core/rules/loader';
import { readSource } from '../core/workspace/read';
import type { FileToAnalyse } from '../core/workspace/walk';

export function analyseFiles(files: FileToAnalyse[], rules: RuleSet, root: string): { results: AnalysisResult[]; errors: FileError[] } {
  const results: AnalysisResult[] = [];
  const errors: FileError[] = [];
  const modules = new Map<string, FileToAnalyse[]>();
  for (const entry of files) {
    if (entry.file.endsWith('.tf')) {
      const dir = path.dirname(entry.file);
      modules.set(dir, [...(modules.get(dir) ?? []), entry]);
      continue;
    }
    const read = readSource(entry.file);
    if (!read.ok) errors.push({ file: entry.file, reason: read.reason });
    else results.push(safely(entry, rules, () => analyze({ file: entry.file, text: read.text, config: entry.config, rules, root })));
  }
  for (const [dir, entries] of modules) {
    const sources: SourceFile[] = [];
    for (const file of moduleFiles(dir, entries)) {
      const read = readSource(file);
      if (read.ok) sources.push({ file, text: read.text });
      else errors.push({ file, reason: read.reason });
    }
    const primary = entries.find((e) => sources.some((s) => s.file === e.file));
    if (!primary) continue;
    const text = sources.find((s) => s.file === primary.file)!.text;
    const result = safely(primary, rules, () => analyze({ file: primary.file, text, siblings: sources, config: primary.config, rules, root }));
    results.push(...splitByFile(result, entries.map((e) => e.file)));
  }
  return { results, errors };
}

/** The module's files: the walked `.tf` files plus the folder's tfvars (which are inputs, not reported on). */
function moduleFiles(dir: string, entries: FileToAnalyse[]): string[] {
  let tfvars: string[] = [];
  try {
    tfvars = fs.readdirSync(dir).filter((f) => isTfvars(f)).map((f) => path.join(dir, f));
  } catch {
    // the folder listing failed: the .tf files are still analysed
  }
  return [...entries.map((e) => e.file), ...tfvars];
}

/** One result per file of a module, each holding the findings located in that file. */
function splitByFile(result: AnalysisResult, files: string[]): AnalysisResult[] {
  return files.map((file, i) => ({
    ...result,
    file,
    findings: result.findings.filter((f) => f.file === file),
    problems: result.problems.filter((p) => p.file === file),
    // Rule errors concern the module: report them once.
    ruleErrors: i === 0 ? result.ruleErrors : [],
  }));
}

function safely(entry: FileToAnalyse, rules: RuleSet, run: () => AnalysisResult): AnalysisResult {
  try {
    return run();
  } catch (e) {
    // The engine should never throw; if it does, the other files are still checked and the run exits 2.
    return {
      file: entry.file,
      status: 'skipped',
      reason: 'internal error',
      findings: [],
      problems: [],
      outcomes: [],
      sources: [],
      ruleErrors: [`engine: ${(e as Error)?.message?.split('\n')[0] ?? String(e)}`],
      rules,
      config: entry.config,
    };
  }
}
