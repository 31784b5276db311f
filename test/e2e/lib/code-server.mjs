// Shared by the e2e harness and the UI checks: installs code-server 4.100.3 (= VS Code 1.100.3)
// into a cache folder outside the repository, starts it on loopback with throw-away state in its
// own process group, always stops it, and opens workbenches in headless Chromium.
// Recipe: ../../../../shared/notes/real-vscode-offline.md (tested on Debian 12, Node 20, no internet).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CHROMIUM = process.env.HIPAA_E2E_CHROMIUM || '/usr/bin/chromium';
/** Every wait in the e2e layer is a condition with this timeout, never a fixed sleep. */
export const WAIT_MS = Number(process.env.HIPAA_E2E_TIMEOUT_MS || 60_000);
const MARKER = '.hipaa-lint-install-complete';
const CI_PACKAGES = 'chromium ripgrep neovim build-essential python3 libkrb5-dev';

export function log(msg) {
  process.stderr.write(`[e2e] ${msg}\n`);
}

export function cacheDir() {
  if (process.env.HIPAA_E2E_CODE_SERVER_DIR) return path.resolve(process.env.HIPAA_E2E_CODE_SERVER_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'hipaa-lint', `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerEntry(dir = cacheDir()) {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function onPath(cmd) {
  return (process.env.PATH || '').split(path.delimiter).some((d) => {
    try {
      fs.accessSync(path.join(d, cmd), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What a run needs (`install`: also what building code-server's native modules needs). */
function missingPrerequisites(install) {
  const checks = [
    { pkg: 'chromium', ok: () => fs.existsSync(CHROMIUM), what: `${CHROMIUM} (headless browser for the workbench)` },
    { pkg: 'ripgrep', ok: () => fs.existsSync('/usr/bin/rg'), what: '/usr/bin/rg (code-server search)' },
  ];
  if (install) {
    checks.push(
      { pkg: 'build-essential', ok: () => onPath('make') && onPath('g++'), what: 'make and g++ (native modules)' },
      { pkg: 'python3', ok: () => onPath('python3'), what: 'python3 (node-gyp)' },
      { pkg: 'libkrb5-dev', ok: () => fs.existsSync('/usr/include/gssapi/gssapi.h') || onPath('krb5-config'), what: 'Kerberos headers (the kerberos module)' },
      { pkg: 'nodejs', ok: () => fs.existsSync('/usr/include/node/node.h'), what: '/usr/include/node/node.h (Node headers, used offline via npm_config_nodedir=/usr)' },
    );
  }
  return checks.filter((c) => !c.ok());
}

export function requirePrerequisites(install) {
  const missing = missingPrerequisites(install);
  if (!missing.length) return;
  const pkgs = [...new Set(missing.map((m) => m.pkg))].join(' ');
  throw new Error(
    `the real-editor e2e tests need Debian package(s) that are missing: ${pkgs}\n` +
      missing.map((m) => `  - ${m.pkg}: ${m.what}`).join('\n') +
      `\nInstall them with: apt-get install -y --no-install-recommends ${pkgs}` +
      `\n(.ci/run installs ${CI_PACKAGES} on CI machines)`,
  );
}

/** npm's own bundled node-gyp (node-pty's postinstall would use `npx node-gyp`, which npx refuses without a terminal). */
function npmNodeGyp() {
  const candidates = [];
  const root = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' });
  if (root.status === 0) candidates.push(path.join(root.stdout.trim(), 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`cannot find npm's bundled node-gyp (looked at ${candidates.join(', ')})`);
  return found;
}

/**
 * Installs code-server into the cache folder unless a complete install is there already (the marker
 * file is written only after every step succeeded; a partial install is wiped and redone).
 */
export function ensureCodeServer() {
  const dir = cacheDir();
  if (fs.existsSync(path.join(dir, MARKER)) && fs.existsSync(codeServerEntry(dir))) {
    requirePrerequisites(false);
    log(`code-server ${CODE_SERVER_VERSION}: using ${dir}`);
    return dir;
  }
  requirePrerequisites(true);
  const started = Date.now();
  log(`code-server ${CODE_SERVER_VERSION}: installing into ${dir} (once; about 1-2 minutes)`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, 'install.log');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'hipaa-lint-code-server-cache', private: true }, null, 2));
  const env = { ...process.env, npm_config_nodedir: '/usr', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const vscodeDir = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  const run = (title, cmd, args, cwd) => {
    log(`  ${title}`);
    fs.appendFileSync(logFile, `\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
    const fd = fs.openSync(logFile, 'a');
    try {
      const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] });
      if (r.status !== 0) {
        const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
        throw new Error(`code-server install step failed (${title}): ${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}\n${tail}\nfull log: ${logFile}`);
      }
    } finally {
      fs.closeSync(fd);
    }
  };
  const link = (target, file) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.rmSync(file, { force: true });
    fs.symlinkSync(target, file);
  };
  run('npm install code-server (no scripts)', 'npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts'], dir);
  // Not in the notes' recipe but needed: code-server's own password hashing module, loaded at start-up
  // (its install script tries a prebuilt download, which fails offline, then builds from source).
  run('build argon2 (code-server)', 'npm', ['rebuild', '--foreground-scripts', 'argon2'], dir);
  run('npm install VS Code server dependencies', 'npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  link('/usr/bin/rg', path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
  run('build native modules (spdlog, native-watchdog, kerberos)', 'npm', ['rebuild', '--foreground-scripts', '@vscode/spdlog', 'native-watchdog', 'kerberos'], vscodeDir);
  run('build node-pty', process.execPath, [npmNodeGyp(), 'rebuild'], path.join(vscodeDir, 'node_modules', 'node-pty'));
  link('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  run('npm install built-in extensions dependencies', 'npm', ['install', '--omit=dev', '--ignore-scripts'], path.join(vscodeDir, 'extensions'));
  run('built-in extensions postinstall', process.execPath, ['./postinstall.mjs'], path.join(vscodeDir, 'extensions'));
  if (!fs.existsSync(codeServerEntry(dir))) throw new Error(`code-server install incomplete: ${codeServerEntry(dir)} is missing`);
  fs.writeFileSync(path.join(dir, MARKER), `code-server ${CODE_SERVER_VERSION} installed ${new Date().toISOString()}\n`);
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}

/** Waits until `check()` returns a truthy value (polled); an error with `fatal` set ends the wait at once. Never a fixed sleep. */
export async function waitFor(what, check, { timeoutMs = WAIT_MS, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      if (e?.fatal) throw e;
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** A throw-away folder for one run: code-server state, workspace copies, the packaged .vsix. */
export function makeRunDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-e2e-'));
}

/** Copies the fixture workspace so no test can change the repository (restoring is still each test's job). */
export function copyWorkspace(runDir, name) {
  const dest = path.join(runDir, name);
  fs.cpSync(path.join(REPO, 'test', 'e2e', 'workspace'), dest, { recursive: true });
  return dest;
}

function codeServerEnv(runDir) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(runDir, 'config'),
    XDG_DATA_HOME: path.join(runDir, 'data'),
    EXTENSIONS_GALLERY: '{}',
  };
}

function commonArgs(runDir) {
  return [
    '--user-data-dir', path.join(runDir, 'ud'),
    '--extensions-dir', path.join(runDir, 'exts'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
}

/** `code-server --install-extension <vsix>` into this run's extensions folder. */
export function installExtension(dir, runDir, vsix) {
  const r = spawnSync(process.execPath, [codeServerEntry(dir), ...commonArgs(runDir), '--install-extension', vsix], {
    env: codeServerEnv(runDir),
    encoding: 'utf8',
    timeout: WAIT_MS,
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${r.status ?? r.signal ?? r.error}):\n${out}`);
  return out;
}

/**
 * Starts code-server on 127.0.0.1:<free port> in its own process group. The returned `stop()` kills
 * the whole group (its file-watcher children outlive a plain SIGTERM to the leader) and is also run
 * on exit and on SIGINT/SIGTERM/SIGHUP.
 */
export async function startCodeServer(dir, runDir) {
  const userSettings = path.join(runDir, 'ud', 'User', 'settings.json');
  fs.mkdirSync(path.dirname(userSettings), { recursive: true });
  fs.writeFileSync(
    userSettings,
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        'editor.hover.delay': 100,
        'chat.disableAIFeatures': true,
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const logFile = path.join(runDir, 'code-server.log');
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [codeServerEntry(dir), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', ...commonArgs(runDir)], {
    detached: true, // setsid: its own process group, killed as a whole
    env: codeServerEnv(runDir),
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const pgid = child.pid;
  let exited = false;
  child.on('exit', () => (exited = true));

  const groupAlive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const killGroup = (signal) => {
    try {
      process.kill(-pgid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup('SIGKILL');
  const onSignal = (signal) => {
    log(`${signal}: stopping code-server (process group ${pgid})`);
    killGroup('SIGKILL');
    process.exit(128 + (os.constants.signals[signal] ?? 1));
  };
  process.on('exit', onExit);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, onSignal);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    try {
      await waitFor('code-server process group to exit after SIGTERM', () => !groupAlive(), { timeoutMs: 10_000 });
    } catch {
      killGroup('SIGKILL');
      await waitFor('code-server process group to exit after SIGKILL', () => !groupAlive(), { timeoutMs: 10_000 }).catch((e) => log(e.message));
    }
    process.off('exit', onExit);
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, onSignal);
    log(`code-server stopped (process group ${pgid})`);
  };

  try {
    await waitFor(`code-server to answer http://127.0.0.1:${port}/healthz`, async () => {
      if (exited) throw Object.assign(new Error('exited'), { fatal: true });
      return healthy(port);
    });
  } catch (e) {
    await stop();
    const out = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    throw new Error(`code-server did not start: ${exited ? 'it exited' : e.message}\n${out}`);
  }
  log(`code-server ${CODE_SERVER_VERSION} on http://127.0.0.1:${port} (process group ${pgid}, state in ${runDir})`);
  return { port, pgid, logFile, stop, base: `http://127.0.0.1:${port}` };
}

/** The workbench URL: a folder or a .code-workspace, plus the extension-development payload. */
export function workbenchUrl(server, { folder, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const params = new URLSearchParams();
  if (workspace) params.set('workspace', workspace);
  if (folder) params.set('folder', folder);
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${server.base}/?${params.toString()}`;
}

export async function launchChromium() {
  requirePrerequisites(false);
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    throw new Error(`playwright-core is not installed (it is a devDependency: run npm ci): ${e.message}`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: WAIT_MS,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The extension host's own log files of this run (remote extension host and the HIPAA output channel). */
export function extensionHostLogs(runDir) {
  const out = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/remoteexthost\.log$|exthost\.log$|HIPAA\.log$|hipaa.*\.log$/i.test(e.name)) out.push(full);
    }
  };
  walk(runDir);
  return out.sort();
}
