/** The predicate evaluator: every predicate kind, absent values, defaults, unknowns, 3-valued logic. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCloudFormation } from '../../server/src/core/formats/cloudformation/template';
import { ModelIndex } from '../../server/src/core/model/model-index';
import { Evaluator, type NamedCheck } from '../../server/src/core/rules/evaluator';
import { all, any, fail, PASS, unknown, type Outcome } from '../../server/src/core/rules/outcome';
import { scalarEquals } from '../../server/src/core/rules/leaf';
import type { Pred } from '../../server/src/core/rules/types';
import { lines, r } from './unit-helpers';
import { FILE, MESSAGES, evaluate, show, withProps } from './evaluator-helpers';

describe('compound predicates', () => {
  it('allOf: any failure fails, else any unknown is unknown', () => {
    const text = withProps('A: 1', 'B: !Ref NoDef');
    assert.deepEqual(show(evaluate(text, { allOf: [{ path: 'A', equals: 1 }, { path: 'A', numeric: true, min: 1 }] })), ['pass']);
    assert.deepEqual(show(evaluate(text, { allOf: [{ path: 'A', equals: 2 }, { path: 'B', equals: 1 }] })), ['fail 12:9-12:10 bad 1 at A']);
    assert.equal(evaluate(text, { allOf: [{ path: 'A', equals: 1 }, { path: 'B', equals: 1 }] }).status, 'unknown');
  });
  it('allOf with a path applies its children below it', () => {
    const text = withProps('Enc:', '  Algo: aws:kms', '  Key: k');
    assert.deepEqual(show(evaluate(text, { path: 'Enc', allOf: [{ path: 'Algo', equals: 'aws:kms' }, { path: 'Key', exists: true }] })), ['pass']);
    assert.deepEqual(show(evaluate(text, { path: 'Enc', allOf: [{ path: 'Algo', equals: 'AES256' }] })), ['fail 13:14-13:21 bad "aws:kms" at Algo']);
  });
  it('anyOf: any pass passes, else unknown, else the first failure', () => {
    const text = withProps('A: 1', 'B: !Ref NoDef');
    assert.deepEqual(show(evaluate(text, { anyOf: [{ path: 'A', equals: 2 }, { path: 'A', equals: 1 }] })), ['pass']);
    assert.equal(evaluate(text, { anyOf: [{ path: 'A', equals: 2 }, { path: 'B', equals: 1 }] }).status, 'unknown');
    assert.deepEqual(show(evaluate(text, { anyOf: [{ path: 'A', equals: 2 }, { path: 'A', equals: 3 }] })), ['fail 12:9-12:10 bad 1 at A']);
  });
  it('anyOf over an Fn::If where each branch satisfies a different alternative passes', () => {
    const text = withProps('A: !If [C, a, b]');
    assert.deepEqual(show(evaluate(text, { anyOf: [{ path: 'A', equals: 'a' }, { path: 'A', equals: 'b' }] })), ['pass']);
  });
  it('not: inverts pass and fail; unknown stays unknown', () => {
    const text = withProps('A: 1', 'B: !Ref NoDef');
    assert.deepEqual(show(evaluate(text, { not: { path: 'A', equals: 2 } })), ['pass']);
    assert.deepEqual(show(evaluate(text, { not: { path: 'A', equals: 1 }, message: 'A must not be 1' })), ['fail 12:6-13:19 A must not be 1']);
    assert.equal(r(evalRootRange(text)), '12:6-13:19');
    assert.equal(evaluate(text, { not: { path: 'B', equals: 1 } }).status, 'unknown');
  });
  it('not over an Fn::If fails when one branch makes the inner test pass', () => {
    const text = withProps('A: !If [C, bad, good]');
    assert.equal(evaluate(text, { not: { path: 'A', equals: 'bad' } }).status, 'fail');
  });
  it('if-then: condition false → pass; true → then; unknown condition with failing then → unknown', () => {
    const pred: Pred = { if: { path: 'Engine', equals: 'mysql' }, then: { path: 'Enc', equals: true } };
    assert.deepEqual(show(evaluate(withProps('Engine: postgres', 'Enc: false'), pred)), ['pass']);
    assert.deepEqual(show(evaluate(withProps('Engine: mysql', 'Enc: true'), pred)), ['pass']);
    assert.deepEqual(show(evaluate(withProps('Engine: mysql', 'Enc: false'), pred)), ['fail 13:11-13:16 bad false at Enc']);
    assert.equal(evaluate(withProps('Engine: !Ref NoDef', 'Enc: false'), pred).status, 'unknown');
  });
});

/** The range of R's resolved Properties map (where a `not` without path reports). */
function evalRootRange(text: string) {
  const t = parseCloudFormation(text, FILE, 'cloudformation-yaml');
  return t.resources.find((x) => x.name === 'R')!.properties!.range;
}

describe('lists: each / some', () => {
  const list = withProps('L:', '  - { X: true, N: a }', '  - { X: false, N: b }', '  - { X: !Ref NoDef, N: c }');
  it('each: failures are reported per failing item', () => {
    assert.deepEqual(show(evaluate(list, { path: 'L', each: { path: 'X', equals: true } })), ['fail 14:15-14:20 bad false at X']);
  });
  it('each: all pass / unknown when only unknowns remain', () => {
    const text = withProps('L:', '  - { X: true }', '  - { X: !Ref NoDef }');
    assert.equal(evaluate(text, { path: 'L', each: { path: 'X', equals: true } }).status, 'unknown');
    assert.deepEqual(show(evaluate(withProps('L: [{ X: true }]'), { path: 'L', each: { path: 'X', equals: true } })), ['pass']);
  });
  it('each: absent list passes unless absent: fail; empty list passes', () => {
    assert.deepEqual(show(evaluate(withProps('A: 1'), { path: 'L', each: { path: 'X', equals: true } })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: 1'), { path: 'L', each: { path: 'X', equals: true }, absent: 'fail' })), ['fail 9:2-9:3 missing L (default )']);
    assert.deepEqual(show(evaluate(withProps('L: []'), { path: 'L', each: { path: 'X', equals: true } })), ['pass']);
  });
  it('each over a list that is a parameter-free unknown → unknown', () => {
    assert.equal(evaluate(withProps('L: !Split [",", !Ref NoDef]'), { path: 'L', each: { equals: 'x' } }).status, 'unknown');
  });
  it('some: one matching item passes', () => {
    assert.deepEqual(show(evaluate(list, { path: 'L', some: { path: 'N', equals: 'b' } })), ['pass']);
  });
  it('some: no matching item fails at the list; absent and empty lists fail', () => {
    assert.deepEqual(show(evaluate(list, { path: 'L', some: { path: 'N', equals: 'z' } })), ['fail 13:8-15:33 bad  at ']);
    assert.deepEqual(show(evaluate(withProps('A: 1'), { path: 'L', some: { equals: 'x' } })), ['fail 9:2-9:3 missing L (default )']);
    assert.deepEqual(show(evaluate(withProps('L: []'), { path: 'L', some: { equals: 'x' } })), ['fail 12:9-12:11 bad  at ']);
  });
  it('some: an unknown item and no passing item → unknown', () => {
    assert.equal(evaluate(list, { path: 'L', some: { path: 'X', equals: 'zzz' } }).status, 'unknown');
  });
  it('some: an item inside Fn::If with an AWS::NoValue other branch does not satisfy it in both cases', () => {
    const text = withProps('L:', '  - !If [C, { X: true }, !Ref AWS::NoValue]');
    assert.equal(evaluate(text, { path: 'L', some: { path: 'X', equals: true } }).status, 'fail');
  });
  it('each on scalar items (no path)', () => {
    assert.deepEqual(show(evaluate(withProps('L: [a, b, B]'), { path: 'L', each: { matches: '^[a-z]$' } })), ['fail 12:16-12:17 bad "B" at ']);
  });
});

describe('follow', () => {
  const text = lines(
    'Resources:',
    '  Key:',
    '    Type: AWS::KMS::Key',
    '    Properties:',
    '      EnableKeyRotation: false',
    '  Good:',
    '    Type: AWS::KMS::Key',
    '    Properties:',
    '      EnableKeyRotation: true',
    '  Q:',
    '    Type: AWS::SQS::Queue',
    '  R:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      K1: !Ref Key',
    '      K2: !GetAtt Good.Arn',
    '      K3: !Ref Q',
    '      K4: arn:aws:kms:us-east-1:1:key/x',
    '      K5: default.redis6.x',
    '      K6: !Ref AWS::AccountId',
  );
  const then: Pred = { path: 'EnableKeyRotation', equals: true };
  const f = (path: string, extra: Partial<Extract<Pred, { follow: string[] }>> = {}): Pred => ({ path, follow: ['AWS::KMS::Key'], then, ...extra });

  it('a failing followed resource is reported on the reference, with the target as related', () => {
    const o = evaluate(text, f('K1'));
    assert.deepEqual(show(o), ['fail 14:10-14:18 bad false at EnableKeyRotation']);
    if (o.status !== 'fail') return;
    assert.deepEqual(o.failures[0].related?.map((x) => r(x.location.range)), ['4:25-4:30']);
    assert.equal(o.failures[0].via?.kind, 'followed');
    assert.equal(o.failures[0].via?.resource?.name, 'Key');
  });
  it('a message on the follow predicate replaces the inner one, with {value} = target name', () => {
    assert.deepEqual(show(evaluate(text, f('K1', { message: '{value} rotates no keys' }))), ['fail 14:10-14:18 Key rotates no keys']);
  });
  it('GetAtt to a passing target passes', () => {
    assert.deepEqual(show(evaluate(text, f('K2'))), ['pass']);
  });
  it('a reference to a resource of another type is unknown', () => {
    assert.deepEqual(show(evaluate(text, f('K3'))), ['unknown 16:10-16:16 refers to Q']);
  });
  it('a literal name outside the template: unknown by default; external pass / fail', () => {
    assert.equal(evaluate(text, f('K4')).status, 'unknown');
    assert.deepEqual(show(evaluate(text, f('K4', { external: 'pass' }))), ['pass']);
    assert.deepEqual(show(evaluate(text, f('K4', { external: 'fail' }))), ['fail 17:10-17:39 bad arn:aws:kms:us-east-1:1:key/x at ']);
  });
  it('a default.* name fails (service default, not customer managed)', () => {
    assert.deepEqual(show(evaluate(text, f('K5'))), ['fail 18:10-18:26 missing  (default )']);
  });
  it('an absent reference fails with the missing message', () => {
    assert.deepEqual(show(evaluate(text, f('K9'))), ['fail 11:2-11:3 missing K9 (default )']);
  });
  it('an unknown value (pseudo parameter) is unknown', () => {
    assert.equal(evaluate(text, f('K6')).status, 'unknown');
  });
});

describe('referencedBy', () => {
  const pred: Pred = { referencedBy: ['AWS::S3::BucketPolicy'], via: 'Bucket', then: { path: 'PolicyDocument.Version', equals: '2012-10-17' } };
  const base = ['Conditions:', '  C: !Equals [a, b]', 'Resources:', '  R:', '    Type: AWS::S3::Bucket'];

  it('no referencing resource → fail at the resource name (none-referencing)', () => {
    const o = evaluate(lines(...base), pred);
    assert.deepEqual(show(o), ['fail 3:2-3:3 missing  (default )']);
    if (o.status === 'fail') assert.equal(o.failures[0].via?.kind, 'none-referencing');
  });
  it('a referencing resource that satisfies then → pass', () => {
    const text = lines(...base, '  P:', '    Type: AWS::S3::BucketPolicy', '    Properties:', '      Bucket: !Ref R', '      PolicyDocument:', "        Version: '2012-10-17'");
    assert.deepEqual(show(evaluate(text, pred)), ['pass']);
  });
  it('a referencing resource that fails then → fail at this resource with related locations', () => {
    const text = lines(...base, '  P:', '    Type: AWS::S3::BucketPolicy', '    Properties:', '      Bucket: !Ref R', '      PolicyDocument:', "        Version: '2008-10-17'");
    const o = evaluate(text, pred);
    assert.deepEqual(show(o), ['fail 3:2-3:3 bad P at ']);
    if (o.status !== 'fail') return;
    assert.deepEqual(o.failures[0].related?.map((x) => r(x.location.range)), ['10:17-10:29', '5:2-5:3']);
    assert.equal(o.failures[0].via?.kind, 'referencing');
  });
  it('references through another property do not count', () => {
    const text = lines(...base, '  P:', '    Type: AWS::S3::BucketPolicy', '    Properties:', '      Other: !Ref R');
    assert.equal(evaluate(text, pred).status, 'fail');
  });
  it('a candidate whose via is unknown makes the outcome unknown', () => {
    const text = lines(...base, '  P:', '    Type: AWS::S3::BucketPolicy', '    Properties:', '      Bucket: !ImportValue shared-bucket');
    assert.deepEqual(show(evaluate(text, pred)), ['unknown 5:2-5:3 P may apply to R']);
  });
  it('without then, any referencing resource passes', () => {
    const text = lines(...base, '  P:', '    Type: AWS::S3::BucketPolicy', '    Properties:', '      Bucket: !Ref R');
    assert.deepEqual(show(evaluate(text, { referencedBy: ['AWS::S3::BucketPolicy'], via: 'Bucket' })), ['pass']);
  });
  it('a reference inside an Fn::If branch counts', () => {
    const text = lines(...base, '  P:', '    Type: AWS::S3::BucketPolicy', '    Properties:', '      Bucket: !If [C, !Ref R, other]');
    assert.deepEqual(show(evaluate(text, { referencedBy: ['AWS::S3::BucketPolicy'], via: 'Bucket' })), ['pass']);
  });
});

describe('named checks and limits', () => {
  it('a named check receives its args and a context that can evaluate predicates', () => {
    let seen: Record<string, unknown> | undefined;
    const named = new Map<string, NamedCheck>([
      ['my-check', (cursor, args, ctx, messages) => {
        seen = args;
        return ctx.evaluate({ path: 'A', equals: 1 }, cursor, messages);
      }],
    ]);
    assert.deepEqual(show(evaluate(withProps('A: 2'), { check: 'my-check', args: { k: 'v' } }, 'R', named)), ['fail 12:9-12:10 bad 2 at A']);
    assert.deepEqual(seen, { k: 'v' });
  });
  it('an unknown named check throws (the engine turns it into a rule error)', () => {
    assert.throws(() => evaluate(withProps('A: 1'), { check: 'no-such-check' }), /unknown named check no-such-check/);
  });
  it('very deep predicate nesting is cut off as unknown', () => {
    let pred: Pred = { path: 'A', equals: 1 };
    for (let i = 0; i < 40; i++) pred = { allOf: [pred] };
    assert.deepEqual(show(evaluate(withProps('A: 2'), pred)), ['unknown 9:2-9:3 rule nested too deeply']);
  });
});

describe('3-valued combination (outcome.ts)', () => {
  const loc = { file: FILE, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
  const F = fail({ location: loc, message: 'f1' });
  const F2 = fail({ location: loc, message: 'f2' });
  const U = unknown(loc, 'u');
  it('all', () => {
    assert.equal(all([]).status, 'pass');
    assert.equal(all([PASS, PASS]).status, 'pass');
    assert.equal(all([PASS, U]).status, 'unknown');
    assert.equal(all([U, F]).status, 'fail');
    const both = all([F, F2]);
    assert.deepEqual(both.status === 'fail' ? both.failures.map((x) => x.message) : [], ['f1', 'f2']);
  });
  it('any', () => {
    assert.equal(any([F, PASS]).status, 'pass');
    assert.equal(any([F, U]).status, 'unknown');
    const first = any([F, F2]);
    assert.deepEqual(first.status === 'fail' ? first.failures.map((x) => x.message) : [], ['f1']);
    assert.equal(any([U, PASS]).status, 'pass');
  });
});
