/**
 * A two-file Terraform module through the built server over stdio: a bucket in main.tf whose
 * encryption lives in storage.tf; editing storage.tf re-checks the open main.tf; fixes in HCL.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../helpers/lsp-client';

const MAIN = `resource "aws_s3_bucket" "records" {
  bucket = "claims-records"
}

resource "aws_db_instance" "db" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = false
}
`;

const STORAGE = `resource "aws_s3_bucket_server_side_encryption_configuration" "records" {
  bucket = aws_s3_bucket.records.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`;

describe('language server on a Terraform module', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-tf-'));
    fs.writeFileSync(path.join(dir, 'main.tf'), MAIN);
    fs.writeFileSync(path.join(dir, 'storage.tf'), STORAGE);
    client = new LspClient();
    await client.initialize([dir]);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const uriOf = (name: string) => `file://${path.join(dir, name)}`;
  const codes = (uri: string, version?: number) => client.diagnosticsFor(uri, version)?.map((d) => String(d.code));

  it('joins the split encryption configuration from the other file, and re-checks when it changes', async () => {
    const main = uriOf('main.tf');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: main, languageId: 'terraform', version: 1, text: MAIN } });
    const first = await client.until('main.tf diagnostics', () => codes(main, 1));
    assert.ok(first.includes('rds.storage-encrypted'), first.join());
    assert.ok(first.includes('s3.versioning'), first.join());
    assert.ok(!first.includes('s3.encryption-at-rest'), 'the encryption lives in storage.tf');

    // The open buffer of storage.tf wins over the file on disk.
    const storage = uriOf('storage.tf');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: storage, languageId: 'terraform', version: 1, text: STORAGE } });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: storage, version: 2 },
      contentChanges: [{ text: '# encryption moved elsewhere\n' }],
    });
    await client.until('main.tf re-checked', () => (codes(main) ?? []).includes('s3.encryption-at-rest') || undefined);
  });

  it('hovers in Terraform terms and fixes in HCL', async () => {
    const main = uriOf('main.tf');
    const diags = client.diagnosticsFor(main)!.filter((d) => d.code === 'rds.storage-encrypted');
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0].range, { start: { line: 7, character: 22 }, end: { line: 7, character: 27 } });
    assert.match(String(diags[0].message), /^storage_encrypted is false/);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: main }, position: { line: 7, character: 24 } })) as Hover;
    assert.match((hover.contents as { kind: string; value: string }).value, /page \d+/);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: main }, range: diags[0].range, context: { diagnostics: diags, only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred)!;
    const doc = TextDocument.create(main, 'terraform', 1, MAIN);
    const fixed = TextDocument.applyEdits(doc, fix.edit!.changes![main]);
    assert.match(fixed, /storage_encrypted = true/);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: main, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await client.until('diagnostics v2', () => codes(main, 2));
    assert.ok(!after.includes('rds.storage-encrypted'), after.join());
  });
});
