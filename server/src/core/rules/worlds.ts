/**
 * Consistent alternatives of a resource: one per assignment of the `Fn::If` conditions in its
 * properties. Checking each alternative separately gets compound predicates right (`anyOf`, `not`,
 * `some`, `if`/`then` across one condition) and never mixes the two branches of one condition.
 */
import type { Resource, Value } from '../model/types';
import { walkValues } from '../model/values';

/** Beyond 2^5 alternatives, fall back to checking every branch independently (still sound for leaves). */
const MAX_CONDITIONS = 5;

export function worldsOf(resource: Resource): Resource[] {
  const root = resource.propertiesValue ?? resource.properties;
  const conditions: string[] = [];
  walkValues(root, (v) => {
    if (v.kind === 'choice' && v.branches.length > 1 && !conditions.includes(v.condition)) conditions.push(v.condition);
  });
  if (!conditions.length || conditions.length > MAX_CONDITIONS) return [resource];
  const worlds: Resource[] = [];
  for (let mask = 0; mask < 1 << conditions.length; mask++) {
    const pick = new Map(conditions.map((c, i) => [c, (mask >> i) & 1]));
    const chosen = root && select(root, pick);
    worlds.push({
      ...resource,
      properties: chosen?.kind === 'map' ? chosen : resource.properties,
      propertiesValue: chosen && chosen.kind !== 'map' ? chosen : undefined,
    });
  }
  return worlds;
}

/** A copy where every choice keeps only the picked branch (still a choice, so an absent branch keeps its place). */
function select(value: Value, pick: Map<string, number>): Value {
  switch (value.kind) {
    case 'map':
      return { ...value, entries: value.entries.map((e) => ({ ...e, value: select(e.value, pick) })) };
    case 'seq':
      return { ...value, items: value.items.map((i) => select(i, pick)) };
    case 'choice': {
      if (value.branches.length < 2) return value;
      const i = pick.get(value.condition) ?? 0;
      const branch = value.branches[i];
      return { ...value, branches: [branch && select(branch, pick)], absentAt: [value.absentAt?.[i]] };
    }
    default:
      return value;
  }
}
