/** engine.analyze: the one entry point. Rule isolation, BOM, broken input, outcomes, citations. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyze, appliesTo, citationOf } from '../../server/src/core/engine';
import { defaultRulesDir, type RuleSet, type Whitepaper } from '../../server/src/core/rules/loader';
import type { Rule } from '../../server/src/core/rules/types';
import { active, lines, r, RDS_RULE, rule, ruleSet, run, simpleRule, summary } from './unit-helpers';

const TEMPLATE = lines(
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Db:',
  '    Type: AWS::RDS::DBInstance',
  '    Properties:',
  '      Engine: postgres',
  '      StorageEncrypted: false',
  '  Bucket:',
  '    Type: AWS::S3::Bucket',
);

describe('rule isolation', () => {
  it('a rule whose named check does not exist goes to ruleErrors; other rules still report', () => {
    const bogus: Rule = rule('t.bogus', [{ types: ['AWS::RDS::DBInstance', 'AWS::S3::Bucket'], check: { check: 'no-such-check' } }]);
    const rules = ruleSet([bogus, RDS_RULE]);
    const result = run(TEMPLATE, rules);
    assert.equal(result.status, 'analysed');
    assert.deepEqual(result.ruleErrors, [
      't.bogus on Db: unknown named check no-such-check',
      't.bogus on Bucket: unknown named check no-such-check',
    ]);
    assert.deepEqual(summary(result), ['rds.storage-encrypted 6:24-6:29 StorageEncrypted is false.']);
  });
  it('a malformed predicate throws inside one rule only', () => {
    const broken: Rule = rule('t.broken', [{ types: ['AWS::S3::Bucket'], check: { path: 'X', frobnicate: 1 } as never }]);
    const result = run(TEMPLATE, ruleSet([RDS_RULE, broken]));
    assert.equal(result.ruleErrors.length, 1);
    assert.match(result.ruleErrors[0], /^t\.broken on Bucket: unsupported predicate/);
    assert.equal(active(result, 'rds.storage-encrypted').length, 1);
  });
});

describe('input handling', () => {
  const rules = ruleSet([RDS_RULE]);
  it('a UTF-8 BOM is stripped: same findings and ranges as without it', () => {
    const withBom = run('\ufeff' + TEMPLATE, rules);
    const without = run(TEMPLATE, rules);
    assert.equal(withBom.status, 'analysed');
    assert.deepEqual(summary(withBom), summary(without));
    assert.deepEqual(summary(withBom), ['rds.storage-encrypted 6:24-6:29 StorageEncrypted is false.']);
    assert.equal(withBom.template?.text.charCodeAt(0), 'A'.charCodeAt(0));
    assert.equal(r(withBom.template!.resources[0].nameRange), '2:2-2:4');
  });
  it('a UTF-8 BOM in JSON', () => {
    const json = '\ufeff{ "Resources": { "Db": { "Type": "AWS::RDS::DBInstance", "Properties": { "StorageEncrypted": false } } } }';
    const result = run(json, rules, { file: '/ws/t.json' });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(summary(result), ['rds.storage-encrypted 0:93-0:98 StorageEncrypted is false.']);
  });
  it('broken YAML: the intact resource still has its finding, the problem is reported', () => {
    const text = lines(
      'Resources:',
      '  A:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      "      DBName: 'unclosed",
      '      StorageEncrypted: true',
      '  B:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      StorageEncrypted: false',
    );
    const result = run(text, rules);
    assert.equal(result.status, 'analysed');
    assert.equal(result.problems.length, 1);
    assert.deepEqual(summary(result), ['rds.storage-encrypted 9:24-9:29 StorageEncrypted is false.']);
  });
  it('CRLF template with several resources: the compliant one has no finding', () => {
    const text = lines(
      'Resources:',
      '  A:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      StorageEncrypted: true',
      '  B:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      StorageEncrypted: false',
    ).replace(/\n/g, '\r\n');
    assert.deepEqual(summary(run(text, rules)), ['rds.storage-encrypted 8:24-8:29 StorageEncrypted is false.']);
  });
  it('finding fields: resource, severity, file, citation, origin', () => {
    const result = run(TEMPLATE, rules);
    const f = result.findings[0];
    assert.equal(f.file, '/ws/template.yaml');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.resource, { type: 'AWS::RDS::DBInstance', name: 'Db' });
    assert.deepEqual(f.citation, { section: 'rds-mysql', title: 'Amazon RDS for MySQL', page: 8, document: 'Architecting for HIPAA (January 2019)', url: 'https://example.invalid/wp' });
    assert.equal(f.origin?.resource.name, 'Db');
    assert.deepEqual(f.related, []);
  });
  it('outcomes record every rule × resource checked', () => {
    const text = lines('Resources:', '  A:', '    Type: AWS::RDS::DBInstance', '    Properties: { StorageEncrypted: true }', '  B:', '    Type: AWS::RDS::DBInstance', '  C:', '    Type: AWS::RDS::DBInstance', '    Properties: { Engine: aurora-mysql }', '  D:', '    Type: AWS::RDS::DBInstance', '    Properties: { StorageEncrypted: !Ref P }', 'Parameters:', '  P:', '    Type: String');
    const result = run(text, rules);
    // C is Aurora: the `when` fails, so the target does not apply and no outcome is recorded.
    assert.deepEqual(result.outcomes.map((o) => `${o.resource}:${o.status}`), ['A:pass', 'B:fail', 'D:unknown']);
  });
  it('a `when` that is unknown makes the outcome unknown (no finding)', () => {
    const text = lines('Parameters:', '  E:', '    Type: String', 'Resources:', '  A:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: !Ref E');
    const result = run(text, rules);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['unknown']);
  });
});

describe('appliesTo and citations', () => {
  it('exact types, service wildcards and *', () => {
    assert.equal(appliesTo({ types: ['AWS::RDS::DBInstance'], check: { exists: true } }, 'AWS::RDS::DBInstance'), true);
    assert.equal(appliesTo({ types: ['AWS::RDS::*'], check: { exists: true } }, 'AWS::RDS::DBCluster'), true);
    assert.equal(appliesTo({ types: ['AWS::RDS::*'], check: { exists: true } }, 'AWS::RDSX::Thing'), false);
    assert.equal(appliesTo({ types: ['*'], check: { exists: true } }, 'Custom::X'), true);
    assert.equal(appliesTo({ types: ['AWS::S3::Bucket'], check: { exists: true } }, 'AWS::S3::BucketPolicy'), false);
  });
  it('a rule without a citation has none; a section missing from the whitepaper falls back to its key', () => {
    const rules = ruleSet([]);
    assert.equal(citationOf(rule('x', []), rules), undefined);
    const c = citationOf({ ...rule('x', []), citation: { section: 'not-there', page: 3, explanation: '' } }, rules);
    assert.equal(c?.title, 'not-there');
    assert.equal(c?.page, 3);
  });
});

describe('with the real rds.storage-encrypted rule file', () => {
  // Only this one rule file (plus the whitepaper), so rules being added elsewhere cannot break the test.
  const dir = defaultRulesDir();
  const rds = parse(fs.readFileSync(path.join(dir, 'rds.storage-encrypted.yaml'), 'utf8')) as Rule;
  const whitepaper = parse(fs.readFileSync(path.join(dir, 'whitepaper.yaml'), 'utf8')) as Whitepaper;
  const rules: RuleSet = { rules: [rds], byId: new Map([[rds.id, rds]]), whitepaper, sections: new Map(whitepaper.sections.map((s) => [s.key, s])), dir };

  it('fires on false, on missing, and on a parameter Default; not on Aurora instances', () => {
    const text = lines(
      'Parameters:',
      '  Encrypt:',
      '    Type: String',
      "    Default: 'false'",
      'Resources:',
      '  A:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      Engine: postgres',
      '      StorageEncrypted: false',
      '  B:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      Engine: mysql',
      '  C:',
      '    Type: AWS::RDS::DBCluster',
      '    Properties:',
      '      StorageEncrypted: !Ref Encrypt',
      '  D:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      Engine: aurora-mysql',
    );
    const result = analyze({ file: '/ws/t.yaml', text, rules });
    assert.deepEqual(result.findings.map((f) => `${f.resource?.name} ${r(f.range)}`), ['A 9:24-9:29', 'B 10:2-10:3', 'C 17:24-17:36']);
    assert.equal(result.findings[0].citation?.section, 'rds-mysql');
    assert.equal(result.findings[0].citation?.page, 8);
    assert.match(result.findings[2].message, /the Default of parameter Encrypt/);
    assert.deepEqual(result.findings[2].related.map((x) => r(x.location.range)), ['3:13-3:20']);
  });
});

describe('named checks that throw', () => {
  it('a check that throws is isolated in ruleErrors', () => {
    // The throw happens deep inside an anyOf: the whole rule is abandoned for that resource only.
    const throwing: Rule = simpleRule('t.throw', 'AWS::S3::Bucket', { anyOf: [{ check: 'does-not-exist' }, { path: 'A', exists: true }] });
    const result = run(TEMPLATE, ruleSet([throwing, RDS_RULE]));
    assert.deepEqual(result.ruleErrors, ['t.throw on Bucket: unknown named check does-not-exist']);
    assert.equal(active(result, 'rds.storage-encrypted').length, 1);
  });
});
