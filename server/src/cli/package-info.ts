/** The tool's name, version and home page, from the package.json above this module (source, out/ or dist/). */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PackageInfo {
  name: string;
  version: string;
  homepage?: string;
}

let cached: PackageInfo | undefined;

export function packageInfo(from = __dirname): PackageInfo {
  if (cached) return cached;
  let dir = from;
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'hipaa-lint') {
        const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
        const homepage = pkg.homepage ?? (typeof repo === 'string' ? repo.replace(/^git\+/, '').replace(/\.git$/, '') : undefined);
        return (cached = { name: pkg.name, version: String(pkg.version ?? '0.0.0'), homepage });
      }
    } catch {
      // no package.json here
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return (cached = { name: 'hipaa-lint', version: '0.0.0' });
}
