/**
 * The language server: wires LSP requests to the engine. Every handler only adapts engine
 * results; none computes compliance itself. Never logs file contents (they may hold PHI).
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { AnalysisResult } from '../core/engine';
import { loadRuleSet } from '../core/rules/loader';
import { AnalysisCache } from './analysis-cache';
import { codeActions, FIX_ALL_KIND, resolveFixAll } from './code-actions';
import { toDiagnostics } from './diagnostics';
import { hoverAt } from './hover';
import { docsDirFor } from './rule-docs';
import { ConfigCache, type EditorSettings } from './settings';
import { statusOf, STATUS_NOTIFICATION } from './status';
import { initTerraform } from '../core/formats/terraform/runtime';
import { moduleSiblings, openModuleSiblings } from './module-files';
import { registerWorkspaceScan } from './workspace-scan';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const rules = loadRuleSet();
  const docsDir = docsDirFor(rules.dir);
  let folders: string[] = [];
  let canPullConfig = false;
  let canSelectReason = false;

  const configs = new ConfigCache(
    () => folders,
    async (file) => {
      if (!canPullConfig) return undefined;
      const [settings] = await connection.workspace.getConfiguration([{ scopeUri: URI.file(file).toString(), section: 'hipaa' }]);
      return (settings ?? undefined) as Partial<EditorSettings> | undefined;
    },
  );

  const publish = (doc: TextDocument, result: AnalysisResult) => {
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toDiagnostics(result.findings.filter((f) => f.file === result.file), docsDir) });
    // A Terraform module's findings may point into its other files: publish those too (empty lists clear).
    for (const source of result.sources) {
      if (source.file === result.file || !source.file.endsWith('.tf')) continue;
      const uri = URI.file(source.file).toString();
      const open = documents.get(uri);
      void connection.sendDiagnostics({ uri, version: open?.version, diagnostics: toDiagnostics(result.findings.filter((f) => f.file === source.file), docsDir) });
    }
    void connection.sendNotification(STATUS_NOTIFICATION, statusOf(doc.uri, result));
    for (const e of result.ruleErrors) connection.console.error(`rule failed (others still ran): ${e}`);
  };
  const ready = initTerraform().catch((e: Error) => connection.console.error(`Terraform support unavailable: ${e.message}`));
  const cache = new AnalysisCache(configs, { ready, siblingsOf: (file) => moduleSiblings(file, documents), onResult: publish });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (!folders.length && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    canPullConfig = !!params.capabilities.workspace?.configuration;
    canSelectReason = (params.initializationOptions as { selectReasonCommand?: boolean } | undefined)?.selectReasonCommand === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'hipaa-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'hipaa' });
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => URI.parse(f.uri).fsPath));
      folders = folders.filter((f) => !removed.has(f)).concat(e.added.map((f) => URI.parse(f.uri).fsPath));
      reanalyseAll();
    });
    connection.console.info(`hipaa-language-server ready: ${rules.rules.length} rules from ${rules.dir}`);
  });

  const debounceFor = async (doc: TextDocument) => (await configs.forFile(URI.parse(doc.uri).fsPath)).settings.debounceMs;
  const reanalyseAll = () => {
    configs.clear();
    cache.invalidateAll();
    for (const doc of documents.all()) cache.schedule(doc, 0);
  };

  documents.onDidOpen((e) => cache.schedule(e.document, 0));
  documents.onDidChangeContent((e) => {
    void debounceFor(e.document).then((ms) => {
      cache.schedule(e.document, ms);
      // Open files of the same Terraform module depend on this one: re-check them too.
      for (const other of openModuleSiblings(e.document.uri, documents)) {
        cache.forget(other.uri);
        cache.schedule(other, ms);
      }
    });
  });
  documents.onDidClose((e) => {
    cache.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => reanalyseAll());
  connection.onDidChangeWatchedFiles((e) => {
    // The config file, or a cdk.json whose feature flags change CDK construct defaults.
    if (e.changes.some((c) => ['.hipaa-lint.yaml', 'cdk.json'].includes(path.basename(URI.parse(c.uri).fsPath)))) reanalyseAll();
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? hoverAt(await cache.get(doc), params.position) : undefined;
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? codeActions(await cache.get(doc), params, canSelectReason) : [];
  });

  connection.onCodeActionResolve(async (action: CodeAction) => {
    const uri = (action.data as { fixAll?: string } | undefined)?.fixAll;
    const doc = uri ? documents.get(uri) : undefined;
    return doc && uri ? resolveFixAll(await cache.get(doc), action, uri) : action;
  });

  registerWorkspaceScan(connection, () => folders, configs, docsDir);

  documents.listen(connection);
  connection.listen();
}
