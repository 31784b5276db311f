/** The three report formats, from the real binary on the fixture project. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { makeWorkspace, REPO, runCli, runJson, type JsonReport, type Workspace } from './harness';

let w: Workspace;
let project: string;
/** The JSON report of the project with default settings, shared by the text and SARIF checks. */
let baseline: JsonReport;

before(async () => {
  w = makeWorkspace();
  project = path.join(w.ws, 'project');
  baseline = (await runJson([], project)).report;
});
after(() => w.dispose());

const ESC = '\u001b[';

function unsuppressed(report: JsonReport) {
  return report.findings.filter((f) => !f.suppressed);
}

describe('text report', () => {
  it('groups findings by file as line:col severity message rule-id, with a summary', async () => {
    const run = await runCli([], project, { NO_COLOR: '1' });
    assert.equal(run.code, 1, run.stderr);
    assert.ok(!run.stdout.includes(ESC), 'no colours with NO_COLOR');
    const lines = run.stdout.split('\n');
    const header = lines.indexOf('templates/database.yaml');
    assert.ok(header >= 0, run.stdout);
    const block = lines.slice(header + 1, lines.indexOf('', header));
    assert.ok(
      block.some((l) => /^ {2}19:25 +error +StorageEncrypted is false; .* {2}rds\.storage-encrypted$/.test(l)),
      `no RDS line in:\n${block.join('\n')}`,
    );
    assert.ok(block.some((l) => /^ {2}24:3 +warning +.* {2}dynamodb\.pitr$/.test(l)), block.join('\n'));
    assert.ok(run.stdout.includes('\ntemplates/messaging.json\n'), run.stdout);
    assert.ok(/^ {2}5:5 +warning +.* {2}sqs\.encryption-at-rest$/m.test(run.stdout), run.stdout);
  });

  it('does not show suppressed findings but counts them, and counts match the JSON report', async () => {
    const run = await runCli([], project, { NO_COLOR: '1' });
    const block = run.stdout.split('\n\n').find((b) => b.startsWith('templates/database.yaml\n'));
    assert.ok(block && !block.includes('kms.key-rotation'), `the suppressed kms.key-rotation finding is listed:\n${block}`);
    const m = /^(\d+) problems? \((\d+) errors?, (\d+) warnings?, (\d+) infos?(?:, (\d+) hints?)?\), (\d+) suppressed, (\d+) files? checked$/m.exec(run.stdout);
    assert.ok(m, `no summary line in:\n${run.stdout}`);
    const shown = unsuppressed(baseline);
    const count = (s: string) => shown.filter((f) => f.severity === s).length;
    assert.deepEqual(
      m.slice(1).map((x) => Number(x ?? 0)),
      [shown.length, count('error'), count('warning'), count('info'), count('hint'), 1, baseline.files.filter((f) => f.status === 'analysed').length],
    );
  });

  it('skips non-templates silently', async () => {
    const run = await runCli([], project, { NO_COLOR: '1' });
    assert.ok(!run.stdout.includes('config/settings.yaml') && !run.stdout.includes('config/app.json'), run.stdout);
    assert.equal(run.stderr, '');
  });

  it('colours only when asked or on a terminal: --color, FORCE_COLOR; NO_COLOR and --no-color win', async () => {
    assert.ok((await runCli(['--color'], project)).stdout.includes(ESC));
    assert.ok((await runCli([], project, { FORCE_COLOR: '1' })).stdout.includes(ESC));
    assert.ok(!(await runCli([], project)).stdout.includes(ESC), 'a pipe is not a terminal');
    assert.ok(!(await runCli([], project, { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout.includes(ESC));
    assert.ok(!(await runCli(['--no-color'], project, { FORCE_COLOR: '1' })).stdout.includes(ESC));
  });

  it('says so when there is nothing to report', async () => {
    const run = await runCli([], path.join(w.ws, 'clean'));
    assert.match(run.stdout, /^0 problems \(0 errors, 0 warnings, 0 infos\), 1 file checked$/m);
    assert.equal(run.code, 0);
  });
});

describe('JSON report', () => {
  it('has exactly version, files and findings', () => {
    assert.deepEqual(Object.keys(baseline), ['version', 'files', 'findings']);
    assert.equal(baseline.version, 1);
  });

  it('lists analysed and skipped files with format, status and reason', () => {
    const byPath = new Map(baseline.files.map((f) => [f.path, f]));
    assert.deepEqual(
      [...byPath.keys()].sort(),
      ['config/app.json', 'config/settings.yaml', 'infra/archive-key.yaml', 'infra/keys.yaml', 'team-b/reports-db.yaml', 'templates/database.yaml', 'templates/messaging.json'],
    );
    assert.deepEqual(
      { ...byPath.get('templates/database.yaml'), reason: undefined },
      { path: 'templates/database.yaml', format: 'cloudformation-yaml', status: 'analysed', reason: undefined, problems: [], ruleErrors: [] },
    );
    assert.equal(byPath.get('templates/messaging.json')?.format, 'cloudformation-json');
    for (const p of ['config/settings.yaml', 'config/app.json']) {
      assert.equal(byPath.get(p)?.status, 'skipped');
      assert.match(byPath.get(p)!.reason, /not a CloudFormation template/);
    }
  });

  it('writes each finding with 0-based LSP ranges, resource, citation and related locations, and no internals', () => {
    const allowed = new Set(['ruleId', 'severity', 'message', 'file', 'range', 'resource', 'citation', 'suppressed', 'related', 'unknown']);
    for (const f of baseline.findings) {
      for (const key of Object.keys(f)) assert.ok(allowed.has(key), `unexpected key ${key} in ${f.ruleId}`);
      assert.ok(Array.isArray(f.related));
      assert.ok(!('origin' in f));
    }
    const rds = baseline.findings.find((f) => f.ruleId === 'rds.storage-encrypted');
    assert.ok(rds, 'rds.storage-encrypted fires on templates/database.yaml');
    assert.equal(rds.severity, 'error');
    assert.equal(rds.file, 'templates/database.yaml');
    assert.deepEqual(rds.range, { start: { line: 18, character: 24 }, end: { line: 18, character: 29 } });
    assert.deepEqual(rds.resource, { type: 'AWS::RDS::DBInstance', name: 'ClaimsDatabase' });
    assert.equal(rds.citation?.section, 'rds-mysql');
    assert.equal(rds.citation?.page, 8);
    assert.match(rds.citation!.document, /Architecting for HIPAA Security and Compliance/);
    assert.match(rds.message, /StorageEncrypted is false/);
    assert.equal(rds.suppressed, undefined);
    const sqs = baseline.findings.find((f) => f.ruleId === 'sqs.encryption-at-rest');
    assert.deepEqual(sqs?.range.start, { line: 4, character: 4 });
    assert.equal(sqs?.file, 'templates/messaging.json');
  });

  it('marks suppressed findings with the reason and where the suppression is', () => {
    const kms = baseline.findings.find((f) => f.ruleId === 'kms.key-rotation' && f.file === 'templates/database.yaml');
    assert.ok(kms);
    assert.deepEqual(kms.suppressed, {
      reason: 'rotated every 90 days by the key-management runbook (SEC-142)',
      location: { file: 'templates/database.yaml', range: { start: { line: 38, character: 2 }, end: { line: 38, character: 98 } } },
    });
  });
});

describe('SARIF report', () => {
  const validator = path.join(REPO, 'node_modules/@microsoft/sarif-multitool/bin.js');

  function validate(file: string): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [validator, 'validate', file], { timeout: 120_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
      });
    });
  }

  function assertValid(result: { code: number; output: string }) {
    assert.equal(result.code, 0, result.output);
    const errors = result.output.split('\n').filter((l) => /\berror\b/i.test(l));
    assert.deepEqual(errors, [], result.output);
  }

  it('validates against the SARIF 2.1.0 schema (sarif-multitool)', async () => {
    const run = await runCli(['--format', 'sarif', '--output', 'results.sarif'], project);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '', 'the report goes to --output, not stdout');
    assertValid(await validate(path.join(project, 'results.sarif')));
  });

  it('describes the tool and every rule: title, citation, help, tags, default level', async () => {
    const sarif = JSON.parse((await runCli(['-f', 'sarif'], project)).stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const run = sarif.runs[0];
    const driver = run.tool.driver;
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    assert.equal(driver.name, 'hipaa-lint');
    assert.equal(driver.version, pkg.version);
    assert.match(driver.informationUri, /^https:\/\//);
    const rule = driver.rules.find((r: { id: string }) => r.id === 'rds.storage-encrypted');
    const source = parse(fs.readFileSync(path.join(REPO, 'rules/rds.storage-encrypted.yaml'), 'utf8'));
    assert.equal(rule.shortDescription.text, source.title);
    assert.equal(rule.fullDescription.text, source.citation.explanation.replace(/\s+/g, ' ').trim());
    assert.match(rule.helpUri, /^https:\/\//);
    assert.ok(rule.properties.tags.includes('hipaa'));
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.ok(rule.name && !rule.name.includes('.'));
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(project).href}/` } });
  });

  it('writes results with rule index, level, 1-based regions relative to %SRCROOT%, and in-source suppressions', async () => {
    const sarif = JSON.parse((await runCli(['-f', 'sarif'], project)).stdout);
    const run = sarif.runs[0];
    assert.equal(run.results.length, baseline.findings.length);
    const rds = run.results.find((r: { ruleId: string }) => r.ruleId === 'rds.storage-encrypted');
    assert.equal(run.tool.driver.rules[rds.ruleIndex].id, 'rds.storage-encrypted');
    assert.equal(rds.level, 'error');
    assert.match(rds.message.text, /StorageEncrypted is false/);
    assert.deepEqual(rds.locations[0].physicalLocation, {
      artifactLocation: { uri: 'templates/database.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 19, startColumn: 25, endLine: 19, endColumn: 30 },
    });
    assert.equal(rds.suppressions, undefined);
    const kms = run.results.find((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      r.ruleId === 'kms.key-rotation' && r.locations[0].physicalLocation.artifactLocation.uri === 'templates/database.yaml');
    assert.deepEqual(kms.suppressions.map((s: { kind: string; justification: string }) => [s.kind, s.justification]), [
      ['inSource', 'rotated every 90 days by the key-management runbook (SEC-142)'],
    ]);
    const levels = new Set(run.results.map((r: { level: string }) => r.level));
    for (const level of levels) assert.ok(['error', 'warning', 'note'].includes(level as string));
  });

  it('still validates with parse problems and an unreadable file (as tool notifications)', async () => {
    const broken = path.join(w.ws, 'broken');
    fs.symlinkSync(path.join(broken, 'missing-target.yaml'), path.join(broken, 'dangling.yaml'));
    try {
      const run = await runCli(['-f', 'sarif', '-o', 'broken.sarif'], broken);
      assert.equal(run.code, 2, run.stderr);
      const sarif = JSON.parse(fs.readFileSync(path.join(broken, 'broken.sarif'), 'utf8'));
      const invocation = sarif.runs[0].invocations[0];
      assert.equal(invocation.executionSuccessful, false);
      const texts = invocation.toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => `${n.level}: ${n.message.text}`);
      assert.ok(texts.includes('error: cannot read dangling.yaml: no such file or directory'), texts.join('\n'));
      assert.ok(texts.some((t: string) => t.startsWith('warning: ')), texts.join('\n'));
      assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'ebs.volume-encrypted'));
      assertValid(await validate(path.join(broken, 'broken.sarif')));
    } finally {
      fs.unlinkSync(path.join(broken, 'dangling.yaml'));
    }
  });
});
