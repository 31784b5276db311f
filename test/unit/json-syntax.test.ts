/** CloudFormation JSON → value tree: exact ranges, tolerance (comments, trailing commas), recovery. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readJson } from '../../server/src/core/formats/cloudformation/json-syntax';
import { parseCloudFormation } from '../../server/src/core/formats/cloudformation/template';
import type { MapValue } from '../../server/src/core/model/types';
import { RDS_RULE, r, ruleSet, run, summary, textAt } from './unit-helpers';

const FILE = '/ws/t.json';
const parse = (text: string) => parseCloudFormation(text, FILE, 'cloudformation-json');

const TEMPLATE = [
  '{',
  '  "AWSTemplateFormatVersion": "2010-09-09",',
  '  "Parameters": { "Enc": { "Type": "String", "Default": "true" } },',
  '  "Resources": {',
  '    "Database": {',
  '      "Type": "AWS::RDS::DBInstance",',
  '      "Properties": {',
  '        "Engine": "postgres",',
  '        "StorageEncrypted": false,',
  '        "AllocatedStorage": 20,',
  '        "KmsKeyId": { "Ref": "Key" },',
  '        "Tags": [ { "Key": "a", "Value": "b" } ]',
  '      }',
  '    },',
  '    "Key": { "Type": "AWS::KMS::Key" }',
  '  }',
  '}',
].join('\n');

describe('JSON ranges', () => {
  const t = parse(TEMPLATE);
  const db = t.resources.find((x) => x.name === 'Database')!;

  it('parses cleanly and detects the template', () => {
    assert.deepEqual(t.problems, []);
    assert.equal(t.detection.isTemplate, true);
    assert.deepEqual(t.resources.map((x) => `${x.name}:${x.type}`), ['Database:AWS::RDS::DBInstance', 'Key:AWS::KMS::Key']);
  });
  it('resource name range includes the quotes; type range is the string', () => {
    assert.equal(r(db.nameRange), '4:4-4:14');
    assert.equal(textAt(TEMPLATE, db.nameRange), '"Database"');
    assert.equal(textAt(TEMPLATE, db.typeRange!), '"AWS::RDS::DBInstance"');
    assert.equal(r(db.range), '4:4-13:5');
  });
  it('property keys and values have exact ranges', () => {
    const p = db.properties!;
    const se = p.entries.find((e) => e.key === 'StorageEncrypted')!;
    assert.equal(r(se.keyRange), '8:8-8:26');
    assert.equal(r(se.value.range), '8:28-8:33');
    assert.deepEqual([se.value.kind, (se.value as { value: unknown }).value], ['scalar', false]);
    const size = p.entries.find((e) => e.key === 'AllocatedStorage')!;
    assert.equal((size.value as { value: unknown }).value, 20);
    const kms = p.entries.find((e) => e.key === 'KmsKeyId')!;
    assert.deepEqual([kms.value.kind, (kms.value as { target?: string }).target], ['ref', 'Key']);
    assert.equal(textAt(TEMPLATE, kms.value.range), '{ "Ref": "Key" }');
    const tags = p.entries.find((e) => e.key === 'Tags')!;
    assert.equal(tags.value.kind, 'seq');
    assert.equal(r(tags.value.range), '11:16-11:48');
  });
  it('JSON maps are flagged flow', () => {
    assert.equal(db.properties!.flow, true);
  });
  it('parameters with Default resolve in JSON too', () => {
    const text = TEMPLATE.replace('"StorageEncrypted": false', '"StorageEncrypted": { "Ref": "Enc" }');
    const p = parse(text).resources[0].properties!;
    const v = p.entries.find((e) => e.key === 'StorageEncrypted')!.value;
    assert.equal(v.kind, 'scalar');
    assert.deepEqual([(v as { value: unknown }).value, (v as { state?: string }).state], ['true', 'default']);
    assert.equal(textAt(text, v.origin!.range), '"true"');
  });
});

describe('JSON tolerance', () => {
  it('comments and trailing commas are accepted without problems', () => {
    const text = [
      '{',
      '  // a line comment',
      '  "Resources": {',
      '    /* block */ "B": {',
      '      "Type": "AWS::RDS::DBInstance",',
      '      "Properties": { "StorageEncrypted": false, },',
      '    },',
      '  },',
      '}',
    ].join('\n');
    const t = parse(text);
    assert.deepEqual(t.problems, []);
    assert.deepEqual(t.resources.map((x) => x.name), ['B']);
    assert.equal(r(t.resources[0].nameRange), '3:16-3:19');
    const se = t.resources[0].properties!.entries[0];
    assert.equal(r(se.value.range), '5:42-5:47');
  });
  it('readJson of a non-object gives no sections', () => {
    assert.deepEqual(readJson('[1, 2]', FILE).sections, []);
    assert.deepEqual(readJson('', FILE).sections, []);
  });
});

describe('broken JSON', () => {
  const rules = ruleSet([RDS_RULE]);

  it('a missing comma: both resources still parse, one problem at the exact spot', () => {
    const text = [
      '{',
      '  "Resources": {',
      '    "A": {',
      '      "Type": "AWS::RDS::DBInstance",',
      '      "Properties": { "Engine": "postgres" "StorageEncrypted": false }',
      '    },',
      '    "B": {',
      '      "Type": "AWS::RDS::DBInstance",',
      '      "Properties": { "StorageEncrypted": false }',
      '    }',
      '  }',
      '}',
    ].join('\n');
    const t = parse(text);
    assert.deepEqual(t.resources.map((x) => x.name), ['A', 'B']);
    assert.deepEqual(t.problems.map((p) => `${p.message} ${r(p.range)}`), ['JSON: CommaExpected 4:43-4:61']);
  });

  it('an unclosed string in resource A: resource B still yields its resource and finding', () => {
    const text = [
      '{',
      '  "Resources": {',
      '    "A": {',
      '      "Type": "AWS::RDS::DBInstance",',
      '      "Properties": { "DBName": "broken, "StorageEncrypted": true }',
      '    },',
      '    "B": {',
      '      "Type": "AWS::RDS::DBInstance",',
      '      "Properties": { "StorageEncrypted": false }',
      '    }',
      '  }',
      '}',
    ].join('\n');
    const t = parse(text);
    assert.ok(t.problems.length > 0);
    assert.ok(t.resources.some((x) => x.name === 'B'), `resources: ${t.resources.map((x) => x.name).join(', ')}`);
    const result = run(text, rules, { file: FILE });
    assert.ok(summary(result).includes('rds.storage-encrypted 8:42-8:47 StorageEncrypted is false.'), summary(result).join('\n'));
  });

  it('a missing closing brace in resource A: resource B is not swallowed into A', () => {
    const text = [
      '{',
      '  "Resources": {',
      '    "A": {',
      '      "Type": "AWS::RDS::DBInstance",',
      '      "Properties": { "StorageEncrypted": true',
      '    },',
      '    "B": {',
      '      "Type": "AWS::RDS::DBInstance",',
      '      "Properties": { "StorageEncrypted": false }',
      '    }',
      '  }',
      '}',
    ].join('\n');
    const t = parse(text);
    assert.ok(t.problems.length > 0);
    assert.deepEqual(t.resources.map((x) => x.name).sort(), ['A', 'B']);
  });

  it('a truncated file keeps everything before the cut', () => {
    const text = [
      '{',
      '  "Resources": {',
      '    "A": {',
      '      "Type": "AWS::RDS::DBInstance",',
      '      "Properties": { "StorageEncrypted": false }',
      '    },',
      '    "B": {',
      '      "Type": "AWS::SQS::Queue"',
      '    }',
    ].join('\n');
    const t = parse(text);
    assert.deepEqual(t.resources.map((x) => x.name), ['A', 'B']);
    assert.ok(t.problems.every((p) => /CloseBraceExpected/.test(p.message)));
    const result = run(text, rules, { file: FILE });
    assert.deepEqual(summary(result), ['rds.storage-encrypted 4:42-4:47 StorageEncrypted is false.']);
  });
});

describe('JSON value kinds', () => {
  it('null, numbers, nested arrays', () => {
    const { sections } = readJson('{ "Resources": { "R": { "Type": "AWS::S3::Bucket", "Properties": { "N": null, "L": [[1], 2.5] } } } }', FILE);
    const res = sections.find((s) => s.key === 'Resources')!.value as MapValue;
    const p = ((res.entries[0].value as MapValue).entries[1].value as MapValue);
    assert.deepEqual([p.entries[0].value.kind, (p.entries[0].value as { value: unknown }).value], ['scalar', null]);
    const l = p.entries[1].value;
    assert.equal(l.kind, 'seq');
    if (l.kind === 'seq') {
      assert.equal(l.items[0].kind, 'seq');
      assert.equal((l.items[1] as { value: unknown }).value, 2.5);
    }
  });
});
