/**
 * Terraform → shared model: CloudFormation types and property names, ranges in the files values
 * are written in, split resources joined across files, var/local/tfvars, policies, v3 inline forms,
 * and the shared rules from rules/ running on the result.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { appliesTo } from '../../server/src/core/engine';
import { parseTerraformModule, type TerraformModule } from '../../server/src/core/formats/terraform/module';
import { initTerraform } from '../../server/src/core/formats/terraform/runtime';
import { ModelIndex } from '../../server/src/core/model/model-index';
import type { Range, Resource, Value } from '../../server/src/core/model/types';
import { namedChecks } from '../../server/src/core/rules/checks';
import { Evaluator } from '../../server/src/core/rules/evaluator';
import { loadRuleSet } from '../../server/src/core/rules/loader';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/terraform');
const r = (x: Range) => `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}`;
const rules = loadRuleSet();

function load(dir: string): TerraformModule {
  const folder = path.join(FIXTURES, dir);
  return parseTerraformModule(fs.readdirSync(folder).map((f) => ({ file: path.join(folder, f), text: fs.readFileSync(path.join(folder, f), 'utf8') })));
}

const inline = (files: Record<string, string>) => parseTerraformModule(Object.entries(files).map(([file, text]) => ({ file: `/m/${file}`, text })));

function at(value: Value | undefined, ...keys: (string | number)[]): Value | undefined {
  let v = value;
  for (const k of keys) {
    if (v?.kind === 'map') v = v.entries.find((e) => e.key === k)?.value;
    else if (v?.kind === 'seq' && typeof k === 'number') v = v.items[k];
    else return undefined;
  }
  return v;
}

const res = (m: TerraformModule, name: string) => m.resources.find((x) => x.name === name)!;

/** Rule outcomes on a module as `status rule-id resource [file:line]`, passes left out. */
function outcomes(m: TerraformModule, only?: string[]): string[] {
  const ev = new Evaluator(new ModelIndex(m.resources), namedChecks, { phiWords: [], phiPatterns: [] });
  const out: string[] = [];
  for (const rule of rules.rules) {
    if (only && !only.includes(rule.id)) continue;
    for (const target of rule.targets) {
      for (const resource of m.resources) {
        if (!appliesTo(target, resource.type)) continue;
        const messages = { message: rule.title, missingMessage: rule.title };
        let o = target.when ? ev.run(target.when, resource, messages) : { status: 'pass' as const };
        if (o.status === 'pass') o = ev.run(target.check, resource, messages);
        else if (o.status === 'fail') continue;
        if (o.status === 'fail') for (const f of o.failures) out.push(`fail ${rule.id} ${resource.name} ${path.basename(f.location.file)}:${f.location.range.start.line}`);
        if (o.status === 'unknown') out.push(`unknown ${rule.id} ${resource.name}`);
      }
    }
  }
  return out.sort();
}

before(async () => {
  await initTerraform();
});

describe('Terraform resources in the shared model', () => {
  it('uses CloudFormation types, Terraform addresses, label ranges and CloudFormation property names', () => {
    const m = load('split-module');
    const db = res(m, 'aws_db_instance.db');
    assert.equal(db.type, 'AWS::RDS::DBInstance');
    assert.equal(r(db.nameRange), '17:9-17:31');
    assert.equal(r(db.typeRange!), '17:9-17:26');
    assert.equal(r(db.range), '17:0-22:1');
    assert.deepEqual(db.properties!.entries.map((e) => e.key), ['Engine', 'DBInstanceClass', 'StorageEncrypted', 'DBParameterGroupName', 'PubliclyAccessible']);
    const engine = db.properties!.entries[0];
    assert.equal(r(engine.keyRange), '18:2-18:8');
    assert.equal(r(engine.value.range), '18:25-18:32');
    assert.equal(m.detection.isTemplate, true);
    assert.equal(m.providerMajor, 5);
  });

  it('joins split resources from another file into the bucket, with their own ranges', () => {
    const m = load('split-module');
    const bucket = res(m, 'aws_s3_bucket.records');
    const algo = at(bucket.properties, 'BucketEncryption', 'ServerSideEncryptionConfiguration', 0, 'ServerSideEncryptionByDefault', 'SSEAlgorithm');
    assert.equal(algo?.kind === 'scalar' && algo.value, 'aws:kms');
    assert.equal(path.basename(algo!.file), 'storage.tf');
    assert.equal(r(algo!.range), '5:26-5:35');
    const key = at(bucket.properties, 'BucketEncryption', 'ServerSideEncryptionConfiguration', 0, 'ServerSideEncryptionByDefault', 'KMSMasterKeyID');
    assert.deepEqual(key && key.kind === 'ref' && [key.target, key.attribute], ['aws_kms_key.records', 'arn']);
    // Joined by the bucket's literal name.
    const status = at(bucket.properties, 'VersioningConfiguration', 'Status');
    assert.equal(status?.kind === 'scalar' && status.value, 'Suspended');
    assert.ok(!at(res(m, 'aws_s3_bucket.scratch').properties, 'VersioningConfiguration'));
  });

  it('models aws_s3_bucket_policy with a Bucket reference and the jsonencode statement tree', () => {
    const policy = res(load('split-module'), 'aws_s3_bucket_policy.records');
    assert.equal(policy.type, 'AWS::S3::BucketPolicy');
    const bucket = at(policy.properties, 'Bucket');
    assert.equal(bucket?.kind === 'ref' && bucket.target, 'aws_s3_bucket.records');
    const cond = at(policy.properties, 'PolicyDocument', 'Statement', 0, 'Condition', 'Bool', 'aws:SecureTransport');
    assert.equal(cond?.kind === 'scalar' && cond.value, 'false');
    assert.equal(r(cond!.range), '27:53-27:60');
  });

  it('reads var from terraform.tfvars over the default, and local, as default-state values with their origin', () => {
    const m = load('split-module');
    const enc = at(res(m, 'aws_db_instance.db').properties, 'StorageEncrypted');
    assert.ok(enc?.kind === 'scalar');
    assert.equal(enc.value, false);
    assert.equal(enc.state, 'default');
    assert.equal(enc.note, 'the value of encrypt in terraform.tfvars');
    assert.equal(r(enc.range), '20:25-20:36');
    assert.equal(path.basename(enc.origin!.file), 'terraform.tfvars');
    assert.equal(r(enc.origin!.range), '0:10-0:15');
    const rot = at(res(m, 'aws_kms_key.records').properties, 'EnableKeyRotation');
    assert.ok(rot?.kind === 'scalar');
    assert.equal(rot.note, 'the value of local.rotate');
    assert.equal(r(rot.origin!.range), '6:11-6:16');
  });

  it('makes parameter blocks a Parameters map and parameter_group_name a reference', () => {
    const m = load('split-module');
    const group = at(res(m, 'aws_db_instance.db').properties, 'DBParameterGroupName');
    assert.deepEqual(group?.kind === 'ref' && [group.target, group.attribute], ['aws_db_parameter_group.tls', 'name']);
    const p = at(res(m, 'aws_db_parameter_group.tls').properties, 'Parameters', 'require_secure_transport');
    assert.equal(p?.kind === 'scalar' && p.value, '0');
  });

  it('runs the shared rules: split resources and policies count, wrong values are found where written', () => {
    const found = outcomes(load('split-module'), ['s3.encryption-at-rest', 's3.versioning', 's3.ssl-requests-only', 'rds.storage-encrypted', 'rds.transport-encryption', 'kms.key-rotation', 'rds.not-public']);
    assert.deepEqual(found, [
      'fail kms.key-rotation aws_kms_key.records main.tf:36',
      'fail rds.storage-encrypted aws_db_instance.db main.tf:20',
      'fail rds.transport-encryption aws_db_instance.db main.tf:21',
      'fail s3.encryption-at-rest aws_s3_bucket.scratch main.tf:13',
      'fail s3.ssl-requests-only aws_s3_bucket.scratch main.tf:13',
      'fail s3.versioning aws_s3_bucket.records storage.tf:14',
      'fail s3.versioning aws_s3_bucket.scratch main.tf:13',
    ]);
  });

  it('understands provider v3 inline blocks, canned ACLs and an inline heredoc policy', () => {
    const m = load('v3-inline');
    const b = res(m, 'aws_s3_bucket.legacy');
    assert.equal((at(b.properties, 'AccessControl') as { value: string }).value, 'PublicRead');
    assert.equal((at(b.properties, 'VersioningConfiguration', 'Status') as { value: string }).value, 'Suspended');
    assert.equal((at(b.properties, 'BucketEncryption', 'ServerSideEncryptionConfiguration', 0, 'ServerSideEncryptionByDefault', 'SSEAlgorithm') as { value: string }).value, 'AES256');
    assert.equal((at(b.properties, 'LoggingConfiguration', 'DestinationBucketName') as { value: string }).value, 'central-logs');
    const policy = res(m, 'aws_s3_bucket.legacy.policy');
    assert.equal(policy.type, 'AWS::S3::BucketPolicy');
    const effect = at(policy.properties, 'PolicyDocument', 'Statement', 0, 'Effect');
    assert.equal(effect?.kind === 'scalar' && effect.value, 'Allow');
    assert.equal(r(effect!.range), '31:16-31:23');
    assert.deepEqual(outcomes(m, ['s3.versioning', 's3.ssl-requests-only', 's3.access-logging', 's3.encryption-at-rest']), [
      'fail s3.ssl-requests-only aws_s3_bucket.legacy main.tf:6',
      'fail s3.versioning aws_s3_bucket.legacy main.tf:11',
    ]);
  });

  it('treats what Terraform computes as unknown, never as a violation', () => {
    const m = inline({
      'main.tf': [
        'resource "aws_s3_bucket" "a" {}',
        'resource "aws_s3_bucket_versioning" "v" {',
        '  bucket = var.name',
        '  versioning_configuration { status = "Enabled" }',
        '}',
        'resource "aws_db_instance" "d" {',
        '  engine            = "postgres"',
        '  storage_encrypted = var.secret',
        '  kms_key_id        = "${var.prefix}-key"',
        '}',
        'resource "aws_dynamodb_table" "t" {',
        '  dynamic "server_side_encryption" {',
        '    for_each = var.sse',
        '    content { enabled = true }',
        '  }',
        '}',
        'variable "name" {}',
        'variable "secret" {}',
      ].join('\n'),
    });
    assert.deepEqual(outcomes(m, ['s3.versioning', 'rds.storage-encrypted', 'dynamodb.encryption-kms']), [
      'unknown dynamodb.encryption-kms aws_dynamodb_table.t',
      'unknown rds.storage-encrypted aws_db_instance.d',
      'unknown s3.versioning aws_s3_bucket.a',
    ]);
    const key = at(res(m, 'aws_db_instance.d').properties, 'KmsKeyId');
    assert.equal(key?.kind, 'unknown');
  });

  it('models conditionals as choices (null = absent), skips count = 0, and applies provider defaults', () => {
    const m = inline({
      'main.tf': [
        'resource "aws_db_instance" "d" {',
        '  engine            = "mysql"',
        '  storage_encrypted = var.prod ? true : null',
        '}',
        'resource "aws_ebs_volume" "gone" {',
        '  count = 0',
        '}',
        'resource "aws_cloudtrail" "t" {',
        '  name = "t"',
        '}',
      ].join('\n'),
    });
    const enc = at(res(m, 'aws_db_instance.d').properties, 'StorageEncrypted');
    assert.ok(enc?.kind === 'choice');
    assert.equal(enc.condition, 'var.prod');
    assert.equal(enc.branches[1], undefined);
    assert.equal(r(enc.absentAt![1]!), '2:40-2:44');
    assert.ok(!m.resources.some((x) => x.name === 'aws_ebs_volume.gone'));
    const pub = at(res(m, 'aws_db_instance.d').properties, 'PubliclyAccessible');
    assert.deepEqual(pub?.kind === 'scalar' && [pub.value, pub.state], [false, 'default']);
    const logging = at(res(m, 'aws_cloudtrail.t').properties, 'IsLogging');
    assert.deepEqual(logging?.kind === 'scalar' && [logging.value, logging.state], [true, 'default']);
  });

  it('reads aws_iam_policy_document statements (principals, conditions, default Allow)', () => {
    const m = inline({
      'main.tf': [
        'resource "aws_sqs_queue" "q" {}',
        'resource "aws_sqs_queue_policy" "q" {',
        '  queue_url = aws_sqs_queue.q.id',
        '  policy    = data.aws_iam_policy_document.tls.json',
        '}',
        'data "aws_iam_policy_document" "tls" {',
        '  statement {',
        '    effect  = "Deny"',
        '    actions = ["sqs:*"]',
        '    principals {',
        '      type        = "*"',
        '      identifiers = ["*"]',
        '    }',
        '    condition {',
        '      test     = "Bool"',
        '      variable = "aws:SecureTransport"',
        '      values   = ["false"]',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    });
    const policy = res(m, 'aws_sqs_queue_policy.q');
    const queues = at(policy.properties, 'Queues', 0);
    assert.equal(queues?.kind === 'ref' && queues.target, 'aws_sqs_queue.q');
    assert.equal((at(policy.properties, 'PolicyDocument', 'Statement', 0, 'Principal') as { value: string }).value, '*');
    assert.deepEqual(outcomes(m, ['sqs.https-only']), []);
  });

  it('keeps the resources of a file with a broken block, and leaves the broken one out', () => {
    const m = inline({
      'a.tf': 'resource "aws_efs_file_system" "broken" {\n  creation_token = "oops\n  encrypted = true\n}\n',
      'b.tf': 'resource "aws_efs_file_system" "fine" {\n  encrypted = false\n}\n',
    });
    assert.deepEqual(m.resources.map((x: Resource) => x.name), ['aws_efs_file_system.fine']);
    assert.ok(m.problems.some((p) => p.file === '/m/a.tf'));
    assert.deepEqual(outcomes(m, ['efs.encryption-at-rest']), ['fail efs.encryption-at-rest aws_efs_file_system.fine b.tf:1']);
  });
});
