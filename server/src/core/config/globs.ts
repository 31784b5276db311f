import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Config } from './config';

/** Whether `file` matches one of the globs, taken relative to the config file's folder (or `root`). */
export function matchesGlobs(file: string, globs: string[], config: Config, root?: string): boolean {
  if (!globs.length) return false;
  const base = config.source ? path.dirname(config.source) : root ?? process.cwd();
  const rel = path.relative(base, file).split(path.sep).join('/');
  const isMatch = picomatch(globs, { dot: true });
  return isMatch(rel) || isMatch(path.basename(file));
}
