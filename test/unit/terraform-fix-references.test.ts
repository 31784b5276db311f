/**
 * References in code a fix adds. Resources written with count / for_each: a split resource that
 * repeats over them (`for_each = aws_s3_bucket.logs`, `bucket = each.value.id`) configures them, and
 * a split resource or policy a fix adds for them repeats the same way. A resource's own v3 inline
 * policy names it literally (Terraform forbids self-references).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initTerraform } from '../../server/src/core/formats/terraform/runtime';
import { loadRuleSet } from '../../server/src/core/rules/loader';
import { analyzeFiles, applyRuleFixes } from '../helpers/fixes';

const rules = loadRuleSet();
const FILE = '/m/main.tf';
const findings = (text: string, ruleId: string) => analyzeFiles([{ file: FILE, text }], rules).findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`);
const fixedText = (text: string, ruleId: string) => applyRuleFixes([{ file: FILE, text }], ruleId, rules)[0].text;

const BUCKETS = [
  'resource "aws_s3_bucket" "this" {',
  '  for_each = toset(["a", "b"])',
  '  bucket   = "example-${each.key}"',
  '}',
  '',
  'resource "aws_s3_bucket" "counted" {',
  '  count  = 2',
  '  bucket = "example-counted-${count.index}"',
  '}',
  '',
].join('\n');

before(async () => {
  await initTerraform();
});

describe('count and for_each', () => {
  it('joins a split resource that repeats over a resource (each.value) into it, and only into it', () => {
    const text = `${BUCKETS}resource "aws_s3_bucket_versioning" "this" {\n  for_each = aws_s3_bucket.this\n  bucket   = each.value.id\n\n  versioning_configuration {\n    status = "Suspended"\n  }\n}\n`;
    assert.deepEqual(findings(text, 's3.versioning'), ['6:10', '15:14']);
  });

  it('adds a split resource with the same repetition, reaching each instance', () => {
    const out = fixedText(BUCKETS, 's3.versioning');
    assert.match(out, /resource "aws_s3_bucket_versioning" "this" \{\n {2}for_each = aws_s3_bucket\.this\n {2}bucket {3}= each\.value\.id\n/);
    assert.match(out, /resource "aws_s3_bucket_versioning" "counted" \{\n {2}count {2}= length\(aws_s3_bucket\.counted\)\n {2}bucket = aws_s3_bucket\.counted\[count\.index\]\.id\n/);
    assert.deepEqual(findings(out, 's3.versioning'), []);
  });

  it('adds a bucket policy per instance, its statement naming that instance', () => {
    const out = fixedText(BUCKETS, 's3.ssl-requests-only');
    assert.match(out, /resource "aws_s3_bucket_policy" "this_policy" \{\n {2}for_each = aws_s3_bucket\.this\n {2}bucket {3}= each\.value\.id\n/);
    assert.match(out, /Resource {2}= \[each\.value\.arn, "\$\{each\.value\.arn\}\/\*"\]/);
    assert.match(out, /Resource {2}= \[aws_s3_bucket\.counted\[count\.index\]\.arn, "\$\{aws_s3_bucket\.counted\[count\.index\]\.arn\}\/\*"\]/);
    assert.deepEqual(findings(out, 's3.ssl-requests-only'), []);
  });

  it('links a shared new resource without repeating it (a parameter group for counted databases)', () => {
    const out = fixedText('resource "aws_db_instance" "db" {\n  count             = 2\n  engine            = "mysql"\n  storage_encrypted = true\n}\n', 'rds.transport-encryption');
    assert.match(out, /parameter_group_name = aws_db_parameter_group\.db_parameter_group\.name/);
    assert.doesNotMatch(out, /resource "aws_db_parameter_group"[^}]*count/);
  });
});

describe('a resource\'s own inline policy', () => {
  const policy = (doc: string) => `resource "aws_s3_bucket" "records" {\n  bucket = "example-records"\n  policy = ${doc}\n}\n`;

  it('gets the deny statement with the bucket ARN written literally (jsonencode and heredoc)', () => {
    const allow = '{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::example-records/*" }';
    const hcl = fixedText(policy(`jsonencode({\n    Version   = "2012-10-17"\n    Statement = [${allow}]\n  })`), 's3.ssl-requests-only');
    assert.match(hcl, /Resource {2}= \["arn:aws:s3:::example-records", "arn:aws:s3:::example-records\/\*"\]/);
    assert.doesNotMatch(hcl, /aws_s3_bucket\.records\./);
    const json = '<<POLICY\n{\n  "Statement": [\n    { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-records/*" }\n  ]\n}\nPOLICY';
    const heredoc = fixedText(policy(json), 's3.ssl-requests-only');
    assert.match(heredoc, /"arn:aws:s3:::example-records",\n\s+"arn:aws:s3:::example-records\/\*"/);
    assert.doesNotMatch(heredoc, /aws_s3_bucket\.records\./);
    assert.deepEqual(findings(heredoc, 's3.ssl-requests-only'), []);
  });

  it('still refers to the bucket from a separate aws_s3_bucket_policy', () => {
    const text = 'resource "aws_s3_bucket" "records" {\n  bucket = "example-records"\n}\n\nresource "aws_s3_bucket_policy" "records" {\n  bucket = aws_s3_bucket.records.id\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]\n  })\n}\n';
    assert.match(fixedText(text, 's3.ssl-requests-only'), /\[aws_s3_bucket\.records\.arn, "\$\{aws_s3_bucket\.records\.arn\}\/\*"\]/);
  });
});

describe('a topic\'s or queue\'s own inline policy', () => {
  const allow = (action: string) => `{ Effect = "Allow", Principal = { Service = "cloudwatch.amazonaws.com" }, Action = "${action}", Resource = "*" }`;

  it('gets the deny statement with an ARN pattern of the topic, not a self-reference (jsonencode)', () => {
    const text = `resource "aws_sns_topic" "alerts" {\n  name   = "patient-alerts"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [${allow('sns:Publish')}]\n  })\n}\n`;
    const out = fixedText(text, 'sns.https-only');
    assert.match(out, /Resource {2}= "arn:aws:sns:\*:\*:patient-alerts"\n/);
    assert.doesNotMatch(out, /aws_sns_topic\.alerts\./);
    assert.deepEqual(findings(out, 'sns.https-only'), []);
  });

  it('uses a pattern for any queue when the queue has no literal name (heredoc)', () => {
    const json = '<<POLICY\n{\n  "Statement": [\n    { "Effect": "Allow", "Principal": { "Service": "sns.amazonaws.com" }, "Action": "sqs:SendMessage", "Resource": "*" }\n  ]\n}\nPOLICY';
    const out = fixedText(`resource "aws_sqs_queue" "jobs" {\n  name_prefix = "jobs-"\n  policy      = ${json}\n}\n`, 'sqs.https-only');
    assert.match(out, /"Resource": "arn:aws:sqs:\*:\*:\*",\n/);
    assert.doesNotMatch(out, /aws_sqs_queue\.jobs\./);
    assert.deepEqual(findings(out, 'sqs.https-only'), []);
  });

  it('writes the pattern into a policy document the topic reads its policy from (a cycle otherwise)', () => {
    const text = 'resource "aws_sns_topic" "alerts" {\n  name   = "patient-alerts"\n  policy = data.aws_iam_policy_document.alerts.json\n}\n\ndata "aws_iam_policy_document" "alerts" {\n  statement {\n    actions   = ["sns:Publish"]\n    resources = ["*"]\n  }\n}\n';
    const out = fixedText(text, 'sns.https-only');
    assert.match(out, /resources = \["arn:aws:sns:\*:\*:patient-alerts"\]\n/);
    assert.doesNotMatch(out, /aws_sns_topic\.alerts\.arn/);
  });
});
