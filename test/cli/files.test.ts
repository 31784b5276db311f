/** Which files are analysed: .gitignore, config excludes, always-skipped folders, named paths, configuration lookup. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ids, makeWorkspace, runCli, runJson, type Workspace } from './harness';

let w: Workspace;
let project: string;

before(() => {
  w = makeWorkspace();
  project = path.join(w.ws, 'project');
});
after(() => w.dispose());

async function paths(args: string[], cwd = project): Promise<string[]> {
  const { report } = await runJson(['--fail-on', 'never', ...args], cwd);
  return report.files.map((f) => f.path);
}

describe('walking folders', () => {
  it('honours .gitignore files (nested ones for their subtree), config excludes and always-skipped folders', async () => {
    const found = await paths([]);
    assert.deepEqual(found, [
      'config/app.json',
      'config/settings.yaml',
      'infra/archive-key.yaml',
      'infra/keys.yaml',
      'team-b/reports-db.yaml',
      'templates/database.yaml',
      'templates/messaging.json',
    ]);
    // generated/ and *.local.yaml: root .gitignore; infra/legacy/: infra/.gitignore; team-b/vendor/**: team-b's
    // exclude; node_modules (also nested), cdk.out, .terraform: always; .hipaa-lint.yaml: configuration.
  });

  it('walks the folders it is given, relative to the working directory', async () => {
    assert.deepEqual(await paths(['templates', 'infra']), ['infra/archive-key.yaml', 'infra/keys.yaml', 'templates/database.yaml', 'templates/messaging.json']);
    assert.deepEqual(await paths(['project/infra'], w.ws), ['project/infra/archive-key.yaml', 'project/infra/keys.yaml']);
  });

  it('lists a file once when it is named twice', async () => {
    assert.deepEqual(await paths(['templates', 'templates/database.yaml', './templates/database.yaml']), ['templates/database.yaml', 'templates/messaging.json']);
  });

  it('shows files outside the working directory with absolute paths', async () => {
    const clean = path.join(w.ws, 'clean');
    assert.deepEqual(await paths(['../clean']), [path.join(clean, 'keys.yaml')]);
  });
});

describe('files and folders named on the command line', () => {
  it('are analysed even when git ignores them', async () => {
    const { report } = await runJson(['--fail-on', 'never', 'generated/stack.yaml', 'scratch.local.yaml', 'infra/legacy'], project);
    assert.deepEqual(report.files.map((f) => [f.path, f.status]), [
      ['generated/stack.yaml', 'analysed'],
      ['infra/legacy/old.yaml', 'analysed'],
      ['scratch.local.yaml', 'analysed'],
    ]);
    assert.deepEqual(ids(report), ['ebs.volume-encrypted', 'ebs.volume-encrypted', 'ebs.volume-encrypted']);
  });

  it('are still skipped, with the reason, when the configuration excludes them or they are not templates', async () => {
    const { report } = await runJson(['team-b/vendor/third-party.yaml', 'config/settings.yaml'], project);
    assert.deepEqual(report.files.map((f) => [f.path, f.status, f.reason]), [
      ['config/settings.yaml', 'skipped', report.files[0].reason],
      ['team-b/vendor/third-party.yaml', 'skipped', 'excluded by configuration'],
    ]);
    assert.match(report.files[0].reason, /^not a CloudFormation template/);
    assert.deepEqual(report.findings, []);
  });
});

describe('configuration', () => {
  it('uses the nearest .hipaa-lint.yaml: a rule turned off there does not fire there, and does elsewhere', async () => {
    const { report } = await runJson([], project);
    assert.ok(ids(report, 'templates/database.yaml').includes('rds.storage-encrypted'));
    const teamB = report.findings.filter((f) => f.file === 'team-b/reports-db.yaml');
    assert.ok(teamB.length > 0, 'other rules still run on the team-b template');
    assert.ok(!teamB.some((f) => f.ruleId === 'rds.storage-encrypted'));
  });

  it('--config replaces the nearest file for every file (its excludes too)', async () => {
    const { report } = await runJson(['--config', '../configs/rds-off.yaml'], project);
    assert.ok(!ids(report).includes('rds.storage-encrypted'));
    assert.ok(report.files.some((f) => f.path === 'team-b/vendor/third-party.yaml'), 'team-b exclude no longer applies');
  });

  it('never looks above the repository root', async () => {
    // outer/.hipaa-lint.yaml is invalid: inside the repository (outer/ws) it is never read ...
    assert.equal((await runCli([], path.join(w.ws, 'clean'))).code, 0);
    // ... outside any repository the search goes up to the file system root and finds it.
    const outside = await runCli([], w.noGit);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /^hipaa-lint: bad configuration: .*outer\/\.hipaa-lint\.yaml: /);
  });
});
