/**
 * Which configuration applies to a file: `--config F` for every file, or else the nearest
 * `.hipaa-lint.yaml` walking up from the file's folder, not above the repository root (the git
 * root of the working directory) when the file is inside it. Each file is read once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, defaultConfig, findConfigFile, readConfigFile, type Config } from '../config/config';
import { describeFsError } from './read';

export class ConfigResolver {
  private readonly byFile = new Map<string, Config>();
  private readonly byDir = new Map<string, Config>();
  private readonly fallback = defaultConfig();

  private constructor(
    private readonly explicit: Config | undefined,
    private readonly stopAt: string | undefined,
  ) {}

  /** Throws ConfigError when `--config` names a file that cannot be read or is invalid. */
  static create(configPath: string | undefined, cwd: string, stopAt: string | undefined): ConfigResolver {
    if (configPath === undefined) return new ConfigResolver(undefined, stopAt);
    const file = path.resolve(cwd, configPath);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch (e) {
      throw new ConfigError(`cannot read configuration ${configPath}: ${describeFsError(e)}`);
    }
    if (!stat.isFile()) throw new ConfigError(`cannot read configuration ${configPath}: not a file`);
    return new ConfigResolver(readConfigFile(file), stopAt);
  }

  /** The configuration for files in `dir`. Throws ConfigError for an invalid `.hipaa-lint.yaml`. */
  forDirectory(dir: string): Config {
    if (this.explicit) return this.explicit;
    const key = path.resolve(dir);
    const hit = this.byDir.get(key);
    if (hit) return hit;
    const file = findConfigFile(key, this.stopAt);
    const config = file ? this.read(file) : this.fallback;
    this.byDir.set(key, config);
    return config;
  }

  forFile(file: string): Config {
    return this.forDirectory(path.dirname(path.resolve(file)));
  }

  private read(file: string): Config {
    let config = this.byFile.get(file);
    if (!config) {
      config = readConfigFile(file);
      this.byFile.set(file, config);
    }
    return config;
  }
}

/** The folder holding `.git` (a folder, or a file for worktrees) at or above `dir`, if any. */
export function findGitRoot(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}
