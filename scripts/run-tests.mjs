// Runs node's test runner on the compiled *.test.js files under the given folders of out/test
// (Node 20's folder discovery would also pick up helpers, so the files are listed explicitly).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const layers = process.argv.slice(2);
const files = [];
const collect = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) collect(full);
    else if (entry.name.endsWith('.test.js')) files.push(full);
  }
};
for (const layer of layers) {
  const dir = path.join('out', 'test', layer);
  if (!fs.existsSync(dir)) {
    console.error(`run-tests: no compiled tests in ${dir} (did the build run?)`);
    process.exit(2);
  }
  collect(dir);
}
if (!files.length) {
  console.error(`run-tests: no *.test.js files under ${layers.join(', ')}`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files.sort()], { stdio: 'inherit' });
process.exit(result.status ?? 1);
