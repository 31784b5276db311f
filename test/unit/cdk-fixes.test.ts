/** Fixes on CDK code round-trip: the edited source still parses and the finding is gone. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/core/fixes/text-edits';
import { generateL1Schema, SCHEMA_FILE } from '../differential/l1-schema-gen';
import { analyzeCdk, cdkFix, cdkSuppress } from '../differential/cdk-engine';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DatabaseInstance, DatabaseInstanceEngine, PostgresEngineVersion } from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, vpc: any) {
    super(scope, id);
`;
const wrap = (body: string) => `${HEAD}${body}\n  }\n}\n`;

/** Applies the rule's fix for `rule` on `resource` and returns the new text (asserting it worked). */
function fix(text: string, rule: string, resource: string): string {
  const result = analyzeCdk('stack.ts', text);
  const finding = result.findings.find((f) => f.ruleId === rule && f.resource?.name === resource);
  assert.ok(finding, `${rule} fires on ${resource}`);
  const edits = cdkFix(result, finding);
  assert.ok(edits.length, `${rule} has a fix`);
  const out = applyEdits(text, edits);
  const after = analyzeCdk('stack.ts', out);
  assert.deepEqual(after.template.problems, [], 'the fixed source parses');
  assert.ok(!after.findings.some((f) => f.ruleId === rule && f.resource?.name === resource), `${rule} is gone:\n${out}`);
  return out;
}

test('L2: a missing prop is added to a multi-line props object in its style (trailing comma kept)', () => {
  const text = wrap("    new s3.Bucket(this, 'Records', {\n      enforceSSL: true,\n    });");
  const out = fix(text, 's3.versioning', 'Records');
  assert.match(out, /\{\n {6}enforceSSL: true,\n {6}versioned: true,\n {4}\}\);/);
});

test('L2: a one-line props object stays on one line; a wrong value is replaced in place', () => {
  const text = wrap("    new s3.Bucket(this, 'Records', { versioned: false, enforceSSL: true });");
  assert.match(fix(text, 's3.versioning', 'Records'), /\{ versioned: true, enforceSSL: true \}/);
});

test('L2: the props object is created when the constructor has none', () => {
  const text = wrap("    new s3.Bucket(this, 'Records');");
  assert.match(fix(text, 's3.ssl-requests-only', 'Records'), /new s3\.Bucket\(this, 'Records', \{ enforceSSL: true \}\);/);
});

test('L2: enum values use the file\'s import, and a named import list grows when needed', () => {
  const text = wrap("    new s3.Bucket(this, 'Records', { enforceSSL: true });");
  assert.match(fix(text, 's3.encryption-at-rest', 'Records'), /encryption: s3\.BucketEncryption\.KMS_MANAGED/);
  const named = wrap("    new DatabaseInstance(this, 'Db', { engine: DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.VER_15 }), vpc, storageEncrypted: true, backupRetention: cdk.Duration.days(0) });");
  assert.match(fix(named, 'rds.backup-enabled', 'Db'), /backupRetention: cdk\.Duration\.days\(7\)/);
});

test('L2: a resource the rule would add becomes the construct prop that makes it (parameters)', () => {
  const text = wrap("    new DatabaseInstance(this, 'Db', { engine: DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.VER_14 }), vpc, storageEncrypted: true });");
  assert.match(fix(text, 'rds.transport-encryption', 'Db'), /parameters: \{ 'rds\.force_ssl': '1' \}/);
});

test('L1: camelCase props are set and nested objects written with schema names', () => {
  const text = wrap("    new cdk.aws_dynamodb.CfnTable(this, 'Table', {\n      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],\n    });");
  const out = fix(text, 'dynamodb.encryption-kms', 'Table');
  assert.match(out, /sseSpecification: \{ sseEnabled: true \}/);
  assert.match(fix(wrap("    new cdk.aws_rds.CfnDBInstance(this, 'Db', { engine: 'postgres', storageEncrypted: false });"), 'rds.storage-encrypted', 'Db'), /storageEncrypted: true/);
});

test('L1: a bucket policy is added as a new construct after the bucket, referring to its variable', () => {
  const text = wrap("    const raw = new cdk.aws_s3.CfnBucket(this, 'Raw', {});");
  const out = fix(text, 's3.ssl-requests-only', 'Raw');
  assert.match(out, /const rawPolicy = new s3\.CfnBucketPolicy\(this, 'RawPolicy', \{/);
  assert.match(out, /bucket: raw\.ref/);
  assert.match(out, /`\$\{raw\.attrArn\}\/\*`/);
});

test('suppression: a comment with a reason above the statement silences the finding', () => {
  const text = wrap("    const records = new s3.Bucket(\n      this,\n      'Records',\n    );");
  const result = analyzeCdk('stack.ts', text);
  const finding = result.findings.find((f) => f.ruleId === 's3.versioning')!;
  const out = applyEdits(text, cdkSuppress(result, finding)).replace('<reason>', 'archive of public data');
  assert.match(out, /\n {4}\/\/ hipaa:ignore s3\.versioning -- archive of public data\n {4}const records/);
  const after = analyzeCdk('stack.ts', out).findings.filter((f) => f.ruleId === 's3.versioning');
  assert.equal(after.length, 1);
  assert.ok(after[0].suppressed);
});

test('the committed L1 schema matches the installed aws-cdk-lib', () => {
  assert.equal(fs.readFileSync(SCHEMA_FILE, 'utf8'), generateL1Schema(), 'run: node out/test/differential/l1-schema-gen.js --write');
});
