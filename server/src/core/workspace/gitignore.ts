/**
 * `.gitignore` rules as git applies them: each file's patterns are relative to its folder and
 * apply to that subtree; a deeper file that has an opinion (ignore or `!` re-include) wins over a
 * shallower one. Paths under an ignored folder are never visited, so cannot be re-included (as in git).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Layer {
  dir: string;
  rules: Ignore;
}

export class GitIgnores {
  private constructor(private readonly layers: Layer[]) {}

  static empty(): GitIgnores {
    return new GitIgnores([]);
  }

  /** The rules that apply inside `dir`: every `.gitignore` from `top` (a repository root) down to `dir`. */
  static forDirectory(dir: string, top: string | undefined): GitIgnores {
    const target = path.resolve(dir);
    const chain = [target];
    if (top && isWithin(path.resolve(top), target)) {
      for (let d = target; d !== path.resolve(top); d = path.dirname(d)) chain.unshift(path.dirname(d));
    }
    return chain.reduce((acc, d) => acc.enter(d), GitIgnores.empty());
  }

  /** The rules for the subtree `dir` (a child of the current folder): adds its `.gitignore`, if any. */
  enter(dir: string): GitIgnores {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
    } catch {
      return this;
    }
    return new GitIgnores([...this.layers, { dir, rules: ignore().add(text) }]);
  }

  ignores(file: string, isDirectory: boolean): boolean {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const { dir, rules } = this.layers[i];
      const rel = path.relative(dir, file);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const result = rules.test(rel.split(path.sep).join('/') + (isDirectory ? '/' : ''));
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  }
}

function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
