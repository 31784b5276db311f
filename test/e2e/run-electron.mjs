#!/usr/bin/env node
// The same extension-host suite under desktop VS Code with @vscode/test-electron, for machines that
// have VS Code or can download it (not CI here: no route to the VS Code download servers; CI runs
// the suite offline with test/e2e/run-code-server.mjs instead).
//
//   npm run build && node test/e2e/run-electron.mjs
//   VSCODE_EXECUTABLE=/usr/share/code/code node test/e2e/run-electron.mjs   use an installed VS Code
//   VSCODE_VERSION=1.100.3 node test/e2e/run-electron.mjs                    download this version
//                                                                            (default: stable)
// The fixture workspace is copied to a temporary folder first, so the repository is never changed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const extensionDevelopmentPath = REPO;
const extensionTestsPath = path.join(REPO, 'out', 'test', 'e2e', 'suite', 'index.js');

async function main() {
  for (const f of [path.join(REPO, 'dist', 'extension.js'), extensionTestsPath]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(REPO, f)} is missing: run \`npm run build\` first`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-e2e-desktop-'));
  const workspaceDir = path.join(tmp, 'workspace');
  fs.cpSync(path.join(REPO, 'test', 'e2e', 'workspace'), workspaceDir, { recursive: true });
  const workspace = path.join(workspaceDir, 'hipaa-e2e.code-workspace');
  try {
    const code = await runTests({
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(tmp, 'user-data'),
      ],
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION || 'stable' }),
    });
    return code;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    console.log(code === 0 ? 'e2e (desktop VS Code): passed' : `e2e (desktop VS Code): failed with exit code ${code}`);
    process.exit(code);
  },
  (e) => {
    // runTests rejects with TestRunFailedError when VS Code exits non-zero (a failed test included).
    console.error(`e2e (desktop VS Code): ${e?.message ?? e}`);
    process.exit(typeof e?.code === 'number' && e.code ? e.code : 1);
  },
);
