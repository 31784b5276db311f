/**
 * The built language server over stdio, driven like an editor: open → diagnostics → change →
 * hover → code action → apply the edit → diagnostics again; plus skipped files, broken text,
 * suppressions, fix-all and configuration changes.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: false
`;

/** `until` waits for a defined value: an empty list means "not yet". */
function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list?.length ? list : undefined;
}

describe('language server over stdio', () => {
  let client: LspClient;
  let dir: string;
  let version = 1;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-lsp-'));
    client = new LspClient();
    const init = (await client.initialize([dir])) as { capabilities: Record<string, unknown> };
    assert.ok(init.capabilities.hoverProvider);
    assert.ok(init.capabilities.codeActionProvider);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function open(name: string, text: string, languageId = 'yaml'): { uri: string; doc: TextDocument } {
    const uri = `file://${path.join(dir, name)}`;
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return { uri, doc: TextDocument.create(uri, languageId, 1, text) };
  }

  async function change(doc: TextDocument, edits: { range: TextDocument extends never ? never : import('vscode-languageserver-protocol').Range; newText: string }[]): Promise<TextDocument> {
    version = doc.version + 1;
    const text = TextDocument.applyEdits(doc, edits);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: doc.uri, version },
      contentChanges: [{ text }],
    });
    return TextDocument.create(doc.uri, doc.languageId, version, text);
  }

  it('publishes, hovers, fixes and re-checks a CloudFormation YAML template', async () => {
    const { uri, doc } = open('db.yaml', TEMPLATE);
    const first = await client.until('diagnostics', () => nonEmpty(client.diagnosticsFor(uri, 1)?.filter((d) => d.code === 'rds.storage-encrypted')));
    assert.equal(first.length, 1);
    const d = first[0];
    assert.equal(d.source, 'hipaa');
    assert.deepEqual(d.range, { start: { line: 6, character: 24 }, end: { line: 6, character: 29 } });
    assert.match(String(d.codeDescription?.href), /rds\.storage-encrypted/);

    // A change that does not fix it keeps the finding, on the new version.
    const doc2 = await change(doc, [{ range: { start: { line: 5, character: 14 }, end: { line: 5, character: 22 } }, newText: 'mysql' }]);
    const second = await client.until('diagnostics v2', () => client.diagnosticsFor(uri, doc2.version)?.filter((x) => x.code === 'rds.storage-encrypted'));
    assert.equal(second.length, 1);
    assert.equal(second[0].range.start.character, 24);

    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 26 } })) as Hover;
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /Architecting for HIPAA Security and Compliance on Amazon Web Services/);
    assert.match(text, /page \d+/);
    assert.match(text, /164\.312/);

    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: second[0].range,
      context: { diagnostics: [second[0]], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `no preferred fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.match(fix.title, /replaces the resource/);
    assert.ok(actions.some((a) => /Suppress/.test(a.title)));
    const doc3 = await change(doc2, fix.edit!.changes![uri]);
    assert.match(doc3.getText(), /StorageEncrypted: true/);
    const third = await client.until('diagnostics v3', () => client.diagnosticsFor(uri, doc3.version));
    assert.deepEqual(third.filter((x) => x.code === 'rds.storage-encrypted'), []);
  });

  it('skips a YAML file that is not a template and says why', async () => {
    const { uri } = open('docker-compose.yaml', 'services:\n  web:\n    image: nginx\n');
    const status = await client.until('status', () => client.statusFor(uri));
    assert.equal(status.state, 'skipped');
    assert.match(status.message, /not a CloudFormation template/);
    assert.deepEqual(client.diagnosticsFor(uri) ?? [], []);
  });

  it('keeps findings of resources that still parse while another is broken', async () => {
    const text = `Resources:
  Broken:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: "postgres
  Fine:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      StorageEncrypted: false
`;
    const { uri } = open('broken.yaml', text);
    const diags = await client.until('diagnostics', () => client.diagnosticsFor(uri, 1));
    assert.ok(diags.some((d) => d.code === 'rds.storage-encrypted' && d.range.start.line === 9), JSON.stringify(diags));
    const status = await client.until('status', () => client.statusFor(uri));
    assert.match(status.message, /syntax error/);
  });

  it('suppresses with a reason, and reports a suppression without one', async () => {
    const { uri, doc } = open('suppress.yaml', TEMPLATE);
    const diags = await client.until('diagnostics', () => nonEmpty(client.diagnosticsFor(uri, 1)?.filter((d) => d.code === 'rds.storage-encrypted')));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags, only: ['quickfix'] },
    })) as CodeAction[];
    const suppress = actions.find((a) => /Suppress/.test(a.title))!;
    const withPlaceholder = await change(doc, suppress.edit!.changes![uri]);
    assert.match(withPlaceholder.getText(), /# hipaa:ignore rds\.storage-encrypted -- <reason>/);
    const pending = await client.until('diagnostics', () => client.diagnosticsFor(uri, withPlaceholder.version));
    assert.ok(pending.some((d) => d.code === 'suppression.missing-reason'), JSON.stringify(pending.map((d) => d.code)));
    assert.ok(pending.some((d) => d.code === 'rds.storage-encrypted'), 'a suppression without a reason suppresses nothing');
    const line = withPlaceholder.getText().split('\n').findIndex((l) => l.includes('<reason>'));
    const col = withPlaceholder.getText().split('\n')[line].indexOf('<reason>');
    const reasoned = await change(withPlaceholder, [{ range: { start: { line, character: col }, end: { line, character: col + 8 } }, newText: 'test fixture, never holds PHI' }]);
    const done = await client.until('diagnostics', () => client.diagnosticsFor(uri, reasoned.version));
    assert.deepEqual(done.filter((d) => d.code === 'rds.storage-encrypted' || String(d.code).startsWith('suppression.')), []);
  });

  it('fixes everything fixable with source.fixAll.hipaa', async () => {
    const text = `Resources:
  A:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
  B:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-postgresql, StorageEncrypted: false }
`;
    const { uri, doc } = open('fixall.yaml', text);
    await client.until('diagnostics', () => client.diagnosticsFor(uri, 1));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.hipaa'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const fixed = await change(doc, actions[0].edit!.changes![uri]);
    const after = await client.until('diagnostics', () => client.diagnosticsFor(uri, fixed.version));
    assert.deepEqual(after.filter((d) => d.code === 'rds.storage-encrypted'), [], fixed.getText());
  });

  it('applies .hipaa-lint.yaml and re-applies it when it changes', async () => {
    const configFile = path.join(dir, '.hipaa-lint.yaml');
    fs.writeFileSync(configFile, 'rules:\n  rds.storage-encrypted: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${configFile}`, type: 1 }] });
    const { uri } = open('configured.yaml', TEMPLATE);
    const diags = await client.until('diagnostics', () => client.diagnosticsFor(uri, 1));
    assert.deepEqual(diags.filter((d) => d.code === 'rds.storage-encrypted'), []);
    fs.writeFileSync(configFile, 'rules:\n  rds.storage-encrypted: warning\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${configFile}`, type: 2 }] });
    const again = await client.until('re-analysis', () => nonEmpty(client.diagnosticsFor(uri, 1)?.filter((d) => d.code === 'rds.storage-encrypted' && d.severity === 2)));
    assert.equal(again.length, 1);
    fs.rmSync(configFile);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${configFile}`, type: 3 }] });
  });

  it('hovers on a resource Type with the service guidance and what passes or fails there', async () => {
    const { uri } = open('type-hover.yaml', TEMPLATE);
    await client.until('diagnostics', () => client.diagnosticsFor(uri, 1));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 14 } })) as Hover;
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /AWS::RDS::DBInstance/);
    assert.match(text, /Amazon RDS for PostgreSQL/);
    assert.match(text, /✗ fails \| `rds\.storage-encrypted`/);
    assert.match(text, /✓ passes \| `rds\.backup-enabled`/);
  });

  it('checks CloudFormation JSON and fixes it with correct commas', async () => {
    const text = '{\n  "Resources": {\n    "Logs": {\n      "Type": "AWS::Logs::LogGroup",\n      "Properties": { "LogGroupName": "app" }\n    }\n  }\n}\n';
    const { uri, doc } = open('logs.json', text, 'json');
    const diags = await client.until('diagnostics', () => nonEmpty(client.diagnosticsFor(uri, 1)?.filter((d) => d.code === 'logs.retention')));
    assert.equal(diags[0].range.start.line, 2);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags, only: ['quickfix'] },
    })) as CodeAction[];
    const fixed = await change(doc, actions.find((a) => a.isPreferred)!.edit!.changes![uri]);
    assert.doesNotThrow(() => JSON.parse(fixed.getText()), fixed.getText());
    const after = await client.until('diagnostics', () => client.diagnosticsFor(uri, fixed.version));
    assert.deepEqual(after.filter((d) => d.code === 'logs.retention'), []);
  });

  it('re-applies hipaa.* settings when they change', async () => {
    const { uri } = open('settings.yaml', TEMPLATE);
    await client.until('diagnostics', () => nonEmpty(client.diagnosticsFor(uri, 1)?.filter((d) => d.code === 'rds.storage-encrypted')));
    client.settings = { rules: { 'rds.storage-encrypted': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until('re-analysis without the rule', () => {
      const d = client.diagnosticsFor(uri, 1);
      return d && !d.some((x) => x.code === 'rds.storage-encrypted') ? d : undefined;
    });
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until('rule back', () => nonEmpty(client.diagnosticsFor(uri, 1)?.filter((d) => d.code === 'rds.storage-encrypted')));
  });

  it('scans the workspace on request, files that are not open included', async () => {
    fs.mkdirSync(path.join(dir, 'nested'), { recursive: true });
    const onDisk = path.join(dir, 'nested', 'queue.yaml');
    fs.writeFileSync(onDisk, 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false\n');
    const result = (await client.connection.sendRequest('hipaa/scanWorkspace', {})) as { files: number; analysed: number; findings: number };
    assert.ok(result.analysed >= 1, JSON.stringify(result));
    const diags = await client.until('scan diagnostics', () => client.diagnosticsFor(`file://${onDisk}`));
    assert.ok(diags.some((d) => d.code === 'sqs.encryption-at-rest'), JSON.stringify(diags.map((d) => d.code)));
  });
});
