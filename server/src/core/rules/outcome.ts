/** Three-valued results of checks: pass, fail (with where and why), or unknown (cannot verify). */
import type { Location, MapValue, Resource, SeqValue, Value } from '../model/types';

/** What a generic fix must write to satisfy a failed leaf. */
export interface LeafFix {
  mode: 'set' | 'append';
  value: unknown;
  resource: Resource;
  /** The wrong value to replace (mode set), or the list to append to (mode append). */
  present?: Value;
  /** For absent values: the nearest existing map and the keys to create below it (none: create Properties). */
  container?: MapValue;
  missingPath?: string[];
  list?: SeqValue;
  /** An `AWS::NoValue` branch to replace with the (nested) value. */
  replaceAt?: Value;
}

export interface Related {
  location: Location;
  message: string;
}

export interface Failure {
  location: Location;
  message: string;
  related?: Related[];
  fix?: LeafFix;
  /** The check went through another resource (followed reference, or a resource referencing this one). */
  via?: { kind: 'followed' | 'referencing' | 'none-referencing'; resource?: Resource };
}

export interface Unknown {
  location: Location;
  reason: string;
}

export type Outcome =
  | { status: 'pass' }
  | { status: 'fail'; failures: Failure[] }
  | { status: 'unknown'; unknowns: Unknown[] };

export const PASS: Outcome = { status: 'pass' };

export function fail(...failures: Failure[]): Outcome {
  return { status: 'fail', failures };
}

export function unknown(location: Location, reason: string): Outcome {
  return { status: 'unknown', unknowns: [{ location, reason }] };
}

/** All must pass: any failure fails; otherwise any unknown is unknown. */
export function all(outcomes: Outcome[]): Outcome {
  const failures = outcomes.flatMap((o) => (o.status === 'fail' ? o.failures : []));
  if (failures.length) return { status: 'fail', failures };
  const unknowns = outcomes.flatMap((o) => (o.status === 'unknown' ? o.unknowns : []));
  if (unknowns.length) return { status: 'unknown', unknowns };
  return PASS;
}

/** One must pass: any pass passes; otherwise any unknown is unknown; otherwise the first failure. */
export function any(outcomes: Outcome[]): Outcome {
  if (outcomes.some((o) => o.status === 'pass')) return PASS;
  const unknowns = outcomes.flatMap((o) => (o.status === 'unknown' ? o.unknowns : []));
  if (unknowns.length) return { status: 'unknown', unknowns };
  const first = outcomes.find((o) => o.status === 'fail');
  return first ?? PASS;
}
