/**
 * Values that come from elsewhere: a var / local that is null (absent, said where it is used, fixed
 * at its definition), lists and conditionals read through a var / local (said at the use, with a
 * note), provider defaults that depend on another resource (a listener's protocol), and values the
 * provider takes as "not set" (retention_in_days = 0).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseTerraformModule } from '../../server/src/core/formats/terraform/module';
import { initTerraform } from '../../server/src/core/formats/terraform/runtime';
import { loadRuleSet } from '../../server/src/core/rules/loader';
import { analyzeFiles, applyRuleFixes } from '../helpers/fixes';

const rules = loadRuleSet();
const FILE = '/m/main.tf';
const at = (f: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`;
const found = (text: string, ruleId: string) => analyzeFiles([{ file: FILE, text }], rules).findings.filter((f) => f.ruleId === ruleId);
const where = (text: string, ruleId: string) => found(text, ruleId).map(at);
const fixedText = (text: string, ruleId: string) => applyRuleFixes([{ file: FILE, text }], ruleId, rules)[0].text;
const property = (text: string, resource: string, key: string) =>
  parseTerraformModule([{ file: FILE, text }]).resources.find((r) => r.name === resource)?.properties?.entries.find((e) => e.key === key)?.value;

before(async () => {
  await initTerraform();
});

describe('a var or local that is null', () => {
  const topic = 'variable "topic_key" {\n  type    = string\n  default = null\n}\n\nresource "aws_sns_topic" "alerts" {\n  name              = "patient-alerts"\n  kms_master_key_id = var.topic_key\n}\n';

  it('is not set, said at its use', () => {
    const [f] = found(topic, 'sns.encryption-at-rest');
    assert.equal(at(f), '8:23-8:36');
    assert.match(f.message, /^kms_master_key_id is not set/);
  });

  it('is fixed at the variable\'s default, leaving the use as written', () => {
    const out = fixedText(topic, 'sns.encryption-at-rest');
    assert.match(out, /default = "alias\/aws\/sns"\n/);
    assert.match(out, /kms_master_key_id = var\.topic_key\n/);
    assert.deepEqual(where(out, 'sns.encryption-at-rest'), []);
  });

  it('through a local, is said at the local\'s use and fixed at the variable', () => {
    const text = 'variable "d" {\n  default = null\n}\n\nlocals {\n  days = var.d\n}\n\nresource "aws_cloudwatch_log_group" "app" {\n  name              = "/app"\n  retention_in_days = local.days\n}\n';
    assert.deepEqual(where(text, 'logs.retention'), ['11:23-11:33']);
    const out = fixedText(text, 'logs.retention');
    assert.match(out, /variable "d" \{\n {2}default = 2192\n\}/);
    assert.match(out, /days = var\.d\n/);
    assert.match(out, /retention_in_days = local\.days\n/);
  });

  it('is unknown (given at plan time) when the variable is not nullable', () => {
    const text = topic.replace('  default = null\n', '  default  = null\n  nullable = false\n');
    assert.deepEqual(where(text, 'sns.encryption-at-rest'), []);
    const key = property(text, 'aws_sns_topic.alerts', 'KmsMasterKeyId');
    assert.deepEqual(key && key.kind === 'unknown' && key.reason, 'variable topic_key is not nullable (its value is given at plan time)');
  });

  it('lets the provider default apply (publicly_accessible = var.public, default null)', () => {
    const text = 'variable "public" {\n  default = null\n}\n\nresource "aws_db_instance" "db" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = var.public\n}\n';
    const v = property(text, 'aws_db_instance.db', 'PubliclyAccessible');
    assert.deepEqual(v?.kind === 'scalar' && [v.value, v.note], [false, "the AWS provider's default for publicly_accessible"]);
  });
});

describe('lists and conditionals read through a var or local', () => {
  const distribution = (protocols: string) => [
    'variable "origin_ssl_protocols" {',
    '  type    = list(string)',
    `  default = ${protocols}`,
    '}',
    '',
    'resource "aws_cloudfront_distribution" "portal" {',
    '  origin {',
    '    domain_name = "api.example.com"',
    '    origin_id   = "api"',
    '    custom_origin_config {',
    '      http_port              = 80',
    '      https_port             = 443',
    '      origin_protocol_policy = "https-only"',
    '      origin_ssl_protocols   = var.origin_ssl_protocols',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');

  it('report a list item at the use, noting the default, and fix it in the default', () => {
    const text = distribution('["TLSv1", "TLSv1.2"]');
    const [f, ...rest] = found(text, 'cloudfront.origin-https');
    assert.equal(rest.length, 0);
    assert.equal(at(f), '14:32-14:56');
    assert.match(f.message, /^origin_ssl_protocols allows "TLSv1", .*\(the value comes from the default of variable origin_ssl_protocols\)$/);
    assert.deepEqual(f.related.map((r) => `${r.location.range.start.line + 1}:${r.location.range.start.character + 1} ${r.message}`), ['3:14 value set here (the default of variable origin_ssl_protocols)']);
    assert.match(fixedText(text, 'cloudfront.origin-https'), /default = \["TLSv1\.2", "TLSv1\.2"\]\n/);
  });

  it('report a conditional local\'s branch at the use, noting the local, and fix the branch', () => {
    const text = [
      'locals {',
      '  mode = terraform.workspace == "prod" ? "required" : "preferred"',
      '}',
      '',
      'resource "aws_elasticache_replication_group" "sessions" {',
      '  replication_group_id       = "sessions"',
      '  description                = "Session cache"',
      '  engine                     = "redis"',
      '  at_rest_encryption_enabled = true',
      '  transit_encryption_enabled = true',
      '  transit_encryption_mode    = local.mode',
      '}',
      '',
    ].join('\n');
    const [f] = found(text, 'elasticache.redis-in-transit');
    assert.equal(at(f), '11:32-11:42');
    assert.match(f.message, /\(the value comes from the value of local\.mode\)$/);
    assert.match(fixedText(text, 'elasticache.redis-in-transit'), /mode = terraform\.workspace == "prod" \? "required" : "required"\n/);
  });
});

describe('a list appended to through a local', () => {
  it('grows in the local\'s tuple, in HCL syntax', () => {
    const text = [
      'locals {',
      '  statements = [',
      '    { Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::example-records/*" },',
      '  ]',
      '}',
      '',
      'resource "aws_s3_bucket" "records" {',
      '  bucket = "example-records"',
      '}',
      '',
      'resource "aws_s3_bucket_policy" "records" {',
      '  bucket = aws_s3_bucket.records.id',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = local.statements })',
      '}',
      '',
    ].join('\n');
    const out = fixedText(text, 's3.ssl-requests-only');
    assert.match(out, /Resource = "arn:aws:s3:::example-records\/\*" \},\n {4}\{\n {6}Sid {7}= "DenyInsecureTransport"\n/);
    assert.match(out, /Statement = local\.statements \}\)\n/);
    assert.deepEqual(where(out, 's3.ssl-requests-only'), []);
  });
});

describe('a listener without protocol', () => {
  const listener = (lb: string) => `${lb}resource "aws_lb_listener" "web" {\n  load_balancer_arn = ${lb ? 'aws_lb.portal.arn' : 'var.lb_arn'}\n  port              = 80\n\n  default_action {\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/app/1"\n  }\n}\n`;
  const alb = 'resource "aws_lb" "portal" {\n  name = "patient-portal"\n}\n\n';

  it('in front of an application load balancer listens on HTTP (the provider default), said at its labels', () => {
    const [f] = found(listener(alb), 'elbv2.listener-https');
    assert.equal(at(f), '5:10-5:33');
    assert.match(f.message, /\(the value comes from the AWS provider's default for protocol on aws_lb\.portal, an application load balancer\)$/);
  });

  it('gets protocol = "HTTPS" from the fix', () => {
    const out = fixedText(listener(alb), 'elbv2.listener-https');
    assert.match(out, /port {14}= 80\n {2}protocol {10}= "HTTPS"\n/);
    assert.deepEqual(where(out, 'elbv2.listener-https'), []);
  });

  it('in front of a network load balancer, or one outside the module, is not reported', () => {
    assert.deepEqual(where(listener(alb.replace('  name', '  load_balancer_type = "network"\n  name')), 'elbv2.listener-https'), []);
    assert.deepEqual(where(listener(''), 'elbv2.listener-https'), []);
  });
});

describe('retention_in_days = 0', () => {
  it('means never expire: not set, fixed where the 0 is written (or in the default it comes from)', () => {
    const text = 'variable "days" {\n  default = 0\n}\n\nresource "aws_cloudwatch_log_group" "app" {\n  name              = "/app"\n  retention_in_days = 0\n}\n\nresource "aws_cloudwatch_log_group" "audit" {\n  name              = "/audit"\n  retention_in_days = var.days\n}\n';
    assert.deepEqual(where(text, 'logs.retention'), ['7:23-7:24', '12:23-12:31']);
    const out = fixedText(text, 'logs.retention');
    assert.match(out, /default = 2192\n/);
    assert.match(out, /retention_in_days = 2192\n/);
    assert.match(out, /retention_in_days = var\.days\n/);
  });
});
