/** Fix-all: every fixable finding is fixed, one at a time, and the text still parses. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../server/src/core/fixes/fixes';
import { applyEdits, diffEdit } from '../../server/src/core/fixes/text-edits';
import { active, lines, RDS_RULE, ruleSet, run, simpleRule } from './unit-helpers';

describe('fixAll', () => {
  const rules = ruleSet([
    RDS_RULE,
    simpleRule('t.versioning', 'AWS::S3::Bucket', { path: 'VersioningConfiguration.Status', equals: 'Enabled' }, { fix: { title: 'Enable versioning' } }, 'warning'),
    simpleRule('t.no-fix', 'AWS::S3::Bucket', { path: 'BucketName', exists: true }, {}, 'info'),
  ]);

  it('YAML: a template with several findings ends with none of the fixable ones', () => {
    const text = lines(
      'Resources:',
      '  Db1:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      StorageEncrypted: false',
      '  Db2:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties: { Engine: mysql }',
      '  Db3:',
      '    Type: AWS::RDS::DBInstance',
      '  Cluster:',
      '    Type: AWS::RDS::DBCluster',
      '    Properties:',
      '      Engine: aurora-postgresql',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      VersioningConfiguration:',
      '        Status: Suspended',
      '  Bucket2:',
      '    Type: AWS::S3::Bucket',
    );
    const before = run(text, rules);
    assert.deepEqual(active(before).map((f) => f.ruleId).sort(), [
      'rds.storage-encrypted', 'rds.storage-encrypted', 'rds.storage-encrypted', 'rds.storage-encrypted',
      't.no-fix', 't.no-fix', 't.versioning', 't.versioning',
    ]);
    const { edits, applied } = fixAll(before);
    assert.equal(edits.length, 1, 'one edit for the one file');
    assert.equal(applied, 6);
    const out = applyEdits(text, edits);
    const after = run(out, rules);
    assert.deepEqual(after.problems, [], out);
    assert.deepEqual(active(after).map((f) => `${f.ruleId} ${f.resource?.name}`).sort(), ['t.no-fix Bucket', 't.no-fix Bucket2']);
    assert.equal(out, lines(
      'Resources:',
      '  Db1:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      StorageEncrypted: true',
      '  Db2:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties: { Engine: mysql, StorageEncrypted: true }',
      '  Db3:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      StorageEncrypted: true',
      '  Cluster:',
      '    Type: AWS::RDS::DBCluster',
      '    Properties:',
      '      Engine: aurora-postgresql',
      '      StorageEncrypted: true',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      VersioningConfiguration:',
      '        Status: Enabled',
      '  Bucket2:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      VersioningConfiguration:',
      '        Status: Enabled',
    ));
  });

  it('JSON: several findings fixed, valid JSON', () => {
    const text = JSON.stringify({
      Resources: {
        Db1: { Type: 'AWS::RDS::DBInstance', Properties: { StorageEncrypted: false } },
        Db2: { Type: 'AWS::RDS::DBInstance' },
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b' } },
      },
    }, null, 2);
    const before = run(text, rules, { file: '/ws/t.json' });
    const { edits, applied } = fixAll(before);
    assert.equal(applied, 3);
    const out = applyEdits(text, edits);
    const parsed = JSON.parse(out);
    assert.equal(parsed.Resources.Db1.Properties.StorageEncrypted, true);
    assert.equal(parsed.Resources.Db2.Properties.StorageEncrypted, true);
    assert.equal(parsed.Resources.Bucket.Properties.VersioningConfiguration.Status, 'Enabled');
    assert.deepEqual(active(run(out, rules, { file: '/ws/t.json' })), []);
  });

  it('suppressed findings are left alone', () => {
    const text = lines('Resources:', '  Db1: # hipaa:ignore rds.storage-encrypted -- test fixture', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: false');
    const { edits, applied } = fixAll(run(text, ruleSet([RDS_RULE])));
    assert.equal(applied, 0);
    assert.deepEqual(edits, []);
  });

  it('several failures of one rule with the same message on one resource are all fixed', () => {
    const each = ruleSet([simpleRule('t.each', 'AWS::S3::Bucket', { path: 'Rules', each: { path: 'Enabled', equals: true } }, { fix: { title: 'Enable' } })]);
    const text = lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      Rules:', '        - Enabled: false', '        - Enabled: false');
    const before = run(text, each);
    assert.equal(active(before).length, 2);
    const { edits } = fixAll(before);
    const out = applyEdits(text, edits);
    assert.deepEqual(active(run(out, each)).map((f) => f.message), [], out);
  });

  it('nothing to fix → no edit', () => {
    const text = lines('Resources:', '  Db1:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: true');
    assert.deepEqual(fixAll(run(text, ruleSet([RDS_RULE]))), { edits: [], applied: 0 });
  });
});

describe('text edits', () => {
  it('applyEdits applies several edits right to left', () => {
    const text = 'ab\ncd\nef';
    const out = applyEdits(text, [
      { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, newText: 'B' },
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '>' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } }, newText: 'CD' },
    ]);
    assert.equal(out, 'aB\nCD\n>ef');
  });
  it('inserts at the same position keep array order (as LSP clients do)', () => {
    const at = { line: 0, character: 1 };
    assert.equal(applyEdits('ab', [{ range: { start: at, end: at }, newText: '1' }, { range: { start: at, end: at }, newText: '2' }]), 'a12b');
  });
  it('diffEdit covers only the changed span', () => {
    const e = diffEdit('line1\nvalue: false\nline3', 'line1\nvalue: true\nline3')!;
    assert.deepEqual(e.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 11 } });
    assert.equal(e.newText, 'tru');
    assert.equal(applyEdits('line1\nvalue: false\nline3', [e]), 'line1\nvalue: true\nline3');
    assert.equal(diffEdit('same', 'same'), undefined);
  });
});
