/** Shared helpers of the evaluator unit tests: a template, a predicate, the outcome as text. */
import assert from 'node:assert/strict';
import { parseCloudFormation } from '../../server/src/core/formats/cloudformation/template';
import { ModelIndex } from '../../server/src/core/model/model-index';
import { Evaluator, type NamedCheck } from '../../server/src/core/rules/evaluator';
import { all, any, fail, PASS, unknown, type Outcome } from '../../server/src/core/rules/outcome';
import { scalarEquals } from '../../server/src/core/rules/leaf';
import type { Pred } from '../../server/src/core/rules/types';
import { lines, r } from './unit-helpers';

export const FILE = '/ws/t.yaml';
export const MESSAGES = { message: 'bad {value} at {path}', missingMessage: 'missing {path} (default {default})' };

export function evaluate(text: string, pred: Pred, resource = 'R', named: Map<string, NamedCheck> = new Map()): Outcome {
  const t = parseCloudFormation(text, FILE, 'cloudformation-yaml');
  assert.deepEqual(t.problems, []);
  const model = new ModelIndex(t.resources);
  const target = model.get(resource);
  assert.ok(target, `resource ${resource}`);
  return new Evaluator(model, named, { phiWords: [], phiPatterns: [] }).run(pred, target, MESSAGES);
}

/** `pass`, `unknown: <range> <reason>…`, or `fail: <range> <message>…` */
export function show(o: Outcome): string[] {
  if (o.status === 'pass') return ['pass'];
  if (o.status === 'unknown') return o.unknowns.map((u) => `unknown ${r(u.location.range)} ${u.reason}`);
  return o.failures.map((f) => `fail ${r(f.location.range)} ${f.message}`);
}

/** A template whose resource R has the given property lines (6-space indented). */
export function withProps(...props: string[]): string {
  return lines(
    'Parameters:',
    '  Def:',
    '    Type: String',
    "    Default: 'no'",
    '  NoDef:',
    '    Type: String',
    'Conditions:',
    '  C: !Equals [a, b]',
    'Resources:',
    '  R:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    ...props.map((p) => `      ${p}`),
  );
}
// Property lines start at line 12, column 6.

