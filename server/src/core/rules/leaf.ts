/** Leaf predicates: tests on one value (exists, equals, one of, matches, number range). */
import type { Scalar, Value } from '../model/types';
import { describeScalar } from '../model/values';
import type { Cursor } from './cursor';
import { fail, PASS, unknown, type Outcome } from './outcome';
import type { Pred } from './types';

type Leaf = Extract<Pred, { exists: boolean } | { equals: Scalar } | { notEquals: Scalar } | { in: Scalar[] } | { notIn: Scalar[] } | { matches: string } | { notMatches: string } | { numeric: true }>;

export function isLeaf(pred: Pred): pred is Leaf {
  return ['exists', 'equals', 'notEquals', 'in', 'notIn', 'matches', 'notMatches', 'numeric'].some((k) => k in pred);
}

/** Compares like CloudFormation does: "true" equals true, "5" equals 5. */
export function scalarEquals(actual: Scalar, expected: Scalar): boolean {
  if (typeof expected === 'boolean') return String(actual).toLowerCase() === String(expected);
  if (typeof expected === 'number') return actual !== null && actual !== '' && Number(actual) === expected;
  return actual === expected || (actual !== null && String(actual) === String(expected));
}

/** Negative tests ("is not X") pass on absent values; positive tests fail. */
function absentPasses(pred: Leaf): boolean {
  if (pred.absent) return pred.absent === 'pass';
  if ('exists' in pred) return !pred.exists;
  return 'notEquals' in pred || 'notIn' in pred || 'notMatches' in pred;
}

function test(pred: Leaf, v: Scalar): boolean {
  if ('exists' in pred) return pred.exists;
  if ('equals' in pred) return scalarEquals(v, pred.equals);
  if ('notEquals' in pred) return !scalarEquals(v, pred.notEquals);
  if ('in' in pred) return pred.in.some((x) => scalarEquals(v, x));
  if ('notIn' in pred) return !pred.notIn.some((x) => scalarEquals(v, x));
  if ('matches' in pred) return new RegExp(pred.matches, pred.ignoreCase ? 'i' : '').test(String(v ?? ''));
  if ('notMatches' in pred) return !new RegExp(pred.notMatches, pred.ignoreCase ? 'i' : '').test(String(v ?? ''));
  const n = v === null || v === '' || typeof v === 'boolean' ? NaN : Number(v);
  if (Number.isNaN(n)) return false;
  return (pred.min === undefined || n >= pred.min) && (pred.max === undefined || n <= pred.max);
}

export function leafFixValue(pred: Pred & { fixValue?: unknown }): unknown {
  if (pred.fixValue !== undefined) return pred.fixValue;
  if ('equals' in pred) return pred.equals;
  if ('in' in pred && pred.in.length) return pred.in[0];
  if ('numeric' in pred && pred.min !== undefined) return pred.min;
  return undefined;
}

export function formatMessage(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

export interface Messages {
  message: string;
  missingMessage: string;
}

export function evaluateLeaf(pred: Leaf, cursor: Cursor, path: string[], messages: Messages): Outcome {
  const pathText = path.join('.');
  const fixValue = leafFixValue(pred);
  const value = cursor.value;
  if (cursor.opaque && value) {
    return unknown({ file: value.file, range: value.range }, value.kind === 'unknown' ? `${pathText} lies inside a value that is ${value.reason}` : `${pathText} lies inside a reference`);
  }
  if (value === undefined) {
    const vars = { path: pathText, default: pred.default === undefined ? '' : describeScalar(pred.default), value: '' };
    if (pred.default !== undefined && !('exists' in pred)) {
      if (test(pred, pred.default)) return PASS;
    } else if (absentPasses(pred)) return PASS;
    return fail({
      location: cursor.anchor,
      message: formatMessage(pred.missingMessage ?? messages.missingMessage, vars),
      fix: fixValue === undefined ? undefined : { mode: 'set', value: fixValue, resource: cursor.resource, container: cursor.container, missingPath: cursor.missingPath, replaceAt: cursor.replaceAt },
    });
  }
  if (value.kind === 'unknown' || value.kind === 'ref' || value.kind === 'map' || value.kind === 'seq') {
    if ('exists' in pred) return pred.exists ? PASS : failPresent(pred, value, cursor, pathText, messages, fixValue);
    if (value.kind === 'unknown') return unknown({ file: value.file, range: value.range }, value.reason);
    if (value.kind === 'ref') return unknown({ file: value.file, range: value.range }, `refers to ${value.target}`);
    return unknown({ file: value.file, range: value.range }, `${pathText} is not a single value`);
  }
  if (value.kind !== 'scalar') return PASS;
  if (test(pred, value.value)) return PASS;
  return failPresent(pred, value, cursor, pathText, messages, fixValue);
}

function failPresent(pred: Leaf, value: Value, cursor: Cursor, pathText: string, messages: Messages, fixValue: unknown): Outcome {
  const shown = value.kind === 'scalar' ? describeScalar(value.value) : pathText;
  let message = formatMessage(pred.message ?? messages.message, { path: pathText, value: shown, default: '' });
  if (value.note) message += ` (the value comes from ${value.note})`;
  return fail({
    location: { file: value.file, range: value.range },
    message,
    related: value.origin ? [{ location: value.origin, message: `value set here (${value.note})` }] : undefined,
    fix: fixValue === undefined ? undefined : { mode: 'set', value: fixValue, resource: cursor.resource, present: fixTargetOf(value) },
  });
}

/** A value from a parameter default is fixed at the default, not where the parameter is used. */
function fixTargetOf(value: Value): Value {
  if (value.kind === 'scalar' && value.state === 'default' && value.origin) {
    return { ...value, range: value.origin.range, file: value.origin.file, state: 'literal' };
  }
  return value;
}
