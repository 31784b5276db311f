/**
 * Configuration shared by the CLI and the server: `.hipaa-lint.yaml` (nearest one walking up from
 * the file, stopping at the workspace root), overridden by editor settings.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { Severity } from '../rules/types';

export type RuleSetting = Severity | 'off';

export interface Config {
  rules: Record<string, RuleSetting>;
  /** Globs (relative to the config file's folder) never analysed. */
  exclude: string[];
  /** Globs analysed even when they do not look like templates. */
  include: string[];
  phi: { words: string[]; patterns: string[] };
  /** Show "cannot verify" hints for values only known at deploy time. */
  reportUnknown: boolean;
  /** Files larger than this are skipped with a message. */
  maxFileSizeKb: number;
  /** Where the config came from, if a file. */
  source?: string;
}

export const CONFIG_FILE = '.hipaa-lint.yaml';

export function defaultConfig(): Config {
  return { rules: {}, exclude: [], include: [], phi: { words: [], patterns: [] }, reportUnknown: false, maxFileSizeKb: 4096 };
}

const SETTINGS = new Set(['error', 'warning', 'info', 'off']);

export class ConfigError extends Error {}

/** Reads a config object (from a file or editor settings) over a base, rejecting what it does not know. */
export function mergeConfig(base: Config, raw: unknown, where: string): Config {
  if (raw === null || raw === undefined) return base;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${where}: expected a mapping`);
  const out: Config = { ...base, rules: { ...base.rules }, phi: { words: [...base.phi.words], patterns: [...base.phi.patterns] } };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case 'rules':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${where}: rules must be a mapping of rule id to error|warning|info|off`);
        for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
          const s = setting === false ? 'off' : String(setting);
          if (!SETTINGS.has(s)) throw new ConfigError(`${where}: rules.${id} must be error, warning, info or off`);
          out.rules[id] = s as RuleSetting;
        }
        break;
      case 'exclude':
      case 'include':
        out[key] = stringList(value, `${where}: ${key}`);
        break;
      case 'phi': {
        if (value !== null && (typeof value !== 'object' || Array.isArray(value))) throw new ConfigError(`${where}: phi must be a mapping with words and patterns`);
        const phi = (value ?? {}) as Record<string, unknown>;
        for (const k of Object.keys(phi)) if (k !== 'words' && k !== 'patterns') throw new ConfigError(`${where}: unknown setting "phi.${k}" (expected words, patterns)`);
        if (phi.words !== undefined) out.phi.words = stringList(phi.words, `${where}: phi.words`);
        if (phi.patterns !== undefined) {
          out.phi.patterns = stringList(phi.patterns, `${where}: phi.patterns`);
          for (const p of out.phi.patterns) {
            try { new RegExp(p); } catch { throw new ConfigError(`${where}: phi.patterns: invalid regular expression ${p}`); }
          }
        }
        break;
      }
      case 'reportUnknown':
        if (typeof value !== 'boolean') throw new ConfigError(`${where}: reportUnknown must be true or false`);
        out.reportUnknown = value;
        break;
      case 'maxFileSizeKb':
        if (typeof value !== 'number' || value <= 0) throw new ConfigError(`${where}: maxFileSizeKb must be a positive number`);
        out.maxFileSizeKb = value;
        break;
      default:
        throw new ConfigError(`${where}: unknown setting "${key}"`);
    }
  }
  return out;
}

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ConfigError(`${where} must be a list of strings`);
  return value as string[];
}

export function readConfigFile(file: string, base = defaultConfig()): Config {
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  return { ...mergeConfig(base, raw, file), source: file };
}

/** The nearest `.hipaa-lint.yaml` from `dir` upwards, not above `stopAt` (when given). */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  let current = path.resolve(dir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (current === stop) return undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}
