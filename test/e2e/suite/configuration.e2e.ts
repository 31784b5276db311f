/** Turning rules off from the editor settings and from .hipaa-lint.yaml, per workspace folder. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { test } from './framework';
import { expectCodes, describeDiagnostics, find, fixture, folder, open, restoringFile, waitFor, waitForCodes } from './helpers';

const ALPHA_CODES = ['rds.backup-enabled', 'rds.storage-encrypted'];
const BETA_CODES = ['rds.not-public', 'rds.storage-encrypted'];

test('turning a rule off in the settings (hipaa.rules, folder alpha) removes its diagnostics there only', async () => {
  const alphaFolder = folder('alpha');
  const vscodeDir = path.join(alphaFolder.uri.fsPath, '.vscode');
  const hadVscodeDir = fs.existsSync(vscodeDir);
  const alpha = await open(fixture('alpha', 'database.yaml'));
  const beta = await open(fixture('beta', 'database.yaml'));
  await expectCodes(alpha.uri, ALPHA_CODES);
  await expectCodes(beta.uri, BETA_CODES);
  const config = () => vscode.workspace.getConfiguration('hipaa', alphaFolder.uri);
  try {
    await restoringFile(path.join(vscodeDir, 'settings.json'), async () => {
      try {
        await config().update('rules', { 'rds.storage-encrypted': 'off' }, vscode.ConfigurationTarget.WorkspaceFolder);
        assert.deepEqual(config().get('rules'), { 'rds.storage-encrypted': 'off' });
        await waitForCodes(alpha.uri, ['rds.backup-enabled'], 'rds.storage-encrypted to go away in alpha after hipaa.rules turned it off');
        await waitForCodes(beta.uri, BETA_CODES, 'beta to keep its findings (the setting is alpha\'s)');

        // A severity from the settings overrides .hipaa-lint.yaml too.
        await config().update('rules', { 'rds.storage-encrypted': 'info' }, vscode.ConfigurationTarget.WorkspaceFolder);
        await waitFor(
          'rds.storage-encrypted to come back in alpha as info',
          () => find(alpha.uri, 'rds.storage-encrypted')?.severity === vscode.DiagnosticSeverity.Information,
          () => describeDiagnostics(alpha.uri),
        );
      } finally {
        await config().update('rules', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      }
    });
  } finally {
    if (!hadVscodeDir) fs.rmSync(vscodeDir, { recursive: true, force: true });
  }
  await waitForCodes(alpha.uri, ALPHA_CODES, 'alpha findings to come back after the setting was removed');
  await waitFor(
    'rds.storage-encrypted back to error in alpha',
    () => find(alpha.uri, 'rds.storage-encrypted')?.severity === vscode.DiagnosticSeverity.Error,
    () => describeDiagnostics(alpha.uri),
  );
});

test('turning a rule off in .hipaa-lint.yaml removes its diagnostics (folder alpha only), and restoring it brings them back', async () => {
  const alpha = await open(fixture('alpha', 'database.yaml'));
  const alphaJson = await open(fixture('alpha', 'database.json'));
  const beta = await open(fixture('beta', 'database.yaml'));
  await expectCodes(alpha.uri, ALPHA_CODES);
  await expectCodes(alphaJson.uri, ALPHA_CODES);
  await expectCodes(beta.uri, BETA_CODES);
  const configFile = path.join(folder('alpha').uri.fsPath, '.hipaa-lint.yaml');
  await restoringFile(configFile, async () => {
    const original = fs.readFileSync(configFile, 'utf8');
    assert.match(original, /^rules:$/m);
    fs.writeFileSync(configFile, original.replace(/^rules:$/m, 'rules:\n  rds.storage-encrypted: off'));
    await waitForCodes(alpha.uri, ['rds.backup-enabled'], 'rds.storage-encrypted to go away in alpha/database.yaml after .hipaa-lint.yaml turned it off');
    await waitForCodes(alphaJson.uri, ['rds.backup-enabled'], 'rds.storage-encrypted to go away in alpha/database.json too');
    await waitForCodes(beta.uri, BETA_CODES, 'beta to keep its findings (its own .hipaa-lint.yaml)');
  });
  await waitForCodes(alpha.uri, ALPHA_CODES, 'the finding to come back after .hipaa-lint.yaml was restored');
  await waitForCodes(alphaJson.uri, ALPHA_CODES);
});
