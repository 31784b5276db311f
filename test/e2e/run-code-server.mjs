#!/usr/bin/env node
// The real-editor e2e harness, offline: VS Code 1.100.3 (code-server 4.100.3) in headless Chromium.
//
//   node test/e2e/run-code-server.mjs              extension-host suite, then the Playwright UI checks
//   node test/e2e/run-code-server.mjs --suite-only the extension-host suite only
//   node test/e2e/run-code-server.mjs --ui-only    the UI checks only
//   node test/e2e/run-code-server.mjs --vsix       package with vsce, `code-server --install-extension`
//                                                  the .vsix, and run both phases on the installed copy
//   --update-screenshot   also copy the hover screenshot to docs/screenshot.png (for the README)
//   --keep                keep the throw-away state folder (code-server logs, test logs) for debugging
//   HIPAA_E2E_EXTENSION_PATH=<dir>  test another copy of the built extension instead of the repository
//
// Needs `npm run build` first (dist/ and out/test/e2e/). Installs code-server once into
// ${XDG_CACHE_HOME:-~/.cache}/hipaa-lint/code-server-4.100.3 (override: HIPAA_E2E_CODE_SERVER_DIR).
// Prints the extension host's log and a final plain `N passed, N failed` line; exits non-zero on
// any failure, including a missing prerequisite (never skips).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  copyWorkspace,
  ensureCodeServer,
  extensionHostLogs,
  installExtension,
  launchChromium,
  log,
  makeRunDir,
  REPO,
  startCodeServer,
  waitFor,
  WAIT_MS,
  workbenchUrl,
} from './lib/code-server.mjs';
import { runUiChecks } from './ui-checks.mjs';

const args = new Set(process.argv.slice(2));
const known = new Set(['--suite-only', '--ui-only', '--vsix', '--update-screenshot', '--keep']);
for (const a of args) {
  if (!known.has(a)) {
    console.error(`run-code-server: unknown option ${a} (known: ${[...known].join(' ')})`);
    process.exit(2);
  }
}
const phases = { suite: !args.has('--ui-only'), ui: !args.has('--suite-only') };
const SUITE_ENTRY = path.join(REPO, 'out', 'test', 'e2e', 'suite', 'index.js');
const RESULTS = path.join(REPO, 'test-results', 'e2e');

function requireBuild() {
  const needed = [path.join(REPO, 'dist', 'extension.js'), path.join(REPO, 'dist', 'server.js')];
  if (phases.suite) needed.push(SUITE_ENTRY);
  const missing = needed.filter((f) => !fs.existsSync(f));
  if (missing.length) throw new Error(`build output missing (run \`npm run build\` first): ${missing.map((m) => path.relative(REPO, m)).join(', ')}`);
}

/** `vsce package --no-dependencies` (the extension is bundled by esbuild) into the run folder. */
function packageVsix(runDir) {
  const vsix = path.join(runDir, 'hipaa-lint.vsix');
  const vsce = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!fs.existsSync(vsce)) throw new Error('@vscode/vsce is not installed (devDependency: run npm ci)');
  log('packaging the extension: vsce package --no-dependencies');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', vsix], {
    cwd: REPO,
    encoding: 'utf8',
    input: 'y\n', // vsce asks before packaging without a LICENSE file
    timeout: WAIT_MS * 2,
  });
  process.stderr.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  if (r.status !== 0 || !fs.existsSync(vsix)) throw new Error(`vsce package failed (${r.status ?? r.signal ?? r.error})`);
  const ls = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8' });
  const files = (ls.stdout ?? '').trim().split('\n').filter(Boolean);
  const kb = Math.round(fs.statSync(vsix).size / 1024);
  log(`packaged ${vsix}: ${kb} KB, ${files.length} files`);
  const unexpected = files.filter((f) => !/^(dist\/(extension|server)\.js|dist\/wasm\/[a-z-]+\.wasm$|rules\/|docs\/|syntaxes\/|package\.json$|README\.md$|LICENSE(\.md|\.txt)?$|CHANGELOG\.md$)/.test(f));
  if (unexpected.length) throw new Error(`the .vsix contains files it should not (fix .vscodeignore): ${unexpected.join(', ')}`);
  // The Terraform parser's WebAssembly must ship: the packaged extension has no node_modules.
  for (const f of ['dist/extension.js', 'dist/server.js', 'dist/wasm/web-tree-sitter.wasm', 'dist/wasm/tree-sitter-terraform.wasm', 'rules/whitepaper.yaml', 'rules/schema.json', 'package.json']) {
    if (!files.includes(f)) throw new Error(`the .vsix lacks ${f}; it has: ${files.join(', ')}`);
  }
  return vsix;
}

function installedExtensionDir(runDir) {
  const exts = path.join(runDir, 'exts');
  const dir = fs.existsSync(exts) ? fs.readdirSync(exts).find((d) => d.startsWith('hipaa-lint.hipaa-lint-')) : undefined;
  if (!dir) throw new Error(`the .vsix did not install into ${exts}`);
  return path.join(exts, dir);
}

function formatLogArgs(args) {
  if (!Array.isArray(args)) return String(args);
  return args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
}

/** Phase 1: the extension-host suite (real `vscode` API) via the workbench URL payload. */
async function runSuite(browser, server, runDir, extensionDevelopmentPath) {
  const ws = copyWorkspace(runDir, 'suite-workspace');
  const url = workbenchUrl(server, {
    workspace: path.join(ws, 'hipaa-e2e.code-workspace'),
    extensionDevelopmentPath,
    extensionTestsPath: SUITE_ENTRY,
  });
  log(`suite: ${url}`);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const consoleLog = fs.createWriteStream(path.join(runDir, 'suite-browser-console.log'));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack ?? e}\n`));
  const result = { name: 'extension-host suite', passed: 0, failed: 0, lines: [] };
  let exitCode;
  let lastActivity = Date.now();
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    lastActivity = Date.now();
    for (const line of formatLogArgs(args).split('\n')) {
      result.lines.push(line);
      console.log(`[vscode${level && level !== 'info' ? ` ${level}` : ''}] ${line}`);
      if (/^ok \d+ - /.test(line)) result.passed++;
      if (/^not ok \d+ - /.test(line)) result.failed++;
    }
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    exitCode = code;
    for (const l of Array.isArray(logs) ? logs : []) {
      const file = path.join(runDir, 'workbench-logs', String(l.relativePath ?? 'log').replace(/\.\.+/g, '_'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, String(l.contents ?? ''));
    }
  });
  try {
    await page.goto(url, { timeout: WAIT_MS });
    // The suite's own tests wait on conditions with 60 s timeouts; here we only give up when the
    // extension host has been silent for longer than a test may take.
    const idleMs = Number(process.env.HIPAA_E2E_IDLE_MS || 3 * WAIT_MS + 30_000);
    await waitFor('the extension-host suite to call codeAutomationExit', () => {
      if (exitCode !== undefined) return true;
      if (Date.now() - lastActivity > idleMs) throw Object.assign(new Error(`no output from the extension host for ${idleMs / 1000} s`), { fatal: true });
      return false;
    }, { timeoutMs: 30 * 60_000, intervalMs: 200 }).catch((e) => {
      throw new Error(`suite did not finish: ${e.message}`);
    });
    await page.screenshot({ path: path.join(RESULTS, 'suite-final.png') }).catch(() => undefined);
  } catch (e) {
    await page.screenshot({ path: path.join(RESULTS, 'suite-failure.png') }).catch(() => undefined);
    result.failed++;
    result.lines.push(`not ok - harness: ${e.message}`);
    console.log(`not ok - harness: ${e.message}`);
  } finally {
    await context.close().catch(() => undefined);
    consoleLog.end();
  }
  if (exitCode !== undefined && exitCode !== 0 && result.failed === 0) {
    // The suite did not load or run() threw before any test (e.g. a broken extensionTestsPath).
    result.failed++;
    console.log(`not ok - extension host exited with code ${exitCode} before reporting test results`);
  }
  if (exitCode === 0 && result.passed === 0) {
    result.failed++;
    console.log('not ok - the extension host reported success but no test ran');
  }
  result.exitCode = exitCode;
  return result;
}

/**
 * The extension host's logs of this run: the extension's own output channel (HIPAA.log) in full;
 * the remote extension host log in full after a failure, else only its warnings and errors.
 */
function printExtensionHostLogs(runDir, verbose) {
  for (const f of extensionHostLogs(runDir)) {
    const text = fs.readFileSync(f, 'utf8').trimEnd();
    if (!text) continue;
    let lines = text.split('\n');
    const all = lines.length;
    if (!verbose && !/HIPAA\.log$/.test(f)) lines = lines.filter((l) => /\[(error|warning)\]/.test(l) && !/Accessing a resource scoped configuration/.test(l));
    if (!lines.length) continue;
    console.log(`----- ${path.relative(runDir, f)}${lines.length < all ? ` (${lines.length} of ${all} lines: warnings and errors)` : ''} -----`);
    console.log(lines.join('\n'));
  }
}

async function main() {
  const started = Date.now();
  requireBuild();
  fs.rmSync(RESULTS, { recursive: true, force: true }); // this run's screenshots only
  fs.mkdirSync(RESULTS, { recursive: true });
  const dir = ensureCodeServer();
  const runDir = makeRunDir();
  const keep = args.has('--keep') || !!process.env.HIPAA_E2E_KEEP;
  // Also on SIGINT/SIGTERM (the signal handler stops code-server, then exits).
  const removeRunDir = () => keep || fs.rmSync(runDir, { recursive: true, force: true });
  process.on('exit', removeRunDir);
  let server;
  let browser;
  const results = [];
  let failedBeforeTests;
  try {
    // HIPAA_E2E_EXTENSION_PATH: run against another copy of the built extension (e.g. one broken on
    // purpose, to see which checks go red) instead of the repository.
    let extensionDevelopmentPath = process.env.HIPAA_E2E_EXTENSION_PATH ? path.resolve(process.env.HIPAA_E2E_EXTENSION_PATH) : REPO;
    if (args.has('--vsix')) {
      const vsix = packageVsix(runDir);
      const out = installExtension(dir, runDir, vsix);
      log(`code-server --install-extension: ${out.split('\n').pop()}`);
      extensionDevelopmentPath = installedExtensionDir(runDir);
      const installed = spawnSync('du', ['-sk', extensionDevelopmentPath], { encoding: 'utf8' }).stdout.split('\t')[0];
      log(`installed at ${extensionDevelopmentPath} (${installed} KB); phases run on the installed copy`);
    }
    server = await startCodeServer(dir, runDir);
    browser = await launchChromium();
    if (phases.suite) results.push(await runSuite(browser, server, runDir, extensionDevelopmentPath));
    if (phases.ui) {
      results.push(
        await runUiChecks(browser, server, runDir, {
          // With --vsix, the UI checks use the installed extension exactly as a user would.
          extensionDevelopmentPath: args.has('--vsix') ? undefined : extensionDevelopmentPath,
          resultsDir: RESULTS,
          updateScreenshot: args.has('--update-screenshot'),
        }),
      );
    }
  } catch (e) {
    failedBeforeTests = e;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }
  const failed = results.reduce((n, r) => n + r.failed, 0) + (failedBeforeTests ? 1 : 0);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  console.log('----- extension host log -----');
  printExtensionHostLogs(runDir, failed > 0);
  if (keep) log(`state kept in ${runDir}`);
  for (const r of results) log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
  if (failedBeforeTests) console.error(`e2e: ${failedBeforeTests.stack ?? failedBeforeTests}`);
  log(`wall time ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(REPO, RESULTS)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`e2e: ${e.stack ?? e}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
