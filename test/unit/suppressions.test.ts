/** Inline and Metadata suppressions, and the meta findings for wrong ones. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../server/src/core/config/config';
import { parseDirective, realReason } from '../../server/src/core/suppress/suppressions';
import { lines, r, RDS_RULE, ruleSet, run, simpleRule, summary } from './unit-helpers';

const PUBLIC = simpleRule('t.public', 'AWS::RDS::DBInstance', { path: 'PubliclyAccessible', notEquals: true }, {}, 'warning');
const EACH = simpleRule('t.each', 'AWS::RDS::DBInstance', { path: 'Items', each: { path: 'On', equals: true } }, {}, 'warning');
const rules = ruleSet([RDS_RULE, PUBLIC, EACH]);

const db = (...props: string[]) => lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', ...props.map((p) => `      ${p}`));

describe('inline suppressions', () => {
  it('a comment on the resource line suppresses that rule on the resource', () => {
    const text = lines('Resources:', '  Db: # hipaa:ignore rds.storage-encrypted -- test data only', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: false');
    const result = run(text, rules);
    assert.deepEqual(summary(result), ['rds.storage-encrypted 4:24-4:29 StorageEncrypted is false. [suppressed: test data only]']);
    assert.equal(r(result.findings[0].suppressed!.location.range), '1:6-1:60');
  });
  it('a comment above the resource (blank lines and other comments between)', () => {
    const text = lines('Resources:', '  # hipaa:ignore rds.storage-encrypted -- scratch database', '', '  # another comment', '  Db:', '    Type: AWS::RDS::DBInstance');
    assert.deepEqual(summary(run(text, rules)), ['rds.storage-encrypted 4:2-4:4 StorageEncrypted is not set. [suppressed: scratch database]']);
  });
  it('a comment above a resource that follows another one attaches to the right resource', () => {
    const text = lines(
      'Resources:',
      '  A:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      StorageEncrypted: true',
      '  # hipaa:ignore rds.storage-encrypted -- B is a throwaway',
      '  B:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      StorageEncrypted: false',
    );
    assert.deepEqual(summary(run(text, rules)), ['rds.storage-encrypted 9:24-9:29 StorageEncrypted is false. [suppressed: B is a throwaway]']);
    // Same with a whole-document parse (an anchor in the file).
    const whole = text + lines('Metadata:', '  X: &x 1');
    assert.deepEqual(summary(run(whole, rules)), ['rds.storage-encrypted 9:24-9:29 StorageEncrypted is false. [suppressed: B is a throwaway]']);
  });
  it('a comment above a property covers only that property', () => {
    const text = db('# hipaa:ignore rds.storage-encrypted,t.public -- only the first', 'StorageEncrypted: false', 'PubliclyAccessible: true');
    assert.deepEqual(summary(run(text, rules)), [
      'rds.storage-encrypted 5:24-5:29 StorageEncrypted is false. [suppressed: only the first]',
      'suppression.unused 4:6-4:69 This suppression of t.public matches no finding; remove it.',
      't.public 6:26-6:30 t.public: bad true',
    ]);
  });
  it('a comment on a property line covers only that property', () => {
    const text = db('StorageEncrypted: false', 'PubliclyAccessible: true # hipaa:ignore t.public -- behind a VPN');
    assert.deepEqual(summary(run(text, rules)), [
      'rds.storage-encrypted 4:24-4:29 StorageEncrypted is false.',
      't.public 5:26-5:30 t.public: bad true [suppressed: behind a VPN]',
    ]);
  });
  it('a comment above one list item covers that item only', () => {
    const text = db('StorageEncrypted: true', 'Items:', '  # hipaa:ignore t.each -- legacy item', '  - On: false', '  - On: false');
    assert.deepEqual(summary(run(text, rules)), [
      't.each 7:14-7:19 t.each: bad false [suppressed: legacy item]',
      't.each 8:14-8:19 t.each: bad false',
    ]);
  });
  it('several ids `a,b` (and `a, b`) on the resource', () => {
    for (const ids of ['rds.storage-encrypted,t.public', 'rds.storage-encrypted, t.public']) {
      const text = lines('Resources:', `  # hipaa:ignore ${ids} -- sandbox`, '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      PubliclyAccessible: true');
      assert.deepEqual(summary(run(text, rules)), [
        'rds.storage-encrypted 2:2-2:4 StorageEncrypted is not set. [suppressed: sandbox]',
        't.public 5:26-5:30 t.public: bad true [suppressed: sandbox]',
      ], ids);
    }
  });
  it('a missing reason → suppression.missing-reason, and nothing is suppressed', () => {
    const text = lines('Resources:', '  Db: # hipaa:ignore rds.storage-encrypted', '    Type: AWS::RDS::DBInstance');
    assert.deepEqual(summary(run(text, rules)), [
      'rds.storage-encrypted 1:2-1:4 StorageEncrypted is not set.',
      'suppression.missing-reason 1:6-1:42 This suppression of rds.storage-encrypted has no reason, so it suppresses nothing. Add " -- <why this is safe>".',
    ]);
  });
  it('an empty reason after -- is no reason', () => {
    const text = lines('Resources:', '  Db: # hipaa:ignore rds.storage-encrypted --   ', '    Type: AWS::RDS::DBInstance');
    assert.deepEqual(run(text, rules).findings.map((f) => `${f.ruleId}${f.suppressed ? ' suppressed' : ''}`).sort(), ['rds.storage-encrypted', 'suppression.missing-reason']);
  });
  it('the `<reason>` placeholder is no reason', () => {
    const text = lines('Resources:', '  # hipaa:ignore rds.storage-encrypted -- <reason>', '  Db:', '    Type: AWS::RDS::DBInstance');
    const result = run(text, rules);
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${r(f.range)}${f.suppressed ? ' suppressed' : ''}`).sort(), [
      'rds.storage-encrypted 2:2-2:4',
      'suppression.missing-reason 1:2-1:50',
    ]);
  });
  it('an unknown rule id → suppression.unknown-rule (known ids of the same comment still work)', () => {
    const text = lines('Resources:', '  Db: # hipaa:ignore rds.storage-encrypted,no.such-rule -- migrating', '    Type: AWS::RDS::DBInstance');
    assert.deepEqual(summary(run(text, rules)), [
      'rds.storage-encrypted 1:2-1:4 StorageEncrypted is not set. [suppressed: migrating]',
      'suppression.unknown-rule 1:6-1:68 hipaa:ignore names an unknown rule "no.such-rule".',
    ]);
  });
  it('no id at all → suppression.unknown-rule', () => {
    const text = lines('Resources:', '  Db: # hipaa:ignore -- because', '    Type: AWS::RDS::DBInstance');
    const meta = run(text, rules).findings.filter((f) => f.ruleId.startsWith('suppression.'));
    assert.deepEqual(meta.map((f) => `${f.ruleId} ${r(f.range)}`), ['suppression.unknown-rule 1:6-1:31']);
  });
  it('a suppression that matches nothing → suppression.unused, with the meta rule severity', () => {
    const text = lines('Resources:', '  Db: # hipaa:ignore rds.storage-encrypted -- stale', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: true');
    const result = run(text, rules);
    assert.deepEqual(summary(result), ['suppression.unused 1:6-1:51 This suppression of rds.storage-encrypted matches no finding; remove it.']);
    assert.equal(result.findings[0].severity, 'info');
  });
  it('meta rules can be turned off in config', () => {
    const text = lines('Resources:', '  Db: # hipaa:ignore rds.storage-encrypted -- stale', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: true');
    const config = { ...defaultConfig(), rules: { 'suppression.unused': 'off' as const } };
    assert.deepEqual(summary(run(text, rules, { config })), []);
  });
  it('a suppression of a rule that is off is not reported unused', () => {
    const text = lines('Resources:', '  Db: # hipaa:ignore t.public -- n/a', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: true');
    const config = { ...defaultConfig(), rules: { 't.public': 'off' as const } };
    assert.deepEqual(summary(run(text, rules, { config })), []);
  });
});

describe('Metadata suppressions', () => {
  it('YAML Metadata.hipaa.ignore', () => {
    const text = lines(
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Metadata:',
      '      hipaa:',
      '        ignore:',
      '          - id: rds.storage-encrypted',
      '            reason: restored from an encrypted snapshot',
      '          - id: t.public',
      '          - id: nope.nope',
      '            reason: x',
    );
    assert.deepEqual(summary(run(text, rules)), [
      'rds.storage-encrypted 1:2-1:4 StorageEncrypted is not set. [suppressed: restored from an encrypted snapshot]',
      'suppression.missing-reason 8:12-8:24 This suppression of t.public has no reason, so it suppresses nothing. Add " -- <why this is safe>".',
      'suppression.unknown-rule 9:12-10:21 hipaa:ignore names an unknown rule "nope.nope".',
    ]);
  });
  it('JSON Metadata.hipaa.ignore', () => {
    const text = JSON.stringify({
      Resources: {
        Db: {
          Type: 'AWS::RDS::DBInstance',
          Metadata: { hipaa: { ignore: [{ id: 'rds.storage-encrypted', reason: 'dev only' }, { id: 't.public', reason: '<reason>' }] } },
          Properties: { StorageEncrypted: false, PubliclyAccessible: true },
        },
      },
    }, null, 2);
    const result = run(text, rules, { file: '/ws/t.json' });
    assert.deepEqual(result.findings.map((f) => `${f.ruleId}${f.suppressed ? ` [${f.suppressed.reason}]` : ''}`).sort(), [
      'rds.storage-encrypted [dev only]',
      'suppression.missing-reason',
      't.public',
    ]);
  });
  it('JSON `//` comment suppressions', () => {
    const text = [
      '{',
      '  "Resources": {',
      '    "Db": { // hipaa:ignore rds.storage-encrypted -- jsonc template',
      '      "Type": "AWS::RDS::DBInstance"',
      '    }',
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(summary(run(text, rules, { file: '/ws/t.json' })), ['rds.storage-encrypted 2:4-2:8 StorageEncrypted is not set. [suppressed: jsonc template]']);
  });
});

describe('directive parsing', () => {
  it('parseDirective', () => {
    assert.deepEqual(parseDirective(' a,b -- reason here'), { ids: ['a', 'b'], reason: 'reason here' });
    assert.deepEqual(parseDirective(' a , b -- x -- y'), { ids: ['a', 'b'], reason: 'x -- y' });
    assert.deepEqual(parseDirective(' a --tight'), { ids: ['a'], reason: 'tight' });
    assert.deepEqual(parseDirective(' a'), { ids: ['a'], reason: undefined });
    assert.deepEqual(parseDirective(' -- only a reason'), { ids: [], reason: 'only a reason' });
  });
  it('realReason', () => {
    assert.equal(realReason('  ok  '), 'ok');
    assert.equal(realReason('<reason>'), undefined);
    assert.equal(realReason('<why this is safe>'), undefined);
    assert.equal(realReason(''), undefined);
    assert.equal(realReason(undefined), undefined);
  });
  it('hipaa:ignore inside a string value is not a suppression', () => {
    const text = db('StorageEncrypted: false', 'Description: "see #hipaa:ignore rds.storage-encrypted -- nope"');
    const result = run(text, rules);
    assert.equal(result.findings.find((f) => f.ruleId === 'rds.storage-encrypted')?.suppressed, undefined);
  });
});
