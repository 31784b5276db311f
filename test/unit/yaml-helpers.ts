/** Shared helpers of the YAML syntax unit tests. */
import assert from 'node:assert/strict';
import { readYaml, type YamlSection } from '../../server/src/core/formats/cloudformation/yaml-syntax';
import type { MapValue, Value } from '../../server/src/core/model/types';

export const FILE = '/ws/t.yaml';

export function section(sections: YamlSection[], key: string): Value | undefined {
  return sections.find((s) => s.key === key)?.value;
}

export function mapAt(value: Value | undefined, ...keys: string[]): Value | undefined {
  let v = value;
  for (const k of keys) {
    assert.equal(v?.kind, 'map', `expected a map before ${k}`);
    v = (v as MapValue).entries.find((e) => e.key === k)?.value;
  }
  return v;
}

export function props(text: string, resource = 'R'): MapValue {
  const { sections, problems } = readYaml(text, FILE);
  assert.deepEqual(problems, []);
  const p = mapAt(section(sections, 'Resources'), resource, 'Properties');
  assert.equal(p?.kind, 'map');
  return p as MapValue;
}

export function entry(map: MapValue, key: string) {
  const e = map.entries.find((x) => x.key === key);
  assert.ok(e, `no entry ${key}`);
  return e;
}
