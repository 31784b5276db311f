/**
 * A second real LSP client: Neovim (Debian's 0.7.2), headless, attached to
 * `bin/hipaa-language-server.js --stdio` by test/e2e/neovim/init.lua. It must see the same
 * diagnostics as VS Code on the same fixture, a hover citing the whitepaper, and a quick fix that
 * works when Neovim applies it. Fails (never skips) when `nvim` is missing.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const INIT = path.join(ROOT, 'test', 'e2e', 'neovim', 'init.lua');
/** HIPAA_E2E_SERVER: another build of the server (e.g. one broken on purpose) instead of the repository's. */
const SERVER = process.env.HIPAA_E2E_SERVER ? path.resolve(process.env.HIPAA_E2E_SERVER) : path.join(ROOT, 'bin', 'hipaa-language-server.js');
const FIXTURE = path.join(ROOT, 'test', 'e2e', 'workspace', 'alpha');
const TIMEOUT_MS = Number(process.env.HIPAA_E2E_TIMEOUT_MS || 60_000);

interface NvimDiagnostic {
  code: string;
  source: string;
  severity: number;
  message: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
}

interface NvimResult {
  ok: boolean;
  error?: string;
  nvim: string;
  diagnostics_before: NvimDiagnostic[];
  diagnostics_after: NvimDiagnostic[];
  hover: string;
  actions: string[];
  applied: string;
  line_before: string;
  line_after: string;
  statuses: { uri: string; state: string; message: string; findings: number }[];
  log: string[];
}

/** `nvim` on PATH, at least 0.7 (vim.lsp.start_client, nvim_create_autocmd); a clear failure otherwise. */
function requireNeovim(): string {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      'nvim not found: the Neovim e2e test needs the Debian package "neovim" ' +
        '(apt-get install -y --no-install-recommends neovim; .ci/run installs it on CI)' +
        (r.error ? ` [${r.error.message}]` : ''),
    );
  }
  const version = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(r.stdout);
  assert.ok(version, `cannot read the Neovim version from: ${r.stdout.split('\n')[0]}`);
  const [major, minor] = [Number(version[1]), Number(version[2])];
  assert.ok(major > 0 || minor >= 7, `Neovim ${version[0]} is too old: the test needs 0.7 or later`);
  return version[0];
}

/** Runs `nvim --headless --clean -u init.lua <file>` in a copy of the fixture folder and reads what it saw. */
function runNeovim(dir: string, file: string, rule: string): Promise<NvimResult> {
  const resultFile = path.join(dir, `${file}.result.json`);
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-n', '-u', INIT, file], {
      cwd: dir,
      env: {
        ...process.env,
        HIPAA_NVIM_RESULT: resultFile,
        HIPAA_NVIM_SERVER: SERVER,
        HIPAA_NVIM_NODE: process.execPath,
        HIPAA_NVIM_RULE: rule,
        HIPAA_NVIM_TIMEOUT_MS: String(TIMEOUT_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    // init.lua has its own watchdog; this one only catches a Neovim that never ran it.
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS * 5);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!fs.existsSync(resultFile)) {
        reject(new Error(`nvim exited (${code ?? signal}) without writing ${resultFile}\n${output}`));
        return;
      }
      const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as NvimResult;
      if (!result.ok || code !== 0) {
        reject(new Error(`Neovim run on ${file} failed (exit ${code ?? signal}): ${result.error}\n${JSON.stringify(result, null, 2)}\n${output}`));
        return;
      }
      resolve(result);
    });
  });
}

const ERROR = 1; // vim.diagnostic.severity.ERROR (same numbers as LSP)

function ranges(list: NvimDiagnostic[]): [string, number, number, number, number, number][] {
  return list.map((d) => [d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.severity]);
}

describe('Neovim (a second real LSP client) with hipaa-language-server --stdio', () => {
  let dir: string | undefined;

  /** Checked in each test (not in a hook) so a missing `nvim` shows as failed tests with the package name. */
  function setUp(): string {
    requireNeovim();
    const built = process.env.HIPAA_E2E_SERVER ? SERVER : path.join(ROOT, 'dist', 'server.js');
    assert.ok(fs.existsSync(built), `${built} is missing: run npm run build`);
    if (!dir) {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-nvim-'));
      // The alpha fixture folder, with its .hipaa-lint.yaml (rds.not-public off), as the root.
      fs.cpSync(FIXTURE, dir, { recursive: true });
    }
    return dir;
  }

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('YAML: the same diagnostics as VS Code, a hover citing the whitepaper, and a quick fix that works', async () => {
    const r = await runNeovim(setUp(), 'database.yaml', 'rds.storage-encrypted');
    assert.deepEqual(ranges(r.diagnostics_before), [
      ['rds.backup-enabled', 8, 29, 8, 30, ERROR],
      ['rds.storage-encrypted', 7, 24, 7, 29, ERROR],
    ]);
    assert.ok(r.diagnostics_before.every((d) => d.source === 'hipaa'));
    assert.match(r.hover, /`rds\.storage-encrypted`/);
    assert.match(r.hover, /\*Architecting for HIPAA Security and Compliance on Amazon Web Services \(January 2019\)\*, section "Amazon RDS for MySQL", page 8\./);
    assert.match(r.hover, /45 CFR 164\.312\(a\)\(2\)\(iv\)/);
    assert.deepEqual(r.actions.slice(0, 2), ['Set StorageEncrypted: true (replaces the resource on deploy)', 'Suppress rds.storage-encrypted for Database with a reason']);
    assert.equal(r.applied, 'Set StorageEncrypted: true (replaces the resource on deploy)');
    assert.equal(r.line_before, '      StorageEncrypted: false');
    assert.equal(r.line_after, '      StorageEncrypted: true');
    assert.deepEqual(ranges(r.diagnostics_after), [['rds.backup-enabled', 8, 29, 8, 30, ERROR]]);
    // The custom hipaa/status notification reaches any client that listens for it.
    assert.equal(r.statuses[0]?.message, 'HIPAA: 2 findings');
  });

  it('JSON: the same diagnostics as VS Code and a quick fix that works', async () => {
    const r = await runNeovim(setUp(), 'database.json', 'rds.storage-encrypted');
    assert.deepEqual(ranges(r.diagnostics_before), [
      ['rds.backup-enabled', 9, 33, 9, 34, ERROR],
      ['rds.storage-encrypted', 8, 28, 8, 33, ERROR],
    ]);
    assert.match(r.hover, /section "Amazon RDS for MySQL", page 8/);
    assert.equal(r.line_after, '        "StorageEncrypted": true,');
    assert.deepEqual(ranges(r.diagnostics_after), [['rds.backup-enabled', 9, 33, 9, 34, ERROR]]);
  });
});
