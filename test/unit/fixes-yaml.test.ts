/** YAML fixes: rendered edits keep the user's style, and the fixed text parses and passes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixesFor } from '../../server/src/core/fixes/fixes';
import { applyEdits } from '../../server/src/core/fixes/text-edits';
import { YamlEditor } from '../../server/src/core/fixes/yaml-edits';
import { yamlInline, yamlScalar } from '../../server/src/core/fixes/yaml-text';
import { parseCloudFormation } from '../../server/src/core/formats/cloudformation/template';
import type { RuleSet } from '../../server/src/core/rules/loader';
import type { Rule } from '../../server/src/core/rules/types';
import { active, applyPreferredFix, lines, RDS_RULE, ruleSet, run, simpleRule } from './unit-helpers';

const RDS = ruleSet([RDS_RULE]);
const FILE = '/ws/t.yaml';

function fixed(text: string, rules: RuleSet = RDS, ruleId = 'rds.storage-encrypted'): string {
  return applyPreferredFix(text, FILE, rules, ruleId);
}

describe('YAML: set a missing property', () => {
  it('2-space indentation', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: postgres', '  Other:', '    Type: AWS::S3::Bucket');
    assert.equal(fixed(text), lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: postgres', '      StorageEncrypted: true', '  Other:', '    Type: AWS::S3::Bucket'));
  });
  it('4-space indentation', () => {
    const text = lines('Resources:', '    Db:', '        Type: AWS::RDS::DBInstance', '        Properties:', '            Engine: postgres');
    assert.equal(fixed(text), lines('Resources:', '    Db:', '        Type: AWS::RDS::DBInstance', '        Properties:', '            Engine: postgres', '            StorageEncrypted: true'));
  });
  it('after a nested map, at the property level', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Tags:', '        - Key: a', '          Value: b', '', '  Other:', '    Type: AWS::S3::Bucket');
    assert.equal(fixed(text), lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Tags:', '        - Key: a', '          Value: b', '      StorageEncrypted: true', '', '  Other:', '    Type: AWS::S3::Bucket'));
  });
  it('after trailing comments, before the next resource', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: postgres # pg', '      # more to come', '  Other:', '    Type: AWS::S3::Bucket');
    assert.equal(fixed(text), lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: postgres # pg', '      StorageEncrypted: true', '      # more to come', '  Other:', '    Type: AWS::S3::Bucket'));
  });
  it('after a literal block scalar, without changing the block scalar', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: postgres', '      Script: |', '        echo hi', '        # not a comment: part of the script', '  Other:', '    Type: AWS::S3::Bucket');
    const out = fixed(text);
    assert.equal(out, lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: postgres', '      Script: |', '        echo hi', '        # not a comment: part of the script', '      StorageEncrypted: true', '  Other:', '    Type: AWS::S3::Bucket'));
  });
  it('flow map `{ a: 1 }`', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties: { Engine: postgres }');
    assert.equal(fixed(text), lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties: { Engine: postgres, StorageEncrypted: true }'));
  });
  it('empty flow map `{}`', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties: {}');
    assert.equal(fixed(text), lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties: { StorageEncrypted: true }'));
  });
  it('empty `Properties:`', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '  Other:', '    Type: AWS::S3::Bucket');
    assert.equal(fixed(text), lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: true', '  Other:', '    Type: AWS::S3::Bucket'));
  });
  it('creates `Properties:` when absent (block body)', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    DeletionPolicy: Snapshot', 'Outputs:', '  X:', '    Value: 1');
    assert.equal(fixed(text), lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    DeletionPolicy: Snapshot', '    Properties:', '      StorageEncrypted: true', 'Outputs:', '  X:', '    Value: 1'));
  });
  it('creates `Properties:` when absent (4 spaces)', () => {
    const text = lines('Resources:', '    Db:', '        Type: AWS::RDS::DBInstance');
    assert.equal(fixed(text), lines('Resources:', '    Db:', '        Type: AWS::RDS::DBInstance', '        Properties:', '            StorageEncrypted: true'));
  });
  it('creates `Properties` in a flow body', () => {
    const text = lines('Resources:', '  Db: { Type: AWS::RDS::DBInstance }');
    assert.equal(fixed(text), lines('Resources:', '  Db: { Type: AWS::RDS::DBInstance, Properties: { StorageEncrypted: true } }'));
  });
});

describe('YAML: replace a wrong value', () => {
  it('a wrong scalar', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: false # was off', '      Engine: postgres');
    assert.equal(fixed(text), lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: true # was off', '      Engine: postgres'));
  });
  it('a quoted string stays a string', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: "false"');
    assert.equal(fixed(text), lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', "      StorageEncrypted: 'true'"));
  });
  it('a value from a parameter Default is fixed at the Default', () => {
    const text = lines('Parameters:', '  Enc:', '    Type: String', "    Default: 'false'", 'Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: !Ref Enc');
    assert.equal(fixed(text), lines('Parameters:', '  Enc:', '    Type: String', "    Default: 'true'", 'Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: !Ref Enc'));
  });
  it('the failing branch of an Fn::If', () => {
    const text = lines('Conditions:', '  C: !Equals [a, b]', 'Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: !If [C, true, false]');
    assert.equal(fixed(text), lines('Conditions:', '  C: !Equals [a, b]', 'Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: !If [C, true, true]'));
  });
  it('an AWS::NoValue branch of an Fn::If', () => {
    const text = lines('Conditions:', '  C: !Equals [a, b]', 'Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: !If [C, true, !Ref AWS::NoValue]');
    assert.equal(fixed(text), lines('Conditions:', '  C: !Equals [a, b]', 'Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: !If [C, true, true]'));
  });
});

describe('YAML: CRLF', () => {
  it('inserted lines use CRLF and the rest is untouched', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: postgres', '  Other:', '    Type: AWS::S3::Bucket').replace(/\n/g, '\r\n');
    const out = fixed(text);
    assert.equal(out, lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: postgres', '      StorageEncrypted: true', '  Other:', '    Type: AWS::S3::Bucket').replace(/\n/g, '\r\n'));
    assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
  });
  it('single resource: inserted line uses CRLF', () => {
    const text = 'Resources:\r\n  Db:\r\n    Type: AWS::RDS::DBInstance\r\n    Properties:\r\n      Engine: postgres\r\n';
    assert.equal(fixed(text), 'Resources:\r\n  Db:\r\n    Type: AWS::RDS::DBInstance\r\n    Properties:\r\n      Engine: postgres\r\n      StorageEncrypted: true\r\n');
  });
  it('creating Properties with CRLF', () => {
    const text = 'Resources:\r\n  Db:\r\n    Type: AWS::RDS::DBInstance\r\n';
    assert.equal(fixed(text), 'Resources:\r\n  Db:\r\n    Type: AWS::RDS::DBInstance\r\n    Properties:\r\n      StorageEncrypted: true\r\n');
  });
});

describe('YAML: nested missing paths', () => {
  const rules = ruleSet([simpleRule('t.nested', 'AWS::S3::Bucket', { path: 'BucketEncryption.Config.Algo', equals: 'aws:kms' }, { fix: { title: 'Encrypt' } })]);
  it('creates the nested maps in block style with the file unit', () => {
    const text = lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      BucketName: b');
    assert.equal(fixed(text, rules, 't.nested'), lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      BucketName: b', '      BucketEncryption:', '        Config:', '          Algo: aws:kms'));
  });
  it('creates below the deepest existing map', () => {
    const text = lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      BucketEncryption:', '        Other: 1');
    assert.equal(fixed(text, rules, 't.nested'), lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      BucketEncryption:', '        Other: 1', '        Config:', '          Algo: aws:kms'));
  });
  it('creates nested maps inline in a flow map', () => {
    const text = lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties: { BucketName: b }');
    assert.equal(fixed(text, rules, 't.nested'), lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties: { BucketName: b, BucketEncryption: { Config: { Algo: aws:kms } } }'));
  });
  it('4-space file: nested maps use 4 spaces', () => {
    const text = lines('Resources:', '    B:', '        Type: AWS::S3::Bucket', '        Properties:', '            BucketName: b');
    assert.equal(fixed(text, rules, 't.nested'), lines('Resources:', '    B:', '        Type: AWS::S3::Bucket', '        Properties:', '            BucketName: b', '            BucketEncryption:', '                Config:', '                    Algo: aws:kms'));
  });
});

describe('YAML: append to lists', () => {
  const tagRule: Rule = simpleRule('t.tag', 'AWS::S3::Bucket', { path: 'Tags', some: { path: 'Key', equals: 'phi' }, fixValue: { Key: 'phi', Value: 'yes' } }, { fix: { title: 'Tag' } });
  const rules = ruleSet([tagRule]);
  it('block sequence of maps', () => {
    const text = lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      Tags:', '        - Key: a', '          Value: b', '      BucketName: x');
    assert.equal(fixed(text, rules, 't.tag'), lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      Tags:', '        - Key: a', '          Value: b', '        - Key: phi', '          Value: yes'.replace('yes', "'yes'"), '      BucketName: x'));
  });
  it('block sequence indented at the key level', () => {
    const text = lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      Tags:', '      - Key: a', '        Value: b');
    assert.equal(fixed(text, rules, 't.tag'), lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      Tags:', '      - Key: a', '        Value: b', '      - Key: phi', "        Value: 'yes'"));
  });
  it('flow sequence', () => {
    const text = lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      Tags: [{ Key: a, Value: b }]');
    assert.equal(fixed(text, rules, 't.tag'), lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', "      Tags: [{ Key: a, Value: b }, { Key: phi, Value: 'yes' }]"));
  });
  it('empty flow sequence', () => {
    const text = lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      Tags: []');
    assert.equal(fixed(text, rules, 't.tag'), lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', "      Tags: [{ Key: phi, Value: 'yes' }]"));
  });
  it('absent list is created', () => {
    const text = lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      BucketName: x');
    assert.equal(fixed(text, rules, 't.tag'), lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      BucketName: x', '      Tags:', '        - Key: phi', "          Value: 'yes'"));
  });
});

describe('YAML: add a resource, and append to a referencing resource', () => {
  const policyRule: Rule = simpleRule('t.policy', 'AWS::S3::Bucket', {
    referencedBy: ['AWS::S3::BucketPolicy'],
    via: 'Bucket',
    then: { path: 'PolicyDocument.Statement', some: { path: 'Effect', equals: 'Deny' } },
  }, {
    fix: {
      title: 'Deny insecure transport',
      addResource: {
        nameSuffix: 'Policy',
        type: 'AWS::S3::BucketPolicy',
        properties: { Bucket: { Ref: '${name}' }, PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*' }] } },
      },
      appendToReferencing: { path: 'PolicyDocument.Statement', value: { Effect: 'Deny', Principal: '*', Action: 's3:*' } },
    },
  });
  const rules = ruleSet([policyRule]);
  it('addResource after the last resource, in the file style', () => {
    const text = lines('Resources:', '  Logs:', '    Type: AWS::S3::Bucket', '    Properties:', '      BucketName: logs', 'Outputs:', '  Name:', '    Value: !Ref Logs');
    assert.equal(fixed(text, rules, 't.policy'), lines(
      'Resources:', '  Logs:', '    Type: AWS::S3::Bucket', '    Properties:', '      BucketName: logs',
      '  LogsPolicy:', '    Type: AWS::S3::BucketPolicy', '    Properties:', '      Bucket: !Ref Logs', '      PolicyDocument:', '        Statement:', '          - Effect: Deny', "            Principal: '*'", '            Action: s3:*',
      'Outputs:', '  Name:', '    Value: !Ref Logs'));
  });
  it('addResource picks a free name', () => {
    const text = lines('Resources:', '  Logs:', '    Type: AWS::S3::Bucket', '  LogsPolicy:', '    Type: AWS::SNS::Topic');
    const out = fixed(text, rules, 't.policy');
    assert.match(out, /\n {2}LogsPolicy2:\n {4}Type: AWS::S3::BucketPolicy\n/);
  });
  it('appendToReferencing adds the statement to the existing policy', () => {
    const text = lines('Resources:', '  Logs:', '    Type: AWS::S3::Bucket', '  P:', '    Type: AWS::S3::BucketPolicy', '    Properties:', '      Bucket: !Ref Logs', '      PolicyDocument:', '        Statement:', '          - Effect: Allow', '            Action: s3:GetObject');
    assert.equal(fixed(text, rules, 't.policy'), lines('Resources:', '  Logs:', '    Type: AWS::S3::Bucket', '  P:', '    Type: AWS::S3::BucketPolicy', '    Properties:', '      Bucket: !Ref Logs', '      PolicyDocument:', '        Statement:', '          - Effect: Allow', '            Action: s3:GetObject', '          - Effect: Deny', "            Principal: '*'", '            Action: s3:*'));
  });
});

describe('YAML: suppress action', () => {
  it('inserts a hipaa:ignore comment above the property, with the reason placeholder', () => {
    const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: false');
    const result = run(text, RDS, { file: FILE });
    const fix = fixesFor(result, active(result)[0]).find((f) => f.kind === 'suppress')!;
    assert.equal(fix.isPreferred, false);
    const out = applyEdits(text, fix.edits);
    assert.equal(out, lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      # hipaa:ignore rds.storage-encrypted -- <reason>', '      StorageEncrypted: false'));
    // The placeholder is no reason: still reported, plus missing-reason.
    const after = run(out, RDS, { file: FILE });
    assert.deepEqual(active(after).map((f) => f.ruleId).sort(), ['rds.storage-encrypted', 'suppression.missing-reason']);
  });
});

describe('yaml-text rendering', () => {
  const style = { unit: '  ', eol: '\n', shortForm: true };
  it('scalars that YAML would read as something else are quoted', () => {
    assert.equal(yamlScalar('plain'), 'plain');
    assert.equal(yamlScalar('aws:kms'), 'aws:kms');
    for (const s of ['true', 'No', 'null', '~', '123', '1.5', '-1', '*', '&a', '!x', '@x', '%x', '`x', '#x', 'a: b', 'a #b', 'end:', '', ' lead']) {
      assert.match(yamlScalar(s), /^'.*'$/s, `${JSON.stringify(s)} → ${yamlScalar(s)}`);
    }
  });
  it('strings that YAML 1.2 reads as numbers (exponent, hex, octal, .inf, .nan) are quoted', () => {
    for (const s of ['1e5', '0x1F', '0o17', '.inf', '.NaN']) assert.match(yamlScalar(s), /^'.*'$/, `${s} → ${yamlScalar(s)}`);
  });
  it('a string with a newline round-trips', () => {
    const out = yamlScalar('a\nb');
    const t = parseCloudFormation(`Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      A: ${out}\n`, FILE, 'cloudformation-yaml');
    assert.equal((t.resources[0].properties!.entries[0].value as { value: unknown }).value, 'a\nb');
  });
  it('intrinsics render in short form when the file uses it', () => {
    assert.equal(yamlInline({ Ref: 'X' }, style), '!Ref X');
    assert.equal(yamlInline({ 'Fn::GetAtt': ['K', 'Arn'] }, style), '!GetAtt K.Arn');
    assert.equal(yamlInline({ 'Fn::Join': ['', ['a', { Ref: 'B' }]] }, style), "!Join ['', [a, !Ref B]]");
    assert.equal(yamlInline({ Ref: 'X' }, { ...style, shortForm: false }), '{ Ref: X }');
    assert.equal(yamlInline({ 'Fn::Sub': 'x' }, { ...style, shortForm: false }), '{ Fn::Sub: x }');
  });
  it('the editor detects long-form files', () => {
    const t = parseCloudFormation(lines('Resources:', '  R:', '    Type: AWS::S3::Bucket', '    Properties:', '      A:', '        Ref: X'), FILE, 'cloudformation-yaml');
    assert.equal(new YamlEditor(t).style.shortForm, false);
  });
});
