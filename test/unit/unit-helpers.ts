/**
 * Shared helpers for the engine unit tests: tiny in-memory rule sets (independent of the rule files
 * others are adding), compact range notation, and the text a range covers.
 */
import assert from 'node:assert/strict';
import { fixesFor } from '../../server/src/core/fixes/fixes';
import { applyEdits } from '../../server/src/core/fixes/text-edits';
import { analyze, type AnalysisResult } from '../../server/src/core/engine';
import type { Config } from '../../server/src/core/config/config';
import { defaultConfig } from '../../server/src/core/config/config';
import { LineIndex } from '../../server/src/core/model/positions';
import type { Range } from '../../server/src/core/model/types';
import type { RuleSet } from '../../server/src/core/rules/loader';
import type { FixSpec, Pred, Rule, Severity, Target } from '../../server/src/core/rules/types';

/** `l:c-l:c`, 0-based, as the model stores it. */
export function r(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** The exact text a range covers. */
export function textAt(text: string, range: Range): string {
  const index = new LineIndex(text);
  return text.slice(index.offset(range.start), index.offset(range.end));
}

export const META_RULES: Rule[] = [
  { id: 'suppression.missing-reason', title: 'A suppression needs a reason', severity: 'warning', kind: 'META', targets: [] },
  { id: 'suppression.unknown-rule', title: 'A suppression must name a known rule', severity: 'warning', kind: 'META', targets: [] },
  { id: 'suppression.unused', title: 'A suppression must suppress something', severity: 'info', kind: 'META', targets: [] },
];

export function ruleSet(rules: Rule[], withMeta = true): RuleSet {
  const all = withMeta ? [...rules, ...META_RULES] : rules;
  const section = { key: 'rds-mysql', title: 'Amazon RDS for MySQL', page: 8, resourceTypes: [], summary: 's' };
  return {
    rules: all,
    byId: new Map(all.map((x) => [x.id, x])),
    whitepaper: { title: 'Architecting for HIPAA', published: 'January 2019', url: 'https://example.invalid/wp', sections: [section] },
    sections: new Map([[section.key, section]]),
    dir: '/in-memory-rules',
  };
}

export function rule(id: string, targets: Target[], severity: Severity = 'error'): Rule {
  return { id, title: `Title of ${id}`, severity, kind: 'WP', targets };
}

/** A one-target rule on one resource type. */
export function simpleRule(id: string, type: string, check: Pred, extra: Partial<Target> & { fix?: FixSpec } = {}, severity: Severity = 'error'): Rule {
  return rule(id, [{ types: [type], check, message: `${id}: bad {value}`, missingMessage: `${id}: missing {path}`, ...extra }], severity);
}

/** A stable copy of rds.storage-encrypted's instance target (the rule file may change under us). */
export const RDS_RULE: Rule = {
  id: 'rds.storage-encrypted',
  title: 'RDS and Aurora storage must be encrypted at rest',
  severity: 'error',
  kind: 'WP',
  citation: { section: 'rds-mysql', page: 8, explanation: 'e' },
  targets: [
    {
      types: ['AWS::RDS::DBInstance'],
      when: { path: 'Engine', notMatches: '^aurora', ignoreCase: true },
      check: { path: 'StorageEncrypted', equals: true },
      message: 'StorageEncrypted is {value}.',
      missingMessage: 'StorageEncrypted is not set.',
      fix: { title: 'Set StorageEncrypted: true', replacesResource: true },
    },
    {
      types: ['AWS::RDS::DBCluster'],
      check: { path: 'StorageEncrypted', equals: true },
      message: 'Cluster StorageEncrypted is {value}.',
      missingMessage: 'Cluster StorageEncrypted is not set.',
      fix: { title: 'Set StorageEncrypted: true', replacesResource: true },
    },
  ],
};

export function run(text: string, rules: RuleSet, opts: { file?: string; config?: Config; force?: boolean; root?: string } = {}): AnalysisResult {
  return analyze({ file: opts.file ?? '/ws/template.yaml', text, rules, config: opts.config ?? defaultConfig(), force: opts.force, root: opts.root });
}

/** Findings as `ruleId l:c-l:c message` lines (suppressed ones marked), sorted for stable comparison. */
export function summary(result: AnalysisResult): string[] {
  return result.findings
    .map((f) => `${f.ruleId} ${r(f.range)} ${f.message}${f.suppressed ? ` [suppressed: ${f.suppressed.reason}]` : ''}`)
    .sort();
}

export function active(result: AnalysisResult, ruleId?: string) {
  return result.findings.filter((f) => !f.suppressed && (ruleId === undefined || f.ruleId === ruleId));
}

export function lines(...ls: string[]): string {
  return ls.join('\n') + '\n';
}

/**
 * Applies the preferred fix of the first active finding of `ruleId` in `file`; asserts the input and
 * the result parse, `check` holds on the result, and exactly that finding is gone.
 */
export function applyPreferredFix(text: string, file: string, rules: RuleSet, ruleId: string, check: (out: string) => void = () => undefined): string {
  const before = run(text, rules, { file });
  assert.deepEqual(before.problems, [], 'input parses');
  const finding = active(before, ruleId)[0];
  assert.ok(finding, `a ${ruleId} finding to fix`);
  const fix = fixesFor(before, finding).find((f) => f.isPreferred);
  assert.ok(fix, 'a preferred fix');
  const out = applyEdits(text, fix.edits);
  check(out);
  const after = run(out, rules, { file });
  assert.deepEqual(after.problems, [], `fixed text parses:\n${out}`);
  assert.equal(active(after, ruleId).length, active(before, ruleId).length - 1, `the finding is gone:\n${out}`);
  return out;
}
