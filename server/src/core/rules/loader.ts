/** Loads `rules/*.yaml`, validating each file against `rules/schema.json` (ajv). */
import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { Rule } from './types';

export interface WhitepaperSection {
  key: string;
  title: string;
  page: number;
  resourceTypes: string[];
  summary: string;
}

export interface Whitepaper {
  title: string;
  published: string;
  url: string;
  sections: WhitepaperSection[];
}

export interface RuleSet {
  rules: Rule[];
  byId: Map<string, Rule>;
  whitepaper: Whitepaper;
  sections: Map<string, WhitepaperSection>;
  dir: string;
}

/** The folder holding rules/schema.json: found by walking up from this module (source, out/ or dist/). */
export function defaultRulesDir(from = __dirname): string {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'rules');
    if (fs.existsSync(path.join(candidate, 'schema.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`rules/ folder not found above ${from}`);
}

export class RuleLoadError extends Error {}

const cache = new Map<string, RuleSet>();

export function loadRuleSet(dir = defaultRulesDir()): RuleSet {
  const hit = cache.get(dir);
  if (hit) return hit;
  const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const rules: Rule[] = [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'whitepaper.yaml').sort();
  for (const f of files) {
    const file = path.join(dir, f);
    const data = parse(fs.readFileSync(file, 'utf8'));
    if (!validate(data)) {
      const details = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      throw new RuleLoadError(`${f}: does not match rules/schema.json: ${details}`);
    }
    const rule = data as Rule;
    if (`${rule.id}.yaml` !== f) throw new RuleLoadError(`${f}: file name must be ${rule.id}.yaml`);
    rule.file = file;
    rules.push(rule);
  }
  const whitepaper = parse(fs.readFileSync(path.join(dir, 'whitepaper.yaml'), 'utf8')) as Whitepaper;
  const sections = new Map(whitepaper.sections.map((s) => [s.key, s]));
  for (const rule of rules) {
    if (rule.citation && !sections.has(rule.citation.section)) {
      throw new RuleLoadError(`${rule.id}: cites unknown whitepaper section ${rule.citation.section}`);
    }
  }
  const set = { rules, byId: new Map(rules.map((r) => [r.id, r])), whitepaper, sections, dir };
  cache.set(dir, set);
  return set;
}
