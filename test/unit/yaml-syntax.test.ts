/** CloudFormation YAML → value tree: short-form tags, long forms, YAML features, CRLF, recovery. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readYaml, type YamlSection } from '../../server/src/core/formats/cloudformation/yaml-syntax';
import { parseCloudFormation } from '../../server/src/core/formats/cloudformation/template';
import { SHORT_FORM_TAGS, longFormOf, isIntrinsicKey } from '../../server/src/core/formats/cloudformation/intrinsics';
import type { MapValue, Value } from '../../server/src/core/model/types';
import { lines, r, textAt } from './unit-helpers';
import { FILE, section, mapAt, props, entry } from './yaml-helpers';

const ALL_TAGS = ['Ref', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr', 'ImportValue', 'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Condition', 'Transform'];

describe('intrinsics table', () => {
  it('registers every short-form tag CloudFormation documents', () => {
    for (const t of ALL_TAGS) assert.ok((SHORT_FORM_TAGS as readonly string[]).includes(t), t);
  });
  it('maps tags to long forms', () => {
    assert.equal(longFormOf('!Ref'), 'Ref');
    assert.equal(longFormOf('!Condition'), 'Condition');
    assert.equal(longFormOf('!Sub'), 'Fn::Sub');
    assert.equal(longFormOf('GetAtt'), 'Fn::GetAtt');
    assert.equal(isIntrinsicKey('Fn::Join'), true);
    assert.equal(isIntrinsicKey('Ref'), true);
    assert.equal(isIntrinsicKey('Reference'), false);
  });
});

describe('short-form tags: scalar, flow sequence, block mapping and block sequence forms', () => {
  for (const tag of ALL_TAGS) {
    it(`!${tag}`, () => {
      const text = lines(
        'Resources:',
        '  R:',
        '    Type: AWS::S3::Bucket',
        '    Properties:',
        `      S: !${tag} x`,
        `      Q: !${tag} [a, b]`,
        `      M: !${tag}`,
        '        k: v',
        `      B: !${tag}`,
        '        - a',
        '        - b',
        '      Z: 1',
      );
      const p = props(text);
      const long = tag === 'Ref' || tag === 'Condition' ? tag : `Fn::${tag}`;
      const len = tag.length + 1;
      const expected: Record<string, { range: string; inner: string; innerRange: string; text: string }> = {
        S: { range: `4:9-4:${11 + len}`, inner: 'scalar', innerRange: `4:${10 + len}-4:${11 + len}`, text: `!${tag} x` },
        Q: { range: `5:9-5:${16 + len}`, inner: 'seq', innerRange: `5:${10 + len}-5:${16 + len}`, text: `!${tag} [a, b]` },
        M: { range: '6:9-7:12', inner: 'map', innerRange: '7:8-7:12', text: `!${tag}\n        k: v` },
        B: { range: '8:9-10:11', inner: 'seq', innerRange: '9:8-10:11', text: `!${tag}\n        - a\n        - b` },
      };
      for (const [key, want] of Object.entries(expected)) {
        const v = entry(p, key).value;
        assert.equal(v.kind, 'map', key);
        const m = v as MapValue;
        assert.equal(m.entries.length, 1, key);
        assert.equal(m.entries[0].key, long, key);
        assert.equal(r(m.entries[0].keyRange), `${v.range.start.line}:9-${v.range.start.line}:${9 + len}`, `${key} tag key range`);
        assert.equal(m.entries[0].value.kind, want.inner, key);
        assert.equal(r(m.entries[0].value.range), want.innerRange, `${key} inner range`);
        assert.equal(r(v.range), want.range, `${key} range includes the tag`);
        assert.equal(textAt(text, v.range), want.text, key);
      }
      const z = entry(p, 'Z').value;
      assert.deepEqual([z.kind, (z as { value?: unknown }).value, r(z.range)], ['scalar', 1, '11:9-11:10']);
    });
  }
});

describe('short-form tag details', () => {
  const text = lines(
    'Resources:',
    '  R:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      B: !Sub   "a-${X}"',
    "      C: !GetAZs ''",
    '      D: !GetAZs',
    '      E: [!Ref A, !Ref B]',
    '      F: { K: !Ref X, L: !Select [0, !GetAZs ""] }',
    '      G: !Sub |',
    '        line ${X}',
    '      H: !GetAtt Db.Endpoint.Address',
  );
  const p = props(text);

  it('quoted scalar after extra spaces: range spans tag to closing quote', () => {
    const b = entry(p, 'B').value as MapValue;
    assert.equal(r(b.range), '4:9-4:24');
    assert.equal(textAt(text, b.range), '!Sub   "a-${X}"');
    assert.equal((b.entries[0].value as { value: unknown }).value, 'a-${X}');
  });
  it("empty quoted and bare tags ('!GetAZs' alone) give an empty string", () => {
    const c = entry(p, 'C').value as MapValue;
    assert.equal(r(c.range), '5:9-5:19');
    assert.equal((c.entries[0].value as { value: unknown }).value, '');
    const d = entry(p, 'D').value as MapValue;
    assert.equal(r(d.range), '6:9-6:16');
    assert.equal(d.entries[0].key, 'Fn::GetAZs');
    assert.equal((d.entries[0].value as { value: unknown }).value, '');
  });
  it('tags inside flow sequences and flow maps, nested', () => {
    const e = entry(p, 'E').value;
    assert.equal(e.kind, 'seq');
    if (e.kind !== 'seq') return;
    assert.deepEqual(e.items.map((i) => textAt(text, i.range)), ['!Ref A', '!Ref B']);
    assert.deepEqual(e.items.map((i) => r(i.range)), ['7:10-7:16', '7:18-7:24']);
    const f = entry(p, 'F').value as MapValue;
    assert.equal(f.flow, true);
    const l = entry(f, 'L').value as MapValue;
    assert.equal(textAt(text, l.range), '!Select [0, !GetAZs ""]');
    const args = l.entries[0].value;
    assert.equal(args.kind, 'seq');
    if (args.kind !== 'seq') return;
    const azs = args.items[1] as MapValue;
    assert.equal(azs.entries[0].key, 'Fn::GetAZs');
    assert.equal(r(azs.range), '8:37-8:47');
  });
  it('a tagged block scalar', () => {
    const g = entry(p, 'G').value as MapValue;
    assert.equal(g.entries[0].key, 'Fn::Sub');
    assert.equal((g.entries[0].value as { value: unknown }).value, 'line ${X}\n');
    assert.equal(r(g.range).split('-')[0], '9:9');
  });
  it('GetAtt with a dotted attribute stays one scalar', () => {
    const h = entry(p, 'H').value as MapValue;
    assert.equal((h.entries[0].value as { value: unknown }).value, 'Db.Endpoint.Address');
    assert.equal(textAt(text, h.range), '!GetAtt Db.Endpoint.Address');
  });
  it('a comment between the tag and a block sequence does not drop the tag from the range', () => {
    const t = lines(
      'Resources:',
      '  R:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      A: !If # pick one',
      '        - C',
      '        - x',
      '        - y',
    );
    const a = entry(props(t), 'A').value as MapValue;
    assert.equal(a.entries[0].key, 'Fn::If');
    // The tag `!If` is at 4:9; the key range of the long form must be the tag itself.
    assert.equal(textAt(t, a.entries[0].keyRange), '!If');
    assert.equal(r(a.range), '4:9-7:11');
  });
});

describe('long forms', () => {
  it('block and flow long forms are plain maps with the intrinsic key', () => {
    const text = lines(
      'Resources:',
      '  R:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      A:',
      '        Ref: X',
      '      B: { "Fn::GetAtt": [Db, Arn] }',
      '      C:',
      '        Fn::If:',
      '          - C',
      '          - 1',
      '          - 2',
      '      D: { "Fn::Sub": "x-${AWS::Region}" }',
    );
    const p = props(text);
    const a = entry(p, 'A').value as MapValue;
    assert.equal(a.entries[0].key, 'Ref');
    assert.equal(r(a.entries[0].keyRange), '5:8-5:11');
    assert.equal(r(a.range), '5:8-5:14');
    const b = entry(p, 'B').value as MapValue;
    assert.equal(b.entries[0].key, 'Fn::GetAtt');
    assert.equal(r(b.range), '6:9-6:36');
    const c = entry(p, 'C').value as MapValue;
    assert.equal(c.entries[0].key, 'Fn::If');
    assert.equal(c.entries[0].value.kind, 'seq');
    const d = entry(p, 'D').value as MapValue;
    assert.equal(d.entries[0].key, 'Fn::Sub');
  });
});

describe('broken YAML', () => {
  it('an unclosed quote in one resource leaves the other resource analysed', () => {
    const text = lines(
      'Resources:',
      '  A:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      DBName: "broken',
      '      StorageEncrypted: true',
      '  B:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      StorageEncrypted: false',
    );
    const t = parseCloudFormation(text, FILE, 'cloudformation-yaml');
    assert.deepEqual(t.resources.map((x) => x.name), ['B']);
    assert.equal(r(t.resources[0].nameRange), '6:2-6:3');
    assert.equal(t.problems.length, 1);
    assert.match(t.problems[0].message, /quote/i);
    assert.equal(t.problems[0].range.start.line, 5);
  });

  it('the broken resource may come after the good one, followed by another section', () => {
    const text = lines(
      'Resources:',
      '  B:',
      '    Type: AWS::SQS::Queue',
      '  A:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      "      BucketName: 'broken",
      'Outputs:',
      '  X:',
      '    Value: 1',
    );
    const { sections, problems } = readYaml(text, FILE);
    assert.equal(problems.length, 1);
    assert.deepEqual((section(sections, 'Resources') as MapValue).entries.map((e) => e.key), ['B']);
    assert.ok(section(sections, 'Outputs'), 'the Outputs section after the broken resource is still read');
  });
});
