/**
 * Adapter details: provider defaults that depend on the AWS provider version required_providers pins
 * (aws_redshift_cluster `encrypted` is true by default from v6 on), and literal names of module
 * resources in nested blocks and split resources (`target_bucket = "example-logs"`) as references.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseTerraformModule } from '../../server/src/core/formats/terraform/module';
import { initTerraform } from '../../server/src/core/formats/terraform/runtime';
import type { Value } from '../../server/src/core/model/types';

const prop = (text: string, address: string, ...keys: string[]) => {
  let v: Value | undefined = parseTerraformModule([{ file: '/m/main.tf', text }]).resources.find((r) => r.name === address)?.properties;
  for (const k of keys) v = v?.kind === 'map' ? v.entries.find((e) => e.key === k)?.value : undefined;
  return v;
};

const pinned = (version: string | undefined) => (version === undefined ? '' : [
  'terraform {',
  '  required_providers {',
  `    aws = { source = "hashicorp/aws", version = "${version}" }`,
  '  }',
  '}',
].join('\n'));

function encrypted(version: string | undefined, body = ''): Value | undefined {
  return prop(`${pinned(version)}\nresource "aws_redshift_cluster" "w" {\n  node_type = "ra3.xlplus"\n${body}}\n`, 'aws_redshift_cluster.w', 'Encrypted');
}

before(async () => {
  await initTerraform();
});

describe('provider defaults by provider version', () => {
  it('applies a default only when required_providers pins at least its major version', () => {
    for (const version of ['~> 6.0', '>= 6.2', '6.0.0']) {
      const v = encrypted(version);
      assert.ok(v?.kind === 'scalar', version);
      assert.deepEqual([v.value, v.state, v.note], [true, 'default', "the AWS provider v6+'s default for encrypted"]);
    }
    for (const version of [undefined, '~> 5.0', '>= 5.0', '< 6.0']) assert.equal(encrypted(version), undefined, String(version));
  });

  it('never overrides a written value', () => {
    const v = encrypted('~> 6.0', '  encrypted = false\n');
    assert.ok(v?.kind === 'scalar');
    assert.deepEqual([v.value, v.state], [false, 'literal']);
  });
});

describe('literal names of module resources', () => {
  const buckets = [
    'resource "aws_s3_bucket" "logs" {',
    '  bucket = "example-logs"',
    '}',
    'resource "aws_s3_bucket" "records" {',
    '  bucket = "example-records"',
    '}',
  ].join('\n');

  it('become references in split resources (aws_s3_bucket_logging target_bucket)', () => {
    const text = `${buckets}\nresource "aws_s3_bucket_logging" "records" {\n  bucket        = "example-records"\n  target_bucket = "example-logs"\n}\n`;
    const v = prop(text, 'aws_s3_bucket.records', 'LoggingConfiguration', 'DestinationBucketName');
    assert.deepEqual(v?.kind === 'ref' && [v.target, v.range.start.line], ['aws_s3_bucket.logs', 8]);
  });

  it('become references in nested blocks (v3 logging block), and other names stay as written', () => {
    const text = `${buckets.replace('  bucket = "example-records"', '  bucket = "example-records"\n  logging {\n    target_bucket = "example-logs"\n  }')}\n`;
    const v = prop(text, 'aws_s3_bucket.records', 'LoggingConfiguration', 'DestinationBucketName');
    assert.deepEqual(v?.kind === 'ref' && v.target, 'aws_s3_bucket.logs');
    const other = prop(text.replace('target_bucket = "example-logs"', 'target_bucket = "central-logs"'), 'aws_s3_bucket.records', 'LoggingConfiguration', 'DestinationBucketName');
    assert.deepEqual(other?.kind === 'scalar' && other.value, 'central-logs');
  });
});
