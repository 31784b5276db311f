import { analyze } from '../../server/src/core/engine';
import { fixesFor } from '../../server/src/core/fixes/fixes';
import { applyEdits } from '../../server/src/core/fixes/text-edits';
import type { RuleSet } from '../../server/src/core/rules/loader';

/** Applies the preferred fix of every finding of `ruleId`, one at a time, re-analysing in between. */
export function applyFirstFix(file: string, text: string, ruleId: string, rules: RuleSet): string {
  let current = text;
  for (let round = 0; round < 10; round++) {
    const result = analyze({ file, text: current, rules });
    const finding = result.findings.find((f) => f.ruleId === ruleId && !f.suppressed);
    if (!finding) return current;
    const fix = fixesFor(result, finding).find((f) => f.kind === 'fix');
    if (!fix) throw new Error(`no fix offered for ${ruleId}: ${finding.message}`);
    current = applyEdits(current, fix.edits);
  }
  return current;
}
