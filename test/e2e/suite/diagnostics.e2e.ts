/** Diagnostics in a real VS Code: codes, severities and ranges on YAML and JSON templates; skipped files; multi-root. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './framework';
import { analysed, api, codeOf, expectCodes, find, fixture, hipaaDiagnostics, open, waitForStatus } from './helpers';

const { Error: E, Warning: W, Information: I } = vscode.DiagnosticSeverity;

/** Asserts one diagnostic's severity, exact range, and the source text under that range. */
function expectDiagnostic(doc: vscode.TextDocument, code: string, severity: vscode.DiagnosticSeverity, range: [number, number, number, number], text: string): void {
  const d = find(doc.uri, code);
  assert.ok(d, `no ${code} diagnostic on ${doc.uri.fsPath}`);
  assert.equal(d.source, 'hipaa');
  assert.equal(vscode.DiagnosticSeverity[d.severity], vscode.DiagnosticSeverity[severity], `${code} severity`);
  assert.deepEqual(
    [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    range,
    `${code} range (0-based line, character) on ${doc.uri.fsPath}`,
  );
  assert.equal(doc.getText(d.range), text, `${code}: text under the squiggle`);
  // The code links to the rule's documentation page, shipped in the extension.
  const target = typeof d.code === 'object' && d.code !== null ? d.code.target : undefined;
  assert.ok(target && target.path.endsWith(`/docs/rules/${code}.md`) || target?.path.endsWith('/docs/rules/README.md'), `${code} documentation link: ${target}`);
}

test('the extension activates in the real editor and exposes its client and status item', async () => {
  const { client, status } = await api();
  assert.ok(client, 'activate() returned no client');
  assert.equal(client.state, 2 /* State.Running */, 'language client is not running');
  assert.equal(typeof status.textFor, 'function');
});

test('CloudFormation YAML: diagnostics with the expected codes, severities and ranges', async () => {
  const doc = await open(fixture('alpha', 'database.yaml'));
  assert.equal(doc.languageId, 'yaml');
  // alpha/.hipaa-lint.yaml turns rds.not-public off.
  await expectCodes(doc.uri, ['rds.backup-enabled', 'rds.storage-encrypted']);
  expectDiagnostic(doc, 'rds.storage-encrypted', E, [7, 24, 7, 29], 'false');
  expectDiagnostic(doc, 'rds.backup-enabled', E, [8, 29, 8, 30], '0');
  assert.match(find(doc.uri, 'rds.storage-encrypted')!.message, /StorageEncrypted is false/);
  await waitForStatus(doc.uri, /^HIPAA: 2 findings$/);
});

test('CloudFormation JSON: diagnostics with the expected codes, severities and ranges', async () => {
  const doc = await open(fixture('alpha', 'database.json'));
  assert.equal(doc.languageId, 'json');
  await expectCodes(doc.uri, ['rds.backup-enabled', 'rds.storage-encrypted']);
  expectDiagnostic(doc, 'rds.storage-encrypted', E, [8, 28, 8, 33], 'false');
  expectDiagnostic(doc, 'rds.backup-enabled', E, [9, 33, 9, 34], '0');
  await waitForStatus(doc.uri, /^HIPAA: 2 findings$/);
});

test('a YAML file that is not a template gets no diagnostics, and the status item says why', async () => {
  const doc = await open(fixture('alpha', 'app-settings.yaml'));
  assert.equal(doc.languageId, 'yaml');
  const text = await waitForStatus(doc.uri, /skipped/);
  assert.match(text, /^HIPAA: skipped, not a CloudFormation template \(.+\)$/);
  assert.deepEqual(hipaaDiagnostics(doc.uri).map(codeOf), []);
});

test('docker-compose.yaml (language "dockercompose" in VS Code) gets no diagnostics', async () => {
  const doc = await open(fixture('alpha', 'docker-compose.yaml'));
  // VS Code gives docker-compose*.y(a)ml files their own language id, outside the client's selector.
  assert.equal(doc.languageId, 'dockercompose');
  // Opened after it, a template is analysed: by then a diagnostic for docker-compose.yaml would be in.
  await analysed(await open(fixture('alpha', 'database.json')).then((d) => d.uri));
  assert.deepEqual(hipaaDiagnostics(doc.uri).map(codeOf), []);
});

test('multi-root workspace: each folder applies its own .hipaa-lint.yaml', async () => {
  const alpha = await open(fixture('alpha', 'database.yaml'));
  const beta = await open(fixture('beta', 'database.yaml'));
  assert.equal(alpha.getText(), beta.getText(), 'the two fixtures must be the same template');
  // alpha: rds.not-public off. beta: rds.backup-enabled off, rds.storage-encrypted lowered to a warning.
  await expectCodes(alpha.uri, ['rds.backup-enabled', 'rds.storage-encrypted']);
  await expectCodes(beta.uri, ['rds.not-public', 'rds.storage-encrypted']);
  expectDiagnostic(alpha, 'rds.storage-encrypted', E, [7, 24, 7, 29], 'false');
  expectDiagnostic(beta, 'rds.storage-encrypted', W, [7, 24, 7, 29], 'false');
  expectDiagnostic(beta, 'rds.not-public', I, [3, 2, 3, 10], 'Database');
});
