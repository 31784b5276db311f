import { analyze, type SourceFile } from '../../server/src/core/engine';
import { applyToFiles, fixesFor } from '../../server/src/core/fixes/fixes';
import type { RuleSet } from '../../server/src/core/rules/loader';

/** Analyses the first file with the others as its siblings (a Terraform module). */
export function analyzeFiles(files: SourceFile[], rules: RuleSet) {
  const [primary, ...siblings] = files;
  return analyze({ file: primary.file, text: primary.text, siblings, rules });
}

/** Applies the rule's own fix to each of its findings, one at a time, re-analysing in between. */
export function applyRuleFixes(files: SourceFile[], ruleId: string, rules: RuleSet): SourceFile[] {
  let texts = new Map(files.map((f) => [f.file, f.text]));
  for (let round = 0; round < 10; round++) {
    const result = analyzeFiles([...texts].map(([file, text]) => ({ file, text })), rules);
    const finding = result.findings.find((f) => f.ruleId === ruleId && !f.suppressed);
    if (!finding) break;
    const fix = fixesFor(result, finding).find((f) => f.kind === 'fix');
    if (!fix) throw new Error(`no fix offered for ${ruleId}: ${finding.message}`);
    texts = applyToFiles(texts, fix.edits, files[0].file);
  }
  return [...texts].map(([file, text]) => ({ file, text }));
}

/** Single-file form (CloudFormation). */
export function applyFirstFix(file: string, text: string, ruleId: string, rules: RuleSet): string {
  return applyRuleFixes([{ file, text }], ruleId, rules)[0].text;
}
