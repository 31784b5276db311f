/**
 * Effective configuration per document: defaults, then the nearest `.hipaa-lint.yaml` (not above
 * the workspace folder), then `hipaa.*` editor settings. Cached; cleared when either changes.
 */
import * as path from 'node:path';
import { ConfigError, defaultConfig, findConfigFile, mergeConfig, readConfigFile, type Config } from '../core/config/config';

export interface EditorSettings {
  enable: boolean;
  rules: Record<string, string>;
  reportUnknown: boolean;
  include: string[];
  exclude: string[];
  phiWords: string[];
  debounceMs: number;
  maxFileSizeKb: number;
}

export const DEFAULT_SETTINGS: EditorSettings = {
  enable: true,
  rules: {},
  reportUnknown: false,
  include: [],
  exclude: [],
  phiWords: [],
  debounceMs: 150,
  maxFileSizeKb: 4096,
};

export interface EffectiveConfig {
  config: Config;
  settings: EditorSettings;
  root?: string;
  /** A broken `.hipaa-lint.yaml` is reported, and defaults are used meanwhile. */
  error?: string;
}

export class ConfigCache {
  private readonly byFolder = new Map<string, EffectiveConfig>();

  constructor(
    private readonly workspaceFolders: () => string[],
    private readonly fetchSettings: (scopeFile: string) => Promise<Partial<EditorSettings> | undefined>,
  ) {}

  clear(): void {
    this.byFolder.clear();
  }

  rootOf(file: string): string | undefined {
    return this.workspaceFolders()
      .filter((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep))
      .sort((a, b) => b.length - a.length)[0];
  }

  async forFile(file: string): Promise<EffectiveConfig> {
    const dir = path.dirname(file);
    const hit = this.byFolder.get(dir);
    if (hit) return hit;
    const root = this.rootOf(file);
    const settings = { ...DEFAULT_SETTINGS, ...((await this.fetchSettings(file)) ?? {}) };
    let config = defaultConfig();
    let error: string | undefined;
    const configFile = findConfigFile(dir, root);
    try {
      if (configFile) config = readConfigFile(configFile, config);
    } catch (e) {
      error = e instanceof ConfigError ? e.message : String(e);
    }
    try {
      config = mergeConfig(config, editorOverrides(settings), 'settings hipaa.*');
    } catch (e) {
      error = e instanceof ConfigError ? e.message : String(e);
    }
    const effective = { config, settings, root, error };
    this.byFolder.set(dir, effective);
    return effective;
  }
}

/** Editor settings override the file: rule levels, extra include/exclude globs, extra PHI words. */
function editorOverrides(s: EditorSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Object.keys(s.rules).length) out.rules = s.rules;
  if (s.reportUnknown) out.reportUnknown = true;
  if (s.include.length) out.include = s.include;
  if (s.exclude.length) out.exclude = s.exclude;
  if (s.phiWords.length) out.phi = { words: s.phiWords };
  if (s.maxFileSizeKb !== DEFAULT_SETTINGS.maxFileSizeKb) out.maxFileSizeKb = s.maxFileSizeKb;
  return out;
}
