/** CloudFormation YAML → value tree: comments, anchors and merge keys, block scalars, CRLF, BOM, documents. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readYaml, type YamlSection } from '../../server/src/core/formats/cloudformation/yaml-syntax';
import { parseCloudFormation } from '../../server/src/core/formats/cloudformation/template';
import { SHORT_FORM_TAGS, longFormOf, isIntrinsicKey } from '../../server/src/core/formats/cloudformation/intrinsics';
import type { MapValue, Value } from '../../server/src/core/model/types';
import { lines, r, textAt } from './unit-helpers';
import { FILE, section, mapAt, props, entry } from './yaml-helpers';

describe('YAML features', () => {
  it('comments do not shift ranges', () => {
    const text = lines(
      '# header comment',
      'Resources: # trailing',
      '  # above R',
      '  R: # on R',
      '    Type: AWS::S3::Bucket # type',
      '    # between',
      '    Properties:',
      '      A: x # trailing',
      '      # whole line',
      '      B: y',
    );
    const { sections, problems } = readYaml(text, FILE);
    assert.deepEqual(problems, []);
    const res = section(sections, 'Resources') as MapValue;
    assert.equal(r(res.entries[0].keyRange), '3:2-3:3');
    const p = props(text);
    assert.equal(r(entry(p, 'A').value.range), '7:9-7:10');
    assert.equal(r(entry(p, 'B').keyRange), '9:6-9:7');
  });

  it('anchors and aliases resolve to the anchored value', () => {
    const text = lines(
      'Resources:',
      '  R:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      E: &anc',
      '        k: v',
      '      F: *anc',
      '      G: &s hello',
      '      H: *s',
    );
    const p = props(text);
    const f = entry(p, 'F').value as MapValue;
    assert.equal(f.kind, 'map');
    assert.equal(f.entries[0].key, 'k');
    assert.equal((entry(p, 'H').value as { value: unknown }).value, 'hello');
    // Current behaviour: an alias value carries the range of the anchored node (where it is written).
    assert.equal(r(entry(p, 'H').value.range), '7:12-7:17');
  });

  it('merge key `<<: *x` brings in the anchored entries', () => {
    const text = lines(
      'Mappings:',
      '  Defaults: &defaults',
      '    Engine: postgres',
      '    StorageEncrypted: true',
      'Resources:',
      '  R:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      <<: *defaults',
      '      DBName: app',
    );
    const p = props(text);
    assert.deepEqual(p.entries.map((e) => e.key).sort(), ['DBName', 'Engine', 'StorageEncrypted']);
    assert.equal((entry(p, 'StorageEncrypted').value as { value: unknown }).value, true);
  });

  it('merge key: keys written in the map override merged ones (YAML merge semantics)', () => {
    const text = lines(
      'Mappings:',
      '  Defaults: &defaults',
      '    Engine: postgres',
      '    StorageEncrypted: false',
      'Resources:',
      '  R:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      <<: *defaults',
      '      StorageEncrypted: true',
    );
    const p = props(text);
    const se = p.entries.filter((e) => e.key === 'StorageEncrypted');
    assert.equal(se.length, 1, 'one StorageEncrypted entry after merging');
    assert.equal((se[0].value as { value: unknown }).value, true);
    assert.equal(r(se[0].keyRange), '9:6-9:22');
  });

  it('merge key with a list of aliases `<<: [*a, *b]` merges both', () => {
    const text = lines(
      'Mappings:',
      '  A: &a { Engine: postgres }',
      '  B: &b { StorageEncrypted: true }',
      'Resources:',
      '  R:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      <<: [*a, *b]',
      '      DBName: app',
    );
    const p = props(text);
    assert.deepEqual(p.entries.map((e) => e.key).sort(), ['DBName', 'Engine', 'StorageEncrypted']);
  });

  it('block scalars | and > (with chomping) keep their values and ranges', () => {
    const text = lines(
      'Resources:',
      '  R:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      A: |',
      '        one',
      '        two',
      '      B: >',
      '        folded',
      '        text',
      '      C: |-',
      '        keep',
      '      D: after',
    );
    const p = props(text);
    const a = entry(p, 'A').value;
    assert.deepEqual([(a as { value: unknown }).value, r(a.range)], ['one\ntwo\n', '4:9-7:0']);
    const b = entry(p, 'B').value;
    assert.deepEqual([(b as { value: unknown }).value, r(b.range)], ['folded text\n', '7:9-10:0']);
    const c = entry(p, 'C').value;
    assert.deepEqual([(c as { value: unknown }).value, r(c.range)], ['keep', '10:9-12:0']);
    assert.equal(r(entry(p, 'D').value.range), '12:9-12:14');
  });

  it('CRLF line endings: ranges are the same as with LF, values carry no \\r', () => {
    const lf = lines(
      'Resources:',
      '  R:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      A: !Ref X',
      '      B: |',
      '        hi',
      '      C: [a, b]',
      '      D: "quoted"',
    );
    const crlf = lf.replace(/\n/g, '\r\n');
    const pl = props(lf);
    const pc = props(crlf);
    for (const key of ['A', 'B', 'C', 'D']) {
      assert.equal(r(entry(pc, key).keyRange), r(entry(pl, key).keyRange), key);
    }
    assert.equal(r(entry(pc, 'A').value.range), '4:9-4:15');
    assert.equal(r(entry(pc, 'C').value.range), '7:9-7:15');
    assert.equal(r(entry(pc, 'D').value.range), '8:9-8:17');
    assert.equal((entry(pc, 'B').value as { value: unknown }).value, 'hi\n');
    assert.equal((entry(pc, 'D').value as { value: unknown }).value, 'quoted');
    const t = parseCloudFormation(crlf, FILE, 'cloudformation-yaml');
    assert.equal(r(t.resources[0].nameRange), '1:2-1:3');
    assert.equal(r(t.resources[0].typeRange!), '2:10-2:25');
    assert.ok(!t.resources[0].type.includes('\r'));
  });

  it('CRLF with several resources and sections: no value (last line of a chunk included) carries a \\r', () => {
    const text = lines(
      'Parameters:',
      '  Enc:',
      '    Type: String',
      '    Default: yes',
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      StorageEncrypted: true',
      '  Other:',
      '    Type: AWS::S3::Bucket',
      '  Last:',
      '    Type: AWS::SQS::Queue',
    ).replace(/\n/g, '\r\n');
    const t = parseCloudFormation(text, FILE, 'cloudformation-yaml');
    assert.deepEqual(t.problems, []);
    assert.deepEqual(t.resources.map((x) => x.type), ['AWS::RDS::DBInstance', 'AWS::S3::Bucket', 'AWS::SQS::Queue']);
    const se = t.resources[0].properties!.entries[0];
    assert.equal((se.value as { value: unknown }).value, true);
    assert.equal(r(se.value.range), '8:24-8:28');
    assert.equal((t.parameters.get('Enc')!.default as { value: unknown }).value, 'yes');
  });

  it('flow-style Resources on one line', () => {
    const text = 'Resources: { R: { Type: AWS::S3::Bucket, Properties: { A: !Ref X } } }\n';
    const t = parseCloudFormation(text, FILE, 'cloudformation-yaml');
    assert.deepEqual(t.problems, []);
    assert.equal(t.resources.length, 1);
    assert.equal(r(t.resources[0].nameRange), '0:13-0:14');
    assert.equal(t.resources[0].body?.flow, true);
    const a = entry(t.resources[0].properties!, 'A').value;
    assert.equal(a.kind, 'unknown'); // Ref to X, which is not in the template
    assert.equal(r(a.range), '0:58-0:64');
  });

  it('flow-style Resources over several lines', () => {
    const text = lines('Resources: {', '  R: {', '    Type: AWS::S3::Bucket,', '    Properties: { A: 1 }', '  }', '}');
    const t = parseCloudFormation(text, FILE, 'cloudformation-yaml');
    assert.deepEqual(t.problems, []);
    assert.equal(t.resources.length, 1);
    assert.equal(r(t.resources[0].nameRange), '1:2-1:3');
    assert.equal(r(t.resources[0].range), '1:2-4:3');
  });

  it('a document starting with --- and ending with ...', () => {
    const text = lines('---', 'AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  R:', '    Type: AWS::S3::Bucket', '...');
    const t = parseCloudFormation(text, FILE, 'cloudformation-yaml');
    assert.deepEqual(t.problems, []);
    assert.equal(t.detection.isTemplate, true);
    assert.equal(r(t.resources[0].nameRange), '3:2-3:3');
    assert.equal(r(t.resources[0].typeRange!), '4:10-4:25');
  });

  it('a second document is reported as a problem; the first is still read', () => {
    const text = lines('---', 'Resources:', '  R:', '    Type: AWS::S3::Bucket', '---', 'foo: bar');
    const t = parseCloudFormation(text, FILE, 'cloudformation-yaml');
    assert.equal(t.resources.length, 1);
    assert.equal(t.problems.length, 1);
    assert.match(t.problems[0].message, /multiple documents/);
    assert.equal(r(t.problems[0].range).split('-')[0], '4:0');
  });

  it('chunked (per-resource) and whole-document parses give the same resource ranges', () => {
    const body = [
      'Resources:',
      '  A:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: a',
      '      Tags:',
      '        - Key: k',
      '          Value: v',
      '  B:',
      '    Type: AWS::SQS::Queue',
      '    Properties: { QueueName: q }',
      'Outputs:',
      '  O:',
      '    Value: !Ref A',
    ];
    const chunked = parseCloudFormation(lines(...body), FILE, 'cloudformation-yaml');
    // An anchor anywhere forces one whole-document parse.
    const whole = parseCloudFormation(lines(...body, 'Metadata:', '  X: &x 1'), FILE, 'cloudformation-yaml');
    const shape = (t: typeof chunked) => t.resources.map((x) => `${x.name} ${r(x.nameRange)} ${r(x.range)} ${x.properties?.entries.map((e) => `${e.key}@${r(e.keyRange)}=${r(e.value.range)}`).join(',')}`);
    assert.deepEqual(shape(chunked), shape(whole));
    assert.deepEqual(shape(chunked), [
      'A 1:2-1:3 1:2-7:18 BucketName@4:6-4:16=4:18-4:19,Tags@5:6-5:10=6:8-7:18',
      'B 8:2-8:3 8:2-10:32 QueueName@10:18-10:27=10:29-10:30',
    ]);
  });
});

