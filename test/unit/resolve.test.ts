/** Intrinsic resolution into model values: parameters, references, conditions, NoValue, Sub, Join. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveValue, type ResolveScope } from '../../server/src/core/formats/cloudformation/resolve';
import { parseCloudFormation } from '../../server/src/core/formats/cloudformation/template';
import type { ChoiceValue, MapValue, Value } from '../../server/src/core/model/types';
import { RDS_RULE, lines, r, ruleSet, run, summary, textAt } from './unit-helpers';

const FILE = '/ws/t.yaml';

function propsOf(text: string, name = 'R'): MapValue {
  const t = parseCloudFormation(text, FILE, 'cloudformation-yaml');
  assert.deepEqual(t.problems, []);
  const res = t.resources.find((x) => x.name === name);
  assert.ok(res?.properties, `resource ${name} has properties`);
  return res.properties;
}

function prop(map: MapValue, key: string): Value | undefined {
  return map.entries.find((e) => e.key === key)?.value;
}

const TEMPLATE = lines(
  'Parameters:',
  '  WithDefault:',
  '    Type: String',
  "    Default: 'false'",
  '  NoDefault:',
  '    Type: String',
  'Conditions:',
  '  IsProd: !Equals [!Ref NoDefault, prod]',
  'Resources:',
  '  Key:',
  '    Type: AWS::KMS::Key',
  '  R:',
  '    Type: AWS::RDS::DBInstance',
  '    Properties:',
  '      A: !Ref WithDefault',
  '      B: !Ref NoDefault',
  '      C: !If [IsProd, true, false]',
  '      D: !Ref Key',
  '      E: !GetAtt Key.Arn',
  '      F: !GetAtt [Key, Arn]',
  '      G: !Ref AWS::NoValue',
  '      H: !Sub plain-text',
  '      I: !Sub "${AWS::StackName}-x"',
  "      J: !Join ['-', [a, b, c]]",
  "      K: !Join ['-', [a, !Ref AWS::Region]]",
  '      L: !Ref AWS::Region',
  '      M: !Ref Elsewhere',
  '      N: !GetAtt Elsewhere.Arn',
  '      O: !If [IsProd, !Ref AWS::NoValue, keep]',
  '      P:',
  '        - one',
  '        - !Ref AWS::NoValue',
  '        - three',
  '      Q: !Select [0, [a, b]]',
  '      S: !If [IsProd, !If [Other, x, y], z]',
);

describe('resolution of intrinsics (YAML)', () => {
  const p = propsOf(TEMPLATE);

  it('Ref to a parameter with Default → state default, note and origin at the Default', () => {
    const a = prop(p, 'A')!;
    assert.equal(a.kind, 'scalar');
    if (a.kind !== 'scalar') return;
    assert.equal(a.value, 'false');
    assert.equal(a.state, 'default');
    assert.equal(a.note, 'the Default of parameter WithDefault');
    assert.equal(r(a.range), '14:9-14:25');
    assert.equal(textAt(TEMPLATE, a.range), '!Ref WithDefault');
    assert.equal(r(a.origin!.range), '3:13-3:20');
    assert.equal(textAt(TEMPLATE, a.origin!.range), "'false'");
    assert.equal(a.origin!.file, FILE);
  });
  it('Ref to a parameter without Default → unknown', () => {
    const b = prop(p, 'B')!;
    assert.deepEqual([b.kind, (b as { reason?: string }).reason, r(b.range)], ['unknown', 'parameter NoDefault has no Default', '15:9-15:23']);
  });
  it('Fn::If → choice with the condition and both branches', () => {
    const c = prop(p, 'C') as ChoiceValue;
    assert.equal(c.kind, 'choice');
    assert.equal(c.condition, 'IsProd');
    assert.deepEqual(c.branches.map((b) => (b as { value: unknown }).value), [true, false]);
    assert.deepEqual(c.branches.map((b) => r(b!.range)), ['16:22-16:26', '16:28-16:33']);
    assert.equal(r(c.range), '16:9-16:34');
  });
  it('Ref and GetAtt (string and list form) to a resource → ref', () => {
    const d = prop(p, 'D')!;
    assert.deepEqual([d.kind, (d as { target?: string }).target, (d as { attribute?: string }).attribute], ['ref', 'Key', undefined]);
    const e = prop(p, 'E')!;
    assert.deepEqual([e.kind, (e as { target?: string }).target, (e as { attribute?: string }).attribute], ['ref', 'Key', 'Arn']);
    assert.equal(textAt(TEMPLATE, e.range), '!GetAtt Key.Arn');
    const f = prop(p, 'F')!;
    assert.deepEqual([f.kind, (f as { target?: string }).target, (f as { attribute?: string }).attribute], ['ref', 'Key', 'Arn']);
  });
  it('Ref AWS::NoValue → the property is absent', () => {
    assert.equal(prop(p, 'G'), undefined);
    assert.ok(!p.entries.some((e) => e.key === 'G'));
  });
  it('Fn::Sub without variables → literal; with variables → unknown', () => {
    const h = prop(p, 'H')!;
    assert.deepEqual([h.kind, (h as { value?: unknown }).value, (h as { state?: string }).state], ['scalar', 'plain-text', 'literal']);
    assert.equal(textAt(TEMPLATE, h.range), '!Sub plain-text');
    const i = prop(p, 'I')!;
    assert.deepEqual([i.kind, (i as { reason?: string }).reason], ['unknown', 'computed by Fn::Sub']);
  });
  it('Fn::Join of literals → literal; with a Ref → unknown', () => {
    const j = prop(p, 'J')!;
    assert.deepEqual([j.kind, (j as { value?: unknown }).value], ['scalar', 'a-b-c']);
    assert.equal(prop(p, 'K')!.kind, 'unknown');
  });
  it('pseudo parameters and names outside the template → unknown', () => {
    assert.deepEqual([prop(p, 'L')!.kind, (prop(p, 'L') as { reason?: string }).reason], ['unknown', 'pseudo parameter AWS::Region']);
    assert.equal((prop(p, 'M') as { reason?: string }).reason, 'Ref to Elsewhere, which is not in this template');
    assert.equal((prop(p, 'N') as { reason?: string }).reason, 'computed by Fn::GetAtt');
  });
  it('Fn::If with an AWS::NoValue branch → that branch is absent, and where it is written is kept', () => {
    const o = prop(p, 'O') as ChoiceValue;
    assert.equal(o.kind, 'choice');
    assert.equal(o.branches[0], undefined);
    assert.equal((o.branches[1] as { value: unknown }).value, 'keep');
    const absentAt = (o as { absentAt?: ({ start: unknown } | undefined)[] }).absentAt;
    if (absentAt) assert.equal(textAt(TEMPLATE, absentAt[0] as never), '!Ref AWS::NoValue');
  });
  it('AWS::NoValue in a list removes the item', () => {
    const l = prop(p, 'P')!;
    assert.equal(l.kind, 'seq');
    if (l.kind === 'seq') assert.deepEqual(l.items.map((x) => (x as { value: unknown }).value), ['one', 'three']);
  });
  it('other functions → unknown with the function named', () => {
    assert.equal((prop(p, 'Q') as { reason?: string }).reason, 'computed by Fn::Select');
  });
  it('nested Fn::If → choice of choices', () => {
    const s = prop(p, 'S') as ChoiceValue;
    assert.equal(s.branches[0]?.kind, 'choice');
    assert.equal((s.branches[0] as ChoiceValue).condition, 'Other');
  });
  it('parameters are recorded with NoEcho', () => {
    const t = parseCloudFormation(lines('Parameters:', '  P:', '    Type: String', '    NoEcho: "true"', 'Resources: {}'), FILE, 'cloudformation-yaml');
    assert.equal(t.parameters.get('P')?.noEcho, true);
    assert.equal(r(t.parameters.get('P')!.keyRange), '1:2-1:3');
  });
});

describe('resolution bounds', () => {
  it('deep nesting does not throw and is cut off as unknown', () => {
    const file = FILE;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    let v: Value = { kind: 'scalar', value: 1, state: 'literal', range, file };
    for (let i = 0; i < 500; i++) v = { kind: 'map', entries: [{ key: `k${i}`, keyRange: range, value: v }], range, file };
    const scope: ResolveScope = { parameters: new Map(), resources: new Set() };
    const out = resolveValue(v, scope)!;
    let depth = 0;
    let cur: Value | undefined = out;
    while (cur?.kind === 'map') {
      cur = cur.entries[0]?.value;
      depth++;
    }
    assert.equal(cur?.kind, 'unknown');
    assert.ok(depth > 50 && depth < 500, `cut at depth ${depth}`);
  });
  it('a deeply nested YAML template parses without error', () => {
    let body = '';
    for (let i = 0; i < 300; i++) body += `${' '.repeat(6 + 2 * i)}k${i}:\n`;
    body += `${' '.repeat(6 + 600)}v: 1\n`;
    const text = lines('Resources:', '  R:', '    Type: AWS::S3::Bucket', '    Properties:') + body;
    const t = parseCloudFormation(text, FILE, 'cloudformation-yaml');
    assert.equal(t.resources.length, 1);
  });
});

describe('Properties written as one Fn::If', () => {
  const rules = ruleSet([RDS_RULE]);

  it('both branches compliant → no finding', () => {
    const text = lines(
      'Conditions:',
      '  C: !Equals [a, b]',
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties: !If',
      '      - C',
      '      - Engine: postgres',
      '        StorageEncrypted: true',
      '      - Engine: mysql',
      '        StorageEncrypted: true',
    );
    assert.deepEqual(summary(run(text, rules)), []);
  });
  it('one failing branch → reported on that branch', () => {
    const text = lines(
      'Conditions:',
      '  C: !Equals [a, b]',
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties: !If',
      '      - C',
      '      - Engine: postgres',
      '        StorageEncrypted: true',
      '      - Engine: mysql',
      '        StorageEncrypted: false',
    );
    assert.deepEqual(summary(run(text, rules)), ['rds.storage-encrypted 10:26-10:31 StorageEncrypted is false.']);
  });
});
