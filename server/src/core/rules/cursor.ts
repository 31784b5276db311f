/** Walking a path through a resource's values, expanding `Fn::If` choices into alternatives. */
import type { Location, MapValue, Resource, Value } from '../model/types';

/** A place in a resource's value tree; `value` undefined means absent. */
export interface Cursor {
  value: Value | undefined;
  resource: Resource;
  /** Where to report when the value is absent: the nearest existing key, or the resource's name. */
  anchor: Location;
  /** For absent values: the nearest existing map and the keys still to create below it. */
  container?: MapValue;
  missingPath: string[];
  /** An `Fn::If` branch written as `AWS::NoValue`: a fix replaces it with the value. */
  replaceAt?: Value;
  /** The path went below an unknown value or a reference: nothing below it can be known. */
  opaque?: boolean;
}

export function rootCursor(resource: Resource): Cursor {
  return {
    value: resource.propertiesValue ?? resource.properties,
    resource,
    anchor: { file: resource.file, range: resource.nameRange },
    container: resource.properties,
    missingPath: [],
  };
}

export function itemCursor(parent: Cursor, item: Value): Cursor {
  return {
    value: item,
    resource: parent.resource,
    anchor: { file: item.file, range: item.range },
    container: item.kind === 'map' ? item : undefined,
    missingPath: [],
  };
}

/** Replaces choices by their branches (recursively), so that each alternative is checked. */
export function expandChoices(cursors: Cursor[]): Cursor[] {
  const out: Cursor[] = [];
  const visit = (c: Cursor, depth: number) => {
    if (c.value?.kind === 'choice' && depth < 16) {
      const choice = c.value;
      choice.branches.forEach((branch, i) => {
        const absentAt = choice.absentAt?.[i];
        const noValue: Value | undefined = absentAt && { kind: 'unknown', reason: 'AWS::NoValue', range: absentAt, file: choice.file };
        visit(
          branch
            ? { ...c, value: branch, anchor: { file: branch.file, range: branch.range }, container: branch.kind === 'map' ? branch : undefined }
            : { ...c, value: undefined, anchor: { file: choice.file, range: absentAt ?? choice.range }, container: undefined, missingPath: [], replaceAt: noValue },
          depth + 1,
        );
      });
    } else out.push(c);
  };
  for (const c of cursors) visit(c, 0);
  return out;
}

function descend(cursor: Cursor, key: string): Cursor[] {
  const { value } = cursor;
  if (value === undefined) return [{ ...cursor, missingPath: [...cursor.missingPath, key] }];
  if (value.kind === 'choice') return expandChoices([cursor]).flatMap((c) => descend(c, key));
  if (value.kind === 'unknown' || value.kind === 'ref') return [{ ...cursor, opaque: true }];
  if (value.kind === 'map') {
    const entry = value.entries.find((e) => e.key === key);
    if (!entry) return [{ ...cursor, value: undefined, container: value, missingPath: [key] }];
    const v = entry.value;
    return [{ ...cursor, value: v, anchor: { file: v.file, range: entry.keyRange }, container: v.kind === 'map' ? v : undefined, missingPath: [] }];
  }
  if (value.kind === 'seq' && /^\d+$/.test(key)) {
    const item = value.items[Number(key)];
    if (item) return [{ ...itemCursor(cursor, item) }];
  }
  // A scalar or list where a map was expected: the key is absent and cannot be created here.
  return [{ ...cursor, value: undefined, container: undefined, missingPath: [key] }];
}

export function resolvePath(cursor: Cursor, path: string[]): Cursor[] {
  let cursors = [cursor];
  for (const key of path) cursors = cursors.flatMap((c) => descend(c, key));
  return expandChoices(cursors);
}
