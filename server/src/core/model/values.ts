import type { Entry, MapValue, Scalar, Value } from './types';

export function entryOf(map: MapValue | undefined, key: string): Entry | undefined {
  return map?.entries.find((e) => e.key === key);
}

export function valueOf(map: MapValue | undefined, key: string): Value | undefined {
  return entryOf(map, key)?.value;
}

export function asMap(value: Value | undefined): MapValue | undefined {
  return value?.kind === 'map' ? value : undefined;
}

export function scalarOf(value: Value | undefined): Scalar | undefined {
  return value?.kind === 'scalar' ? value.value : undefined;
}

export function stringOf(value: Value | undefined): string | undefined {
  const s = scalarOf(value);
  return typeof s === 'string' ? s : undefined;
}

/** Visits every value in a tree (choice branches included). */
export function walkValues(value: Value | undefined, visit: (v: Value) => void): void {
  if (!value) return;
  visit(value);
  if (value.kind === 'map') for (const e of value.entries) walkValues(e.value, visit);
  else if (value.kind === 'seq') for (const item of value.items) walkValues(item, visit);
  else if (value.kind === 'choice') for (const b of value.branches) walkValues(b, visit);
}

export function describeScalar(value: Scalar): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const splitPaths = new Map<string, string[]>();

/** `A.B` → ['A', 'B'] (memoised: rule paths are few and evaluated for every resource). */
export function splitPath(path: string | string[] | undefined): string[] {
  if (path === undefined) return [];
  if (Array.isArray(path)) return path;
  let parts = splitPaths.get(path);
  if (!parts) {
    parts = path.split('.').filter(Boolean);
    splitPaths.set(path, parts);
  }
  return parts;
}
