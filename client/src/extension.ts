/**
 * The VS Code client: starts the language server, shows a status item and an output channel, and
 * offers "HIPAA: Scan Workspace" and "HIPAA: Show Rule Documentation". Everything else is the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusItem, type StatusParams } from './status-item';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient; status: StatusItem }> {
  const output = vscode.window.createOutputChannel('HIPAA', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'file', pattern: '**/*.template' },
      { scheme: 'file', pattern: '**/*.cfn' },
      // VS Code gives compose files their own language: they are still YAML files someone may open.
      { scheme: 'file', language: 'dockercompose' },
      { scheme: 'file', pattern: '**/*.tf' },
      // CDK apps: the server quietly skips TypeScript that does not import aws-cdk-lib.
      { scheme: 'file', language: 'typescript' },
      { scheme: 'file', pattern: '**/*.tfvars' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { fileEvents: [vscode.workspace.createFileSystemWatcher('**/.hipaa-lint.yaml'), vscode.workspace.createFileSystemWatcher('**/cdk.json')] },
    outputChannel: output,
    initializationOptions: { selectReasonCommand: true },
  };
  client = new LanguageClient('hipaa', 'HIPAA', serverOptions, clientOptions);
  const status = new StatusItem();
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => status.analysing(e.document.uri.toString())),
    vscode.commands.registerCommand('hipaa.scanWorkspace', () => scanWorkspace(output)),
    vscode.commands.registerCommand('hipaa.showRuleDocumentation', (ruleId?: string) => showRuleDocumentation(context, ruleId)),
    vscode.commands.registerCommand('hipaa.selectReasonPlaceholder', selectReasonPlaceholder),
  );
  // Registered before start so that no early status is lost.
  context.subscriptions.push(client.onNotification('hipaa/status', (p: StatusParams) => status.update(p)));
  await client.start();
  return { client, status };
}

/** After "suppress with a reason" is applied, select the `<reason>` placeholder so the user types over it. */
function selectReasonPlaceholder(uri: string, placeholder: string): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (!editor) return;
  const offset = editor.document.getText().indexOf(placeholder);
  if (offset < 0) return;
  const start = editor.document.positionAt(offset);
  editor.selection = new vscode.Selection(start, start.translate(0, placeholder.length));
  editor.revealRange(editor.selection);
}

async function scanWorkspace(output: vscode.OutputChannel): Promise<void> {
  if (!client) return;
  const result = await client.sendRequest<{ files: number; analysed: number; findings: number; errors: string[] }>('hipaa/scanWorkspace', {});
  for (const e of result.errors) output.appendLine(`scan: ${e}`);
  void vscode.window.showInformationMessage(
    `HIPAA scan: ${result.findings} findings in ${result.analysed} templates (${result.files} files looked at).`,
  );
}

async function showRuleDocumentation(context: vscode.ExtensionContext, ruleId?: string): Promise<void> {
  const docsDir = context.asAbsolutePath(path.join('docs', 'rules'));
  let id = ruleId;
  if (!id) {
    const ids = fs.readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3));
    id = await vscode.window.showQuickPick(ids, { placeHolder: 'HIPAA rule' });
  }
  if (!id) return;
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(path.join(docsDir, `${id}.md`)));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
