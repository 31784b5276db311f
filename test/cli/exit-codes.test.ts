/**
 * Exit codes: 0 (nothing at or above --fail-on), 1 (findings), 2 (usage error, bad configuration,
 * unreadable file). Rule-sensitive cases use a generated configuration that turns off every rule
 * but the ones under test, so adding rules to rules/ does not change them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expectedExit, makeWorkspace, onlyRulesConfig, REPO, runCli, runJson, type Workspace } from './harness';

let w: Workspace;
let project: string;
/** rds.storage-encrypted (error), dynamodb.pitr and sqs.encryption-at-rest (warnings), kms.key-rotation (info). */
let core: string;

before(() => {
  w = makeWorkspace();
  project = path.join(w.ws, 'project');
  core = onlyRulesConfig(path.join(w.ws, 'configs'), 'core-only', ['rds.storage-encrypted', 'dynamodb.pitr', 'sqs.encryption-at-rest', 'kms.key-rotation']);
});
after(() => w.dispose());

type FailOn = 'error' | 'warning' | 'info' | 'never';

async function codes(args: string[], cwd = project): Promise<Record<FailOn, number>> {
  const levels = ['error', 'warning', 'info', 'never'] as const;
  const runs = await Promise.all(levels.map((level) => runCli(['--fail-on', level, ...args], cwd)));
  return Object.fromEntries(levels.map((level, i) => [level, runs[i].code])) as Record<FailOn, number>;
}

describe('--fail-on', () => {
  it('an error fails at every level but never', async () => {
    assert.deepEqual(await codes(['--config', core, 'templates/database.yaml']), { error: 1, warning: 1, info: 1, never: 0 });
  });

  it('a warning fails at warning and info, not at error', async () => {
    assert.deepEqual(await codes(['--config', core, 'templates/messaging.json']), { error: 0, warning: 1, info: 1, never: 0 });
  });

  it('an info fails only at info', async () => {
    assert.deepEqual(await codes(['--config', core, 'infra']), { error: 0, warning: 0, info: 1, never: 0 });
  });

  it('defaults to warning', async () => {
    assert.equal((await runCli(['--config', core, 'templates/messaging.json'], project)).code, 1);
    assert.equal((await runCli(['--config', core, 'infra'], project)).code, 0);
  });

  it('agrees with the JSON report at every level on the whole project (all rules)', async () => {
    const { report } = await runJson([], project);
    assert.ok(report.findings.length > 0);
    const got = await codes([]);
    for (const level of ['error', 'warning', 'info', 'never'] as const) assert.equal(got[level], expectedExit(report, level), level);
  });
});

describe('suppressions', () => {
  it('a suppressed finding is counted but never fails the run', async () => {
    const only = onlyRulesConfig(path.join(w.ws, 'configs'), 'kms-only', ['kms.key-rotation']);
    const run = await runCli(['--config', only, '--fail-on', 'info', 'templates/database.yaml'], project);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /^0 problems \(0 errors, 0 warnings, 0 infos\), 1 suppressed, 1 file checked$/m);
  });

  it('a suppression without a reason suppresses nothing and is itself reported', async () => {
    const { report, code } = await runJson([], path.join(w.ws, 'suppressions'));
    assert.equal(code, 1);
    const ebs = report.findings.filter((f) => f.ruleId === 'ebs.volume-encrypted');
    assert.deepEqual(
      ebs.map((f) => [f.resource?.name, f.suppressed?.reason ?? null]),
      [
        ['ScratchVolume', null],
        ['BuildCacheVolume', 'holds only the public AMI build cache, never PHI (approved in SEC-77)'],
      ],
    );
    const meta = report.findings.find((f) => f.ruleId === 'suppression.missing-reason');
    assert.equal(meta?.range.start.line, 2);
  });
});

describe('exit code 2', () => {
  it('for unknown options and bad values, with a hint to --help and nothing on stdout', async () => {
    for (const args of [['--bogus'], ['--format', 'xml'], ['--fail-on', 'critical'], ['--format'], ['--config', '']]) {
      const run = await runCli(args, project);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^hipaa-lint: .+\nRun "hipaa-lint --help" for usage\.\n$/, run.stderr);
    }
  });

  it('for a path that does not exist, after reporting the others', async () => {
    const run = await runCli(['templates', 'no-such-folder', 'templates/database.yaml/child.yaml'], project, { NO_COLOR: '1' });
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      'hipaa-lint: cannot read no-such-folder: no such file or directory\nhipaa-lint: cannot read templates/database.yaml/child.yaml: not a directory\n',
    );
    assert.match(run.stdout, /^templates\/database\.yaml$/m, 'the readable files are still reported');
  });

  it('for an unreadable file met while walking (a dangling symlink), listed in JSON as an error', async () => {
    const link = path.join(project, 'templates', 'orphan.yaml');
    fs.symlinkSync(path.join(project, 'templates', 'deleted-stack.yaml'), link);
    try {
      const { report, code, stderr } = await runJson(['--fail-on', 'never'], project);
      assert.equal(code, 2);
      assert.equal(stderr, 'hipaa-lint: cannot read templates/orphan.yaml: no such file or directory\n');
      assert.deepEqual(report.files.find((f) => f.path === 'templates/orphan.yaml'), {
        path: 'templates/orphan.yaml',
        format: null,
        status: 'error',
        reason: 'no such file or directory',
        problems: [],
        ruleErrors: [],
      });
      assert.ok(report.findings.some((f) => f.ruleId === 'rds.storage-encrypted'), 'other files are still analysed');
    } finally {
      fs.unlinkSync(link);
    }
  });

  it('for an invalid nearest .hipaa-lint.yaml, with a one-line message and no report', async () => {
    const run = await runCli([], path.join(w.ws, 'bad-config'));
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^hipaa-lint: bad configuration: .*bad-config\/\.hipaa-lint\.yaml: unknown setting "exlude"\n$/);
  });

  it('for an invalid or missing --config file', async () => {
    const invalid = await runCli(['--config', '../configs/invalid.yaml'], project);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /^hipaa-lint: bad configuration: .*invalid\.yaml: rules\.rds\.storage-encrypted must be error, warning, info or off\n$/);
    const missing = await runCli(['--config', 'nowhere.yaml'], project);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'hipaa-lint: bad configuration: cannot read configuration nowhere.yaml: no such file or directory\n');
  });

  it('when the report cannot be written', async () => {
    const run = await runCli(['--output', 'templates'], project);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'hipaa-lint: cannot write templates: is a directory\n');
  });
});

describe('help and version', () => {
  it('--help prints usage and exits 0', async () => {
    const run = await runCli(['--help'], project);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: hipaa-lint \[paths\.\.\.\]/);
    for (const option of ['--format', '--fail-on', '--config', '--output', '--no-color']) assert.ok(run.stdout.includes(option), option);
  });

  it('--version prints the package version and exits 0', async () => {
    const run = await runCli(['--version'], project);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${pkg.version}\n`);
  });
});

describe('file contents stay private', () => {
  it('no format prints text from the files other than finding messages (parse problems included)', async () => {
    const broken = path.join(w.ws, 'broken');
    for (const format of ['text', 'json', 'sarif']) {
      const run = await runCli(['--format', format], broken);
      assert.equal(run.code, 1, `${format}: ${run.stderr}`);
      assert.ok(!`${run.stdout}${run.stderr}`.includes('PHI-CANARY-7731'), format);
    }
  });

  it('parse problems are warnings on stderr in text mode and never hide the other findings', async () => {
    const broken = path.join(w.ws, 'broken');
    const text = await runCli([], broken, { NO_COLOR: '1' });
    assert.match(text.stderr, /^hipaa-lint: warning: stack\.yaml:\d+:\d+: .+$/m);
    assert.match(text.stdout, /ebs\.volume-encrypted/);
    const json = await runJson([], broken);
    assert.equal(json.stderr, '', 'JSON mode keeps them in files[].problems');
    assert.ok(json.report.files[0].problems.length > 0);
    assert.ok(json.report.findings.some((f) => f.ruleId === 'ebs.volume-encrypted'));
  });
});
