/**
 * The realistic templates in examples/: the compliant one has no findings (no false positives across
 * the whole rule set), the others have exactly the findings they were written to show.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/core/engine';
import { initTerraform } from '../../server/src/core/formats/terraform/runtime';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');

function findings(rel: string): string[] {
  const file = path.join(EXAMPLES, rel);
  const result = analyze({ file, text: fs.readFileSync(file, 'utf8') });
  assert.equal(result.status, 'analysed', result.reason);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.ruleErrors, []);
  return result.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId}@${f.resource?.name ?? '-'}`);
}

describe('example templates', () => {
  before(async () => {
    await initTerraform();
  });

  it('the Terraform claims archive (two files) shows its deliberate findings and none that storage.tf fixes', () => {
    const dir = path.join(EXAMPLES, 'terraform/claims-archive');
    const [main, ...siblings] = ['main.tf', 'storage.tf'].map((f) => ({ file: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    const result = analyze({ ...main, siblings });
    assert.equal(result.status, 'analysed', result.reason);
    assert.deepEqual(result.problems, []);
    const got = result.findings.map((f) => `${f.ruleId}@${f.resource?.name}`).sort();
    assert.deepEqual(got, [
      'logs.retention@aws_cloudwatch_log_group.ingest',
      'rds.storage-encrypted@aws_db_instance.claims',
      'rds.transport-encryption@aws_db_instance.claims',
      's3.access-logging@aws_s3_bucket.claims',
      's3.ssl-requests-only@aws_s3_bucket.claims',
    ]);
  });

  it('the compliant records store has no findings', () => {
    assert.deepEqual(findings('cloudformation/compliant-records-store.yaml'), []);
  });

  it('the patient portal shows its deliberate findings', () => {
    const got = new Set(findings('cloudformation/patient-portal.yaml'));
    for (const expected of [
      'rds.storage-encrypted@AppointmentsDb', // from the EncryptDatabase parameter's default
      'rds.backup-enabled@AppointmentsDb',
      'rds.transport-encryption@AppointmentsDb', // parameter group without rds.force_ssl
      's3.ssl-requests-only@PatientDocuments',
      's3.versioning@PatientDocuments', // the non-prod branch of Fn::If
      'sns.https-only@ReminderWebhook',
      'sqs.encryption-at-rest@IntakeQueue',
    ]) {
      assert.ok(got.has(expected), `missing ${expected} in ${[...got].join(', ')}`);
    }
    assert.ok(!got.has('logs.retention@PortalLogs'), 'suppressed with a reason');
    assert.ok(!got.has('kms.key-rotation@DataKey'));
  });

  it('the claims pipeline (JSON) shows its deliberate findings', () => {
    const got = new Set(findings('cloudformation/claims-pipeline.json'));
    for (const expected of ['dynamodb.pitr@ClaimsTable', 'apigw.cache-encrypted@ClaimsStage', 'elbv2.listener-https@PublicListener', 'cloudtrail.enabled-multiregion@AuditTrail']) {
      assert.ok(got.has(expected), `missing ${expected} in ${[...got].join(', ')}`);
    }
  });

  it('the CDK telehealth app shows its deliberate findings, read without running it', () => {
    const got = findings('cdk/lib/telehealth-stack.ts').sort();
    assert.deepEqual(got, [
      'dynamodb.pitr@VisitNotes',
      's3.ssl-requests-only@Recordings',
      's3.versioning@Recordings',
      'sqs.encryption-at-rest@Reminders',
      'sqs.https-only@Reminders',
    ]);
  });

  it('a docker-compose file is skipped and says why', () => {
    const file = path.join(EXAMPLES, 'not-a-template/docker-compose.yaml');
    const result = analyze({ file, text: fs.readFileSync(file, 'utf8') });
    assert.equal(result.status, 'skipped');
    assert.match(result.reason, /not a CloudFormation template/);
  });
});
