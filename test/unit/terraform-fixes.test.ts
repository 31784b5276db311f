/**
 * HCL fix rendering: edits keep `=` alignment, add nested blocks and split resources with the right
 * reference, and the fixed module parses and passes the rule (the shared rules from rules/).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { appliesTo } from '../../server/src/core/engine';
import { HclEditor, type HclTextEdit } from '../../server/src/core/fixes/hcl-edits';
import { applyEdits } from '../../server/src/core/fixes/text-edits';
import { parseTerraformModule, type TerraformModule } from '../../server/src/core/formats/terraform/module';
import { initTerraform } from '../../server/src/core/formats/terraform/runtime';
import { ModelIndex } from '../../server/src/core/model/model-index';
import type { Value } from '../../server/src/core/model/types';
import { scalarOf, splitPath, valueOf } from '../../server/src/core/model/values';
import { namedChecks } from '../../server/src/core/rules/checks';
import { resolvePath, rootCursor } from '../../server/src/core/rules/cursor';
import { Evaluator } from '../../server/src/core/rules/evaluator';
import { loadRuleSet } from '../../server/src/core/rules/loader';
import type { Failure, LeafFix } from '../../server/src/core/rules/outcome';
import type { Rule, Target } from '../../server/src/core/rules/types';

const rules = loadRuleSet();
type Files = Record<string, string>;
const parse = (files: Files) => parseTerraformModule(Object.entries(files).map(([file, text]) => ({ file, text })), { primary: Object.keys(files)[0] });

function failures(m: TerraformModule, ruleId: string): { target: Target; failure: Failure; resource: string }[] {
  const rule = rules.byId.get(ruleId) as Rule;
  const ev = new Evaluator(new ModelIndex(m.resources), namedChecks, { phiWords: [], phiPatterns: [] });
  const out: { target: Target; failure: Failure; resource: string }[] = [];
  for (const target of rule.targets) {
    for (const resource of m.resources.filter((x) => appliesTo(target, x.type))) {
      const messages = { message: rule.title, missingMessage: rule.title };
      let o = target.when ? ev.run(target.when, resource, messages) : { status: 'pass' as const };
      if (o.status === 'pass') o = ev.run(target.check, resource, messages);
      else continue;
      if (o.status === 'fail') for (const failure of o.failures) out.push({ target, failure, resource: resource.name });
    }
  }
  return out;
}

/** `${name}` → the resource's name (as fixes.ts substitutes). */
function substitute(value: unknown, name: string, props: Value | undefined): unknown {
  if (typeof value === 'string') return value.replace(/\$\{name\}/g, name).replace(/\$\{prop:(\w+)\}/g, (m, k: string) => String(scalarOf(valueOf(props as never, k)) ?? m));
  if (Array.isArray(value)) return value.map((v) => substitute(v, name, props));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, name, props)]));
  return value;
}

function leafEdits(editor: HclEditor, fix: LeafFix): HclTextEdit[] {
  if (fix.mode === 'append' && fix.list) return editor.append(fix.list, fix.value);
  if (fix.present) return editor.replace(fix.present, fix.value);
  if (fix.replaceAt) return editor.replace(fix.replaceAt, fix.value);
  return fix.container ? editor.setIn(fix.container, fix.missingPath ?? [], fix.value) : [];
}

/** The rule's fix for the first failure, chosen the way fixes.ts chooses it, rendered by HclEditor. */
function fixEdits(m: TerraformModule, ruleId: string): HclTextEdit[] {
  const [first] = failures(m, ruleId);
  assert.ok(first, `a ${ruleId} failure to fix`);
  const { target, failure } = first;
  const resource = m.resources.find((x) => x.name === first.resource)!;
  const spec = target.fix!;
  const editor = new HclEditor(m);
  const followedMissing = failure.via?.kind === 'followed' && !failure.via.resource;
  if (spec.addResource && (failure.via?.kind === 'none-referencing' || (followedMissing && spec.addResource.linkAs))) {
    const name = `${resource.name}${spec.addResource.nameSuffix}`;
    const edits = editor.addResource(resource, name, { Type: spec.addResource.type, Properties: substitute(spec.addResource.properties, resource.name, resource.properties) as Record<string, unknown> });
    return spec.addResource.linkAs && failure.fix ? [...leafEdits(editor, { ...failure.fix, value: { Ref: name } }), ...edits] : edits;
  }
  const via = failure.via?.resource;
  const append = failure.via?.kind === 'referencing' ? spec.appendToReferencing : failure.via?.kind === 'followed' && !failure.fix ? spec.appendToFollowed : undefined;
  if (via && append) {
    for (const c of resolvePath(rootCursor(via), splitPath(append.path))) {
      if (c.value?.kind === 'seq') return editor.append(c.value, substitute(append.value, resource.name, resource.properties));
    }
  }
  return failure.fix ? leafEdits(editor, failure.fix) : [];
}

/** Applies the fix; asserts the module still parses and this failure is gone. */
function fixed(files: Files, ruleId: string, strict = true): Files {
  const before = parse(files);
  const count = failures(before, ruleId).length;
  const edits = fixEdits(before, ruleId);
  assert.ok(edits.length, 'the fix renders edits');
  const out = Object.fromEntries(Object.entries(files).map(([f, text]) => [f, applyEdits(text, edits.filter((e) => e.file === f))]));
  const after = parse(out);
  assert.deepEqual(after.problems, [], `fixed text parses:\n${Object.values(out).join('\n----\n')}`);
  if (strict) assert.equal(failures(after, ruleId).length, count - 1, `the failure is gone:\n${Object.values(out).join('\n----\n')}`);
  return out;
}

/** Fixes until the rule passes (findings at one place may be reported once), at most `rounds` times. */
function fixedAll(files: Files, ruleId: string, rounds = 5): Files {
  let out = files;
  for (let i = 0; i < rounds && failures(parse(out), ruleId).length; i++) out = fixed(out, ruleId, false);
  assert.equal(failures(parse(out), ruleId).length, 0, 'the rule passes');
  return out;
}

before(async () => {
  await initTerraform();
});

describe('HCL fixes', () => {
  it('replaces a wrong value in place', () => {
    const out = fixed({ '/m/main.tf': 'resource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n  encrypted         = false\n}\n' }, 'ebs.volume-encrypted');
    assert.equal(out['/m/main.tf'], 'resource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n  encrypted         = true\n}\n');
  });

  it('adds an argument aligned with the block, realigning when the new name is longer', () => {
    const short = fixed({ '/m/main.tf': 'resource "aws_sns_topic" "t" {\n  name         = "t"\n  display_name = "T"\n}\n' }, 'sns.encryption-at-rest');
    assert.equal(short['/m/main.tf'], 'resource "aws_sns_topic" "t" {\n  name              = "t"\n  display_name      = "T"\n  kms_master_key_id = "alias/aws/sns"\n}\n');
    const empty = fixed({ '/m/main.tf': 'resource "aws_kms_key" "k" {}\n' }, 'kms.key-rotation');
    assert.equal(empty['/m/main.tf'], 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n');
  });

  it('fixes a value that comes from terraform.tfvars where it is written', () => {
    const out = fixed({
      '/m/main.tf': 'resource "aws_db_instance" "d" {\n  engine            = "postgres"\n  storage_encrypted = var.encrypt\n}\n\nvariable "encrypt" {\n  default = true\n}\n',
      '/m/terraform.tfvars': 'encrypt = false\n',
    }, 'rds.storage-encrypted');
    assert.equal(out['/m/terraform.tfvars'], 'encrypt = true\n');
  });

  it('adds a nested block', () => {
    const out = fixed({ '/m/main.tf': 'resource "aws_dynamodb_table" "t" {\n  name     = "t"\n  hash_key = "id"\n}\n' }, 'dynamodb.pitr');
    assert.equal(out['/m/main.tf'], 'resource "aws_dynamodb_table" "t" {\n  name     = "t"\n  hash_key = "id"\n\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n');
  });

  it('adds a split resource after the bucket, pointing at it (provider v4+)', () => {
    const out = fixed({ '/m/main.tf': 'resource "aws_s3_bucket" "records" {\n  bucket = "records"\n}\n\nresource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n' }, 's3.versioning');
    assert.equal(out['/m/main.tf'], [
      'resource "aws_s3_bucket" "records" {',
      '  bucket = "records"',
      '}',
      '',
      'resource "aws_s3_bucket_versioning" "records" {',
      '  bucket = aws_s3_bucket.records.id',
      '',
      '  versioning_configuration {',
      '    status = "Enabled"',
      '  }',
      '}',
      '',
      'resource "aws_kms_key" "k" {',
      '  enable_key_rotation = true',
      '}',
      '',
    ].join('\n'));
    fixed({ '/m/main.tf': 'resource "aws_s3_bucket" "records" {}\n' }, 's3.encryption-at-rest');
    fixed({ '/m/main.tf': 'resource "aws_s3_bucket" "records" {}\n' }, 's3.public-access-block');
  });

  it('uses the v3 inline block when required_providers pins provider v3', () => {
    const out = fixed({ '/m/main.tf': 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 3.0" }\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n' }, 's3.versioning');
    assert.match(out['/m/main.tf'], /resource "aws_s3_bucket" "b" \{\n {2}bucket = "b"\n\n {2}versioning \{\n {4}enabled = true\n {2}\}\n\}/);
  });

  it('edits the split resource in its own file', () => {
    const out = fixedAll({
      '/m/main.tf': 'resource "aws_s3_bucket" "b" {}\n',
      '/m/pab.tf': 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket            = aws_s3_bucket.b.id\n  block_public_acls = true\n}\n',
    }, 's3.public-access-block');
    assert.equal(out['/m/main.tf'], 'resource "aws_s3_bucket" "b" {}\n');
    assert.equal(out['/m/pab.tf'], [
      'resource "aws_s3_bucket_public_access_block" "b" {',
      '  bucket                  = aws_s3_bucket.b.id',
      '  block_public_acls       = true',
      '  ignore_public_acls      = true',
      '  block_public_policy     = true',
      '  restrict_public_buckets = true',
      '}',
      '',
    ].join('\n'));
  });

  it('adds a TLS-only bucket policy via jsonencode that references the bucket', () => {
    const out = fixed({ '/m/main.tf': 'resource "aws_s3_bucket" "records" {\n  bucket = "records"\n}\n' }, 's3.ssl-requests-only');
    const text = out['/m/main.tf'];
    assert.match(text, /resource "aws_s3_bucket_policy" "records_policy" \{\n {2}bucket = aws_s3_bucket\.records\.id\n {2}policy = jsonencode\(\{/);
    assert.match(text, /Resource {2}= \[aws_s3_bucket\.records\.arn, "\$\{aws_s3_bucket\.records\.arn\}\/\*"\]/);
    assert.match(text, /"aws:SecureTransport" = "false"/);
  });

  it('appends the deny statement to an existing jsonencode, heredoc or data source policy', () => {
    const bucket = 'resource "aws_s3_bucket" "b" {}\n';
    const jsonencode = fixed({ '/m/main.tf': `${bucket}resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({\n    Statement = [\n      { Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "x" },\n    ]\n  })\n}\n` }, 's3.ssl-requests-only');
    assert.match(jsonencode['/m/main.tf'], /Resource = "x" \},\n {6}\{\n {8}Sid {7}= "DenyInsecureTransport"/);
    const heredoc = fixed({ '/m/main.tf': `${bucket}resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = <<EOF\n{\n  "Statement": [\n    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "x"}\n  ]\n}\nEOF\n}\n` }, 's3.ssl-requests-only');
    assert.match(heredoc['/m/main.tf'], /"Resource": "x"\},\n {4}\{\n {6}"Sid": "DenyInsecureTransport"/);
    const data = fixed({ '/m/main.tf': 'resource "aws_sqs_queue" "q" {}\nresource "aws_sqs_queue_policy" "p" {\n  queue_url = aws_sqs_queue.q.id\n  policy    = data.aws_iam_policy_document.p.json\n}\ndata "aws_iam_policy_document" "p" {\n  statement {\n    actions = ["sqs:SendMessage"]\n  }\n}\n' }, 'sqs.https-only');
    assert.match(data['/m/main.tf'], /statement \{\n {4}sid {7}= "DenyRequestsWithoutTls"\n {4}effect {4}= "Deny"/);
  });

  it('creates and links a parameter group, or adds the parameter to the existing one', () => {
    const created = fixed({ '/m/main.tf': 'resource "aws_db_instance" "db" {\n  engine         = "mysql"\n  instance_class = "db.t3.micro"\n}\n' }, 'rds.transport-encryption');
    assert.match(created['/m/main.tf'], /parameter_group_name = aws_db_parameter_group\.db_parameter_group\.name/);
    assert.match(created['/m/main.tf'], /resource "aws_db_parameter_group" "db_parameter_group" \{[^]*parameter \{\n {4}name {2}= "require_secure_transport"\n {4}value = "1"\n {2}\}/);
    const added = fixed({ '/m/main.tf': 'resource "aws_redshift_cluster" "w" {\n  cluster_identifier           = "w"\n  cluster_parameter_group_name = aws_redshift_parameter_group.p.name\n}\nresource "aws_redshift_parameter_group" "p" {\n  name   = "p"\n  family = "redshift-1.0"\n}\n' }, 'redshift.require-ssl');
    assert.match(added['/m/main.tf'], /family = "redshift-1.0"\n\n {2}parameter \{\n {4}name {2}= "require_ssl"\n {4}value = "true"\n {2}\}\n\}/);
  });

  it('replaces a null branch, sets into an existing single block, and maps canned ACLs back', () => {
    fixed({ '/m/main.tf': 'resource "aws_db_instance" "d" {\n  engine            = "mysql"\n  storage_encrypted = var.prod ? true : null\n}\nvariable "prod" {}\n' }, 'rds.storage-encrypted');
    const stage = fixed({ '/m/main.tf': 'resource "aws_api_gateway_stage" "s" {\n  stage_name            = "prod"\n  rest_api_id           = "abc"\n  deployment_id         = "d"\n  cache_cluster_enabled = true\n}\nresource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = "abc"\n  stage_name  = aws_api_gateway_stage.s.stage_name\n  method_path = "*/*"\n  settings {\n    caching_enabled = true\n  }\n}\n' }, 'apigw.cache-encrypted');
    assert.match(stage['/m/main.tf'], /settings \{\n {4}caching_enabled {6}= true\n {4}cache_data_encrypted = true\n {2}\}/);
    const acl = fixed({ '/m/main.tf': 'resource "aws_s3_bucket" "b" {\n  acl = "public-read"\n}\n' }, 's3.public-access-block');
    assert.ok(acl['/m/main.tf'].includes('aws_s3_bucket_public_access_block'));
  });

  it('suppresses above a line with a hipaa:ignore comment at its indentation', () => {
    const m = parse({ '/m/main.tf': 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n' });
    const edits = new HclEditor(m).suppressAbove(1, 'kms.key-rotation', '<reason>');
    assert.equal(applyEdits(m.text, edits), 'resource "aws_kms_key" "k" {\n  # hipaa:ignore kms.key-rotation -- <reason>\n  enable_key_rotation = false\n}\n');
    assert.equal(edits[0].file, '/m/main.tf');
  });
});
