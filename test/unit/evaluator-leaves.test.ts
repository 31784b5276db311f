/** Evaluator leaf predicates: exists, equals, in, matches, numeric, and Fn::If on a leaf. */
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

describe('leaf: exists', () => {
  it('exists: true passes on a present value, fails on an absent one at the resource name', () => {
    assert.deepEqual(show(evaluate(withProps('A: 1'), { path: 'A', exists: true })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: 1'), { path: 'B', exists: true })), ['fail 9:2-9:3 missing B (default )']);
  });
  it('absent nested value is reported on the nearest existing key', () => {
    assert.deepEqual(show(evaluate(withProps('A:', '  X: 1'), { path: 'A.B', exists: true })), ['fail 12:6-12:7 missing A.B (default )']);
  });
  it('exists: false passes on absent, fails on present at the value', () => {
    assert.deepEqual(show(evaluate(withProps('A: 1'), { path: 'B', exists: false })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: 1'), { path: 'A', exists: false })), ['fail 12:9-12:10 bad 1 at A']);
  });
  it('exists on a map, on an unknown value and on a reference', () => {
    assert.deepEqual(show(evaluate(withProps('A: { k: v }'), { path: 'A', exists: true })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: !Ref NoDef'), { path: 'A', exists: true })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: !Ref NoDef'), { path: 'A', exists: false })), ['fail 12:9-12:19 bad A at A']);
  });
  it('exists below an unknown value is unknown, never a failure', () => {
    const text = withProps('A: !FindInMap [M, k, v]');
    assert.equal(evaluate(text, { path: 'A.B', exists: false }).status, 'unknown');
    assert.equal(evaluate(text, { path: 'A.B', exists: true }).status, 'unknown');
  });
  it('paths through list indexes, and a scalar where a map was expected', () => {
    const text = withProps('L:', '  - { X: true }', '  - { X: false }', 'S: text');
    assert.deepEqual(show(evaluate(text, { path: 'L.0.X', equals: true })), ['pass']);
    assert.deepEqual(show(evaluate(text, { path: 'L.1.X', equals: true })), ['fail 14:15-14:20 bad false at L.1.X']);
    assert.deepEqual(show(evaluate(text, { path: 'L.5.X', equals: true })), ['fail 12:6-12:7 missing L.5.X (default )']);
    assert.deepEqual(show(evaluate(text, { path: 'S.X', equals: true })), ['fail 15:6-15:7 missing S.X (default )']);
  });
  it('resource without Properties: absent at the resource name', () => {
    const text = lines('Resources:', '  R:', '    Type: AWS::S3::Bucket');
    assert.deepEqual(show(evaluate(text, { path: 'A', exists: true })), ['fail 1:2-1:3 missing A (default )']);
  });
});

describe('leaf: equals / notEquals', () => {
  it('equals on literals, with CloudFormation coercions', () => {
    assert.deepEqual(show(evaluate(withProps('A: true'), { path: 'A', equals: true })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: "true"'), { path: 'A', equals: true })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: "True"'), { path: 'A', equals: true })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: "5"'), { path: 'A', equals: 5 })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: 5'), { path: 'A', equals: '5' })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: false'), { path: 'A', equals: true })), ['fail 12:9-12:14 bad false at A']);
    assert.deepEqual(show(evaluate(withProps('A: "x"'), { path: 'A', equals: 'y' })), ['fail 12:9-12:12 bad "x" at A']);
  });
  it('scalarEquals edge cases', () => {
    assert.equal(scalarEquals(null, 0), false);
    assert.equal(scalarEquals('', 0), false);
    assert.equal(scalarEquals('yes', true), false);
    assert.equal(scalarEquals(null, null), true);
    assert.equal(scalarEquals(1, true), false);
  });
  it('equals on an absent value fails; with default: it uses the default', () => {
    assert.deepEqual(show(evaluate(withProps('B: 1'), { path: 'A', equals: true })), ['fail 9:2-9:3 missing A (default )']);
    assert.deepEqual(show(evaluate(withProps('B: 1'), { path: 'A', equals: true, default: true })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('B: 1'), { path: 'A', equals: true, default: false })), ['fail 9:2-9:3 missing A (default false)']);
  });
  it('absent: pass / fail override', () => {
    assert.deepEqual(show(evaluate(withProps('B: 1'), { path: 'A', equals: true, absent: 'pass' })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('B: 1'), { path: 'A', notEquals: true, absent: 'fail' })), ['fail 9:2-9:3 missing A (default )']);
  });
  it('notEquals passes on absent, fails on the forbidden value', () => {
    assert.deepEqual(show(evaluate(withProps('B: 1'), { path: 'A', notEquals: true })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: true'), { path: 'A', notEquals: true })), ['fail 12:9-12:13 bad true at A']);
    assert.deepEqual(show(evaluate(withProps('A: false'), { path: 'A', notEquals: true })), ['pass']);
  });
  it('a value from a parameter Default: fails with a note and a related location at the Default', () => {
    const o = evaluate(withProps('A: !Ref Def'), { path: 'A', equals: 'yes' });
    assert.deepEqual(show(o), ['fail 12:9-12:17 bad "no" at A (the value comes from the Default of parameter Def)']);
    assert.equal(o.status, 'fail');
    if (o.status !== 'fail') return;
    assert.deepEqual(o.failures[0].related?.map((x) => `${r(x.location.range)} ${x.message}`), ['3:13-3:17 value set here (the Default of parameter Def)']);
    // The fix targets the Default, not the Ref.
    assert.equal(r(o.failures[0].fix!.present!.range), '3:13-3:17');
  });
  it('a parameter without Default is unknown, never a violation', () => {
    assert.deepEqual(show(evaluate(withProps('A: !Ref NoDef'), { path: 'A', equals: true })), ['unknown 12:9-12:19 parameter NoDef has no Default']);
    assert.deepEqual(show(evaluate(withProps('A: !Ref NoDef'), { path: 'A', notEquals: true })), ['unknown 12:9-12:19 parameter NoDef has no Default']);
  });
  it('a reference and a map are unknown for value tests', () => {
    const text = lines('Resources:', '  K:', '    Type: AWS::KMS::Key', '  R:', '    Type: AWS::S3::Bucket', '    Properties:', '      A: !Ref K', '      M: { x: 1 }');
    assert.deepEqual(show(evaluate(text, { path: 'A', equals: 'x' })), ['unknown 6:9-6:15 refers to K']);
    assert.deepEqual(show(evaluate(text, { path: 'M', equals: 'x' })), ['unknown 7:9-7:17 M is not a single value']);
  });
});

describe('leaf: in / notIn / matches / notMatches / numeric', () => {
  it('in', () => {
    assert.deepEqual(show(evaluate(withProps('A: aws:kms'), { path: 'A', in: ['AES256', 'aws:kms'] })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: none'), { path: 'A', in: ['AES256', 'aws:kms'] })), ['fail 12:9-12:13 bad "none" at A']);
    assert.deepEqual(show(evaluate(withProps('B: 1'), { path: 'A', in: ['AES256'] })), ['fail 9:2-9:3 missing A (default )']);
  });
  it('notIn', () => {
    assert.deepEqual(show(evaluate(withProps('A: TLSv1.2'), { path: 'A', notIn: ['TLSv1', 'SSLv3'] })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: SSLv3'), { path: 'A', notIn: ['TLSv1', 'SSLv3'] })), ['fail 12:9-12:14 bad "SSLv3" at A']);
    assert.deepEqual(show(evaluate(withProps('B: 1'), { path: 'A', notIn: ['x'] })), ['pass']);
  });
  it('matches and notMatches, with ignoreCase', () => {
    assert.deepEqual(show(evaluate(withProps('A: https://x'), { path: 'A', matches: '^https://' })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: HTTPS://x'), { path: 'A', matches: '^https://' })), ['fail 12:9-12:18 bad "HTTPS://x" at A']);
    assert.deepEqual(show(evaluate(withProps('A: HTTPS://x'), { path: 'A', matches: '^https://', ignoreCase: true })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: Aurora-mysql'), { path: 'A', notMatches: '^aurora', ignoreCase: true })), ['fail 12:9-12:21 bad "Aurora-mysql" at A']);
    assert.deepEqual(show(evaluate(withProps('B: 1'), { path: 'A', notMatches: 'x' })), ['pass']);
    assert.deepEqual(show(evaluate(withProps('B: 1'), { path: 'A', matches: 'x' })), ['fail 9:2-9:3 missing A (default )']);
  });
  it('numeric min/max', () => {
    const pred: Pred = { path: 'A', numeric: true, min: 7, max: 35 };
    assert.deepEqual(show(evaluate(withProps('A: 7'), pred)), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: 35'), pred)), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: "30"'), pred)), ['pass']);
    assert.deepEqual(show(evaluate(withProps('A: 6'), pred)), ['fail 12:9-12:10 bad 6 at A']);
    assert.deepEqual(show(evaluate(withProps('A: 36'), pred)), ['fail 12:9-12:11 bad 36 at A']);
    assert.deepEqual(show(evaluate(withProps('A: many'), pred)), ['fail 12:9-12:13 bad "many" at A']);
    assert.deepEqual(show(evaluate(withProps('B: 1'), { ...pred, default: 1 })), ['fail 9:2-9:3 missing A (default 1)']);
    assert.deepEqual(show(evaluate(withProps('B: 1'), { ...pred, default: 10 })), ['pass']);
  });
  it('numeric: an empty value is not the number 0', () => {
    assert.equal(evaluate(withProps('A:'), { path: 'A', numeric: true, min: 0 }).status, 'fail');
  });
});

describe('Fn::If on a leaf', () => {
  it('both branches are evaluated; the failure is reported on the failing branch', () => {
    assert.deepEqual(show(evaluate(withProps('A: !If [C, true, false]'), { path: 'A', equals: true })), ['fail 12:23-12:28 bad false at A']);
    assert.deepEqual(show(evaluate(withProps('A: !If [C, true, "true"]'), { path: 'A', equals: true })), ['pass']);
  });
  it('a NoValue branch is absent and is reported where it is written', () => {
    const o = evaluate(withProps('A: !If [C, true, !Ref AWS::NoValue]'), { path: 'A', equals: true });
    assert.deepEqual(show(o), ['fail 12:23-12:40 missing A (default )']);
  });
  it('a map-valued If: descend into both branches', () => {
    const text = withProps('A: !If', '  - C', '  - { X: 1 }', '  - { Y: 1 }');
    assert.deepEqual(show(evaluate(text, { path: 'A.X', exists: true })), ['fail 15:10-15:18 missing A.X (default )']);
  });
  it('a branch that is unknown plus a branch that fails → fail', () => {
    assert.equal(evaluate(withProps('A: !If [C, !Ref NoDef, false]'), { path: 'A', equals: true }).status, 'fail');
  });
  it('a branch that is unknown plus a passing branch → unknown', () => {
    assert.equal(evaluate(withProps('A: !If [C, !Ref NoDef, true]'), { path: 'A', equals: true }).status, 'unknown');
  });
});

