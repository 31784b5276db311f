// Bundles the client, the language server and the CLI with esbuild (one file each in dist/), and
// copies the two WebAssembly files the Terraform parser loads at run time into dist/wasm/ (the
// packaged extension has no node_modules).
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const common = { mainFields: ['module', 'main'], bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
]);

fs.mkdirSync('dist/wasm', { recursive: true });
for (const [pkg, file] of [['web-tree-sitter', 'web-tree-sitter.wasm'], ['@tree-sitter-grammars/tree-sitter-hcl', 'tree-sitter-terraform.wasm']]) {
  fs.copyFileSync(path.join('node_modules', pkg, file), path.join('dist/wasm', file));
}
