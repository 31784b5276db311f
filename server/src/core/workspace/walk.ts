/** Lists the supported files under some roots, honouring `.gitignore` files and excluded folders. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isSupportedFile } from '../formats/detect';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', 'cdk.out', '.terraform', 'out', 'dist']);

interface Rules {
  base: string;
  ig: Ignore;
}

function readGitignore(dir: string): Rules | undefined {
  const file = path.join(dir, '.gitignore');
  try {
    return { base: dir, ig: ignore().add(fs.readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

function ignored(file: string, isDir: boolean, stack: Rules[]): boolean {
  return stack.some(({ base, ig }) => {
    const rel = path.relative(base, file).split(path.sep).join('/');
    return rel !== '' && !rel.startsWith('..') && ig.ignores(isDir ? `${rel}/` : rel);
  });
}

export interface WalkError {
  path: string;
  message: string;
}

export function walkFiles(root: string, onError: (e: WalkError) => void = () => undefined, limit = 100000): string[] {
  const out: string[] = [];
  const visit = (dir: string, stack: Rules[]) => {
    const own = readGitignore(dir);
    const rules = own ? [...stack, own] : stack;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      onError({ path: dir, message: (e as Error).message });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= limit) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !ignored(full, true, rules)) visit(full, rules);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isSupportedFile(entry.name) && !ignored(full, false, rules)) {
        out.push(full);
      }
    }
  };
  visit(path.resolve(root), []);
  return out;
}
