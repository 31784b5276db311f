/**
 * Names Terraform writes where CloudFormation has no property (prefixes, S3 object keys, Auto
 * Scaling `tag` blocks, state machine definitions, the provider's default_tags) reach the PHI check,
 * and messages say Terraform's words: arguments, not CloudFormation paths or value spellings.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initTerraform } from '../../server/src/core/formats/terraform/runtime';
import { inTerraformTerms } from '../../server/src/core/formats/terraform/vocabulary';
import { loadRuleSet } from '../../server/src/core/rules/loader';
import { analyzeFiles } from '../helpers/fixes';

const rules = loadRuleSet();
const SSN = '123-45-6789';
/** `line:col message-start` of each PHI finding. */
const phi = (text: string) => analyzeFiles([{ file: '/m/main.tf', text }], rules).findings
  .filter((f) => f.ruleId === 'general.no-phi-in-names-tags')
  .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message.slice(0, f.message.indexOf(' looks like'))}`);

before(async () => {
  await initTerraform();
});

describe('PHI in Terraform-only names', () => {
  it('is found in name_prefix, bucket_prefix and identifier_prefix, named as written', () => {
    const text = [
      'resource "aws_cloudwatch_log_group" "app" {',
      `  name_prefix       = "patient-${SSN}-"`,
      '  retention_in_days = 30',
      '}',
      'resource "aws_s3_bucket" "b" {',
      `  bucket_prefix = "mrn-${SSN}"`,
      '}',
      'resource "aws_db_instance" "db" {',
      `  identifier_prefix = "db-${SSN}"`,
      '}',
      'resource "aws_launch_template" "lt" {',
      `  name_prefix = "lt-${SSN}"`,
      '}',
    ].join('\n');
    assert.deepEqual(phi(text), ['2:23 name_prefix', '6:19 bucket_prefix', '9:23 identifier_prefix', '12:17 name_prefix']);
  });

  it('is found in an S3 object key, an Auto Scaling tag block and a state machine definition', () => {
    const text = [
      'resource "aws_s3_object" "report" {',
      '  bucket = "reports"',
      `  key    = "reports/${SSN}.pdf"`,
      '}',
      'resource "aws_autoscaling_group" "workers" {',
      '  max_size = 1',
      '  min_size = 1',
      '  tag {',
      '    key                 = "Patient"',
      `    value               = "${SSN}"`,
      '    propagate_at_launch = true',
      '  }',
      '}',
      'resource "aws_sfn_state_machine" "intake" {',
      '  role_arn = "arn:aws:iam::111122223333:role/sfn"',
      '  definition = jsonencode({',
      '    StartAt = "A"',
      `    States  = { A = { Type = "Pass", Result = "${SSN}", End = true } }`,
      '  })',
      '}',
    ].join('\n');
    assert.deepEqual(phi(text), ['3:12 key', '10:27 tag[0].value', '18:47 A value in definition']);
  });

  it('is found in the provider\'s default_tags (every resource carries them)', () => {
    const text = `provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = {\n      Owner = "${SSN}"\n    }\n  }\n}\n`;
    assert.deepEqual(phi(text), ['5:15 A tag value in tags']);
  });
});

describe('messages in Terraform terms', () => {
  it('give values in Terraform\'s spelling where every argument spells them so', () => {
    assert.equal(inTerraformTerms('AccessControl is "PublicRead".', 'AWS::S3::Bucket'), 'acl is "public-read".');
  });

  it('keep a value that a split resource writes in CloudFormation spelling (versioning status)', () => {
    assert.equal(inTerraformTerms('Status is "Suspended".', 'AWS::S3::Bucket'), 'status is "Suspended".');
  });

  it('drop path segments Terraform does not write', () => {
    assert.equal(inTerraformTerms('Ebs.Encrypted is not set.', 'AWS::EC2::Instance'), 'encrypted is not set.');
    assert.equal(inTerraformTerms('LaunchTemplateData.BlockDeviceMappings is empty.', 'AWS::EC2::LaunchTemplate'), 'block_device_mappings is empty.');
    assert.equal(inTerraformTerms('Ebs.Encrypted is not set.', 'AWS::EC2::LaunchTemplate'), 'ebs.encrypted is not set.');
  });

  it('name Terraform-only keys and unmapped resource types by their arguments', () => {
    assert.equal(inTerraformTerms('PrefixOfName looks odd.', 'Terraform::aws_iam_role'), 'name_prefix looks odd.');
    assert.equal(inTerraformTerms('ObjectKeyName looks odd.', 'Terraform::aws_s3_object'), 'key looks odd.');
  });
});
