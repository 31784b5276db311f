/**
 * hipaa-lint on whole projects: a CDK project (its node_modules and cdk.out are never read) and a
 * Terraform module folder (analysed once, findings reported under the file they point into).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO, runCli } from './harness';

interface JsonReport {
  files: { path: string; status: string }[];
  findings: { ruleId: string; file: string; range: { start: { line: number } } }[];
}

describe('hipaa-lint on a CDK project', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-cdk-'));
    fs.cpSync(path.join(REPO, 'test/fixtures/cdk/project'), dir, { recursive: true });
    // What a real project also holds: dependencies and synth output, full of findings, never analysed.
    const bad = "import * as rds from 'aws-cdk-lib/aws-rds';\nnew rds.DatabaseInstance(this, 'X', { storageEncrypted: false });\n";
    fs.mkdirSync(path.join(dir, 'node_modules/some-lib/lib'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules/some-lib/lib/stack.ts'), bad);
    fs.mkdirSync(path.join(dir, 'cdk.out'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'cdk.out/App.template.json'), JSON.stringify({ Resources: { V: { Type: 'AWS::EC2::Volume', Properties: { Encrypted: false } } } }));
    fs.writeFileSync(path.join(dir, 'lib/util.ts'), 'export const twice = (n: number) => n * 2;\n');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports the construct findings, skips non-CDK TypeScript, and never reads node_modules or cdk.out', async () => {
    const run = await runCli(['.', '--format', 'json', '--fail-on', 'error'], dir);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    const paths = report.files.map((f) => f.path).sort();
    assert.ok(!paths.some((p) => p.includes('node_modules') || p.includes('cdk.out')), paths.join());
    assert.equal(report.files.find((f) => f.path === 'lib/util.ts')?.status, 'skipped');
    const got = report.findings.map((f) => `${f.ruleId}@${f.file}:${f.range.start.line + 1}`).sort();
    assert.deepEqual(got, [
      'rds.storage-encrypted@lib/records-stack.ts:25',
      's3.encryption-at-rest@lib/records-stack.ts:21',
      's3.ssl-requests-only@lib/records-stack.ts:21',
      's3.versioning@lib/records-stack.ts:21',
    ]);
  });
});

describe('hipaa-lint on a Terraform module folder', () => {
  it('analyses the module once and reports each finding under its own file', async () => {
    const run = await runCli(['examples/terraform/claims-archive', '--format', 'json', '--fail-on', 'never'], REPO);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(report.files.map((f) => `${path.basename(f.path)} ${f.status}`).sort(), ['main.tf analysed', 'storage.tf analysed']);
    const got = report.findings.map((f) => `${f.ruleId}@${path.basename(f.file)}`).sort();
    assert.deepEqual(got, [
      'logs.retention@main.tf',
      'rds.storage-encrypted@main.tf',
      'rds.transport-encryption@main.tf',
      's3.access-logging@main.tf',
      's3.ssl-requests-only@main.tf',
    ]);
  });
});
