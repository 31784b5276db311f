/**
 * The report functions and the exit code on hand-made results, for what the fixtures cannot
 * produce: a rule that throws, "cannot verify" hints, files outside the working directory,
 * internal fields on findings.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../server/src/core/config/config';
import type { AnalysisResult } from '../../server/src/core/engine';
import type { Finding } from '../../server/src/core/findings';
import { formatErrorLines, formatJson, formatText, toSarif } from '../../server/src/core/report';
import { loadRuleSet } from '../../server/src/core/rules/loader';
import { exitCodeOf } from '../../server/src/cli/exit-code';

const rules = loadRuleSet();
const cwd = path.resolve('/work/project');
const range = (line: number, character: number, length: number) => ({ start: { line, character }, end: { line, character: character + length } });

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'rds.storage-encrypted',
    severity: 'error',
    message: 'StorageEncrypted is false.',
    file: path.join(cwd, 'db.yaml'),
    range: range(4, 6, 5),
    related: [],
    ...over,
  };
}

function result(file: string, findings: Finding[], ruleErrors: string[] = []): AnalysisResult {
  return { file, format: 'cloudformation-yaml', status: 'analysed', reason: 'has Resources with AWS:: types', findings, problems: [], ruleErrors, outcomes: [], sources: [], rules, config: defaultConfig() };
}

describe('reports on hand-made results', () => {
  it('a rule that threw is on stderr, in SARIF notifications, and makes the exit code 2', () => {
    const results = [result(path.join(cwd, 'db.yaml'), [], ['rds.storage-encrypted on Database: boom'])];
    assert.equal(formatErrorLines(results, { cwd }), 'hipaa-lint: error: db.yaml: rule failed: rds.storage-encrypted on Database: boom\n');
    const sarif = toSarif(results, rules, { cwd }) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[] }[] };
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
    assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications.length, 1);
    assert.equal(exitCodeOf(results, 'never', false), 2);
  });

  it('hints are listed and counted but never fail, even at --fail-on info', () => {
    const results = [result(path.join(cwd, 'db.yaml'), [finding({ severity: 'hint', unknown: true, message: 'Cannot verify.' })])];
    assert.match(formatText(results, rules, { cwd }), /^ {2}5:7 {2}hint {2}Cannot verify\. {2}rds\.storage-encrypted$/m);
    assert.match(formatText(results, rules, { cwd }), /^1 problem \(0 errors, 0 warnings, 0 infos, 1 hint\), 1 file checked$/m);
    assert.equal(exitCodeOf(results, 'info', false), 0);
    const sarif = toSarif(results, rules, { cwd }) as { runs: { results: { level: string }[] }[] };
    assert.equal(sarif.runs[0].results[0].level, 'note');
  });

  it('JSON never carries internal fields; files outside the working directory keep absolute paths', () => {
    const outside = path.resolve('/elsewhere/stack.yaml');
    const f = finding({ file: outside, origin: { internal: true } as unknown as Finding['origin'] });
    const json = JSON.parse(formatJson([result(outside, [f])], rules, { cwd }));
    assert.equal(json.findings[0].file, outside.split(path.sep).join('/'));
    assert.ok(!('origin' in json.findings[0]));
    const sarif = toSarif([result(outside, [f])], rules, { cwd }) as { runs: { results: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[] }[] };
    assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'file:///elsewhere/stack.yaml' });
  });

  it('SARIF describes rule ids the rule set lacks (suppression checks) so every ruleIndex resolves', () => {
    const results = [result(path.join(cwd, 'db.yaml'), [finding({ ruleId: 'suppression.something-new', severity: 'warning' })])];
    const sarif = toSarif(results, rules, { cwd }) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleIndex: number }[] }[] };
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.rules[run.results[0].ruleIndex].id, 'suppression.something-new');
  });
});
