/**
 * Which files to analyse. Folders are walked recursively (in name order), skipping what a
 * `.gitignore` ignores, what the configuration excludes, node_modules, .git, .terraform and
 * cdk.out, and `.hipaa-lint.yaml` files; only supported file names are kept. Paths named on the
 * command line are always taken (the engine still skips, with a reason, what it cannot analyse).
 * Symbolic links to files are followed, links to folders are not (no loops); a link that points
 * nowhere is reported as unreadable.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, type Config } from '../config/config';
import { matchesGlobs } from '../config/globs';
import { isSupportedFile } from '../formats/detect';
import type { FileError } from '../report';
import type { ConfigResolver } from './config-resolver';
import { GitIgnores } from './gitignore';
import { describeFsError } from './read';

export const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.terraform', 'cdk.out']);

export interface FileToAnalyse {
  /** Absolute path. */
  file: string;
  config: Config;
  /** Named on the command line. */
  explicit: boolean;
}

export interface WalkResult {
  files: FileToAnalyse[];
  errors: FileError[];
}

export interface WalkContext {
  cwd: string;
  /** Repository root: `.gitignore` files from here down apply. */
  gitRoot?: string;
  /** Base for exclude globs when a configuration has no file. */
  root: string;
  configs: ConfigResolver;
}

export function collectFiles(paths: string[], ctx: WalkContext): WalkResult {
  const found = new Map<string, FileToAnalyse>();
  const errors = new Map<string, FileError>();
  const add = (entry: FileToAnalyse) => {
    const known = found.get(entry.file);
    if (!known || (entry.explicit && !known.explicit)) found.set(entry.file, entry);
  };
  const fail = (file: string, e: unknown) => errors.set(file, { file, reason: describeFsError(e) });

  const excluded = (file: string, config: Config) => matchesGlobs(file, config.exclude, config, ctx.root);

  const walk = (dir: string, ignores: GitIgnores) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      fail(dir, e);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === CONFIG_FILE) continue; // configuration, not a template
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(full);
          isFile = target.isFile();
          isDir = false; // never follow links to folders
        } catch (e) {
          if (isSupportedFile(entry.name) && !ignores.ignores(full, false)) fail(full, e);
          continue;
        }
      }
      if (isDir) {
        if (ALWAYS_SKIPPED.has(entry.name) || ignores.ignores(full, true)) continue;
        if (excluded(full, ctx.configs.forDirectory(full))) continue;
        walk(full, ignores.enter(full));
      } else if (isFile && isSupportedFile(entry.name) && !ignores.ignores(full, false)) {
        const config = ctx.configs.forFile(full);
        if (!excluded(full, config)) add({ file: full, config, explicit: false });
      }
    }
  };

  for (const p of paths) {
    const abs = path.resolve(ctx.cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      fail(abs, e);
      continue;
    }
    if (stat.isDirectory()) {
      // A folder named on the command line is walked even if git ignores it; rules inside it still apply.
      const inRepo = ctx.gitRoot !== undefined && isStrictlyInside(ctx.gitRoot, abs);
      const inherited = inRepo ? GitIgnores.forDirectory(path.dirname(abs), ctx.gitRoot) : GitIgnores.empty();
      const ignores = inherited.ignores(abs, true) ? GitIgnores.empty().enter(abs) : GitIgnores.forDirectory(abs, ctx.gitRoot);
      walk(abs, ignores);
    } else if (!stat.isFile()) {
      errors.set(abs, { file: abs, reason: 'not a regular file' });
    } else {
      // Named files go to the engine as they are: it skips (with a reason) what it cannot analyse.
      add({ file: abs, config: ctx.configs.forFile(abs), explicit: true });
    }
  }
  return {
    files: [...found.values()].sort((a, b) => a.file.localeCompare(b.file)),
    errors: [...errors.values()].sort((a, b) => a.file.localeCompare(b.file)),
  };
}

function isStrictlyInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
