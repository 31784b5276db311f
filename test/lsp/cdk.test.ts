/**
 * A CDK construct file through the built server over stdio: findings as typed (no synth), the fix
 * edits the props object, a TypeScript file without aws-cdk-lib is skipped quietly.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../helpers/lsp-client';

const STACK = `import { Stack } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';

export class DataStack extends Stack {
  constructor(scope: Construct, id: string, vpc: ec2.IVpc) {
    super(scope, id);
    new rds.DatabaseInstance(this, 'Claims', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
  }
}
`;

describe('language server on a CDK file', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-cdk-lsp-'));
    client = new LspClient();
    await client.initialize([dir]);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a missing prop on the construct id, hovers, and fixes the props object', async () => {
    const uri = `file://${path.join(dir, 'data-stack.ts')}`;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: STACK } });
    const diags = await client.until('diagnostics', () => {
      const d = client.diagnosticsFor(uri, 1)?.filter((x) => x.code === 'rds.storage-encrypted');
      return d?.length ? d : undefined;
    });
    assert.deepEqual(diags[0].range, { start: { line: 8, character: 35 }, end: { line: 8, character: 43 } });
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 38 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /page \d+/);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags, only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred)!;
    assert.match(fix.title, /replaces the resource/);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 1, STACK), fix.edit!.changes![uri]);
    assert.match(fixed, /storageEncrypted: true/);
    assert.ok(actions.some((a) => /Suppress/.test(a.title)));
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await client.until('diagnostics v2', () => client.diagnosticsFor(uri, 2));
    assert.ok(!after.some((d) => d.code === 'rds.storage-encrypted'), JSON.stringify(after.map((d) => d.code)));
  });

  it('skips TypeScript that does not use aws-cdk-lib, quietly', async () => {
    const uri = `file://${path.join(dir, 'util.ts')}`;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: 'export const x = 1;\n' } });
    const status = await client.until('status', () => client.statusFor(uri));
    assert.equal(status.state, 'skipped');
    assert.equal((status as { quiet?: boolean }).quiet, true);
    assert.deepEqual(client.diagnosticsFor(uri) ?? [], []);
  });
});
