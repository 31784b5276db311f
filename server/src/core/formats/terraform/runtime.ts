/**
 * Loads web-tree-sitter and the Terraform grammar (`tree-sitter-terraform.wasm` from
 * @tree-sitter-grammars/tree-sitter-hcl) once per process.
 *
 * Both .wasm files are read from disk and handed over as bytes, so nothing depends on where the
 * JavaScript runs from: unbundled (out/) they are found with require.resolve; bundled by esbuild
 * (dist/server.js, dist/cli.js) they are found by walking up from __dirname to a folder holding
 * node_modules/<package>/<file>, or a `wasm/` folder with both files. What the .vsix must ship:
 *   node_modules/web-tree-sitter/web-tree-sitter.wasm
 *   node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm
 * (or the two files in <extension root>/wasm/ or dist/wasm/). The JavaScript of web-tree-sitter is
 * bundled; the grammar package's native binding is never used (no install script needed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
// `import = require` makes both tsc and esbuild take the CommonJS build of web-tree-sitter.
import TreeSitter = require('web-tree-sitter');

const FILES = {
  runtime: { pkg: 'web-tree-sitter', file: 'web-tree-sitter.wasm' },
  grammar: { pkg: '@tree-sitter-grammars/tree-sitter-hcl', file: 'tree-sitter-terraform.wasm' },
};

let ready: Promise<void> | undefined;
let parser: TreeSitter.Parser | undefined;

/** Where a wasm file is: require.resolve first, then walking up from this file's folder. */
export function locateWasm(which: keyof typeof FILES, from = __dirname): string {
  const { pkg, file } = FILES[which];
  try {
    return require.resolve(`${pkg}/${file}`);
  } catch {
    // Bundled, or the package's exports do not list the file: search the folders above.
  }
  try {
    const resolved = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
    if (fs.existsSync(resolved)) return resolved;
  } catch {
    // Not resolvable from here.
  }
  for (let dir = from; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'node_modules', pkg, file), path.join(dir, 'wasm', file)]) {
      if (fs.existsSync(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`hipaa-lint: cannot find ${pkg}/${file} (needed to parse Terraform)`);
}

/** Loads the runtime and the grammar; safe to call many times (the work is done once). */
export function initTerraform(): Promise<void> {
  ready ??= (async () => {
    await TreeSitter.Parser.init({ wasmBinary: fs.readFileSync(locateWasm('runtime')) });
    const language = await TreeSitter.Language.load(new Uint8Array(fs.readFileSync(locateWasm('grammar'))));
    const p = new TreeSitter.Parser();
    p.setLanguage(language);
    parser = p;
  })().catch((e: unknown) => {
    ready = undefined;
    throw e;
  });
  return ready;
}

export function isTerraformReady(): boolean {
  return parser !== undefined;
}

/** The shared parser; initTerraform() must have finished. */
export function terraformParser(): TreeSitter.Parser {
  if (!parser) throw new Error('hipaa-lint: initTerraform() has not finished; await it before parsing Terraform');
  return parser;
}

export type SyntaxNode = TreeSitter.Node;
