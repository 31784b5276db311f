/** Helpers for the extension-host suite: fixtures, the extension's API, and condition waits (never sleeps). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';

export const EXTENSION_ID = 'hipaa-lint.hipaa-lint';
export const WAIT_MS = Number(process.env.HIPAA_E2E_TIMEOUT_MS || 60_000);

export interface HipaaApi {
  client: { state: number };
  status: { textFor(uri: string): string | undefined };
}

export async function api(): Promise<HipaaApi> {
  const ext = vscode.extensions.getExtension<HipaaApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

export function extensionPath(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.extensionPath;
}

export function folder(name: 'alpha' | 'beta'): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
  assert.ok(f, `workspace folder "${name}" is not open (is the e2e .code-workspace loaded?); folders: ${vscode.workspace.workspaceFolders?.map((w) => w.name).join(', ')}`);
  return f;
}

export function fixture(folderName: 'alpha' | 'beta', file: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(folderName).uri, file);
}

export async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(uri);
}

export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' && d.code !== null ? d.code.value : d.code);
}

export function hipaaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'hipaa');
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const list = hipaaDiagnostics(uri);
  if (!list.length) return `${path.basename(uri.fsPath)}: no hipaa diagnostics`;
  return `${path.basename(uri.fsPath)}: ` + list.map((d) => `${codeOf(d)}@${showRange(d.range)}(${vscode.DiagnosticSeverity[d.severity]})`).join(', ');
}

export function showRange(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export function find(uri: vscode.Uri, code: string): vscode.Diagnostic | undefined {
  return hipaaDiagnostics(uri).find((d) => codeOf(d) === code);
}

/**
 * Waits until `check()` returns something truthy; re-checked whenever diagnostics change and every
 * 100 ms (for state without an event, like the status item). Fails after 60 s with `describe()`.
 */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, describe?: () => string, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${describe ? `\n  last seen: ${describe()}` : ''}`);
    await new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => done());
      const timer = setTimeout(() => done(), Math.min(100, left));
      function done() {
        sub.dispose();
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

/** Waits until the file's hipaa diagnostics are exactly the given codes (in any order) and returns them. */
export async function waitForCodes(uri: vscode.Uri, codes: string[], what?: string): Promise<vscode.Diagnostic[]> {
  const want = [...codes].sort().join(',');
  const hit = await waitFor(
    what ?? `${path.basename(uri.fsPath)} to have exactly [${want}]`,
    () => {
      const list = hipaaDiagnostics(uri);
      return list.map(codeOf).sort().join(',') === want ? { list } : undefined;
    },
    () => describeDiagnostics(uri),
  );
  return hit.list;
}

const closedUris = new Set<string>();
vscode.workspace.onDidCloseTextDocument((d) => closedUris.add(d.uri.toString()));

/**
 * A baseline: once the server has analysed the document (the status item has its result), its
 * hipaa diagnostics must be exactly `codes` — checked at once, so a broken server fails in
 * seconds rather than after a 60 s wait. (The server publishes the diagnostics before the status,
 * and the client handles both in order.) A document VS Code closed and reopened may still show
 * its old status, so for those it falls back to waiting for the codes.
 */
export async function expectCodes(uri: vscode.Uri, codes: string[]): Promise<vscode.Diagnostic[]> {
  if (closedUris.has(uri.toString())) return waitForCodes(uri, codes);
  const status = await analysed(uri);
  const got = hipaaDiagnostics(uri).map(codeOf).sort();
  assert.deepEqual(got, [...codes].sort(), `hipaa diagnostics after analysis: ${describeDiagnostics(uri)}; status: ${status}`);
  return hipaaDiagnostics(uri);
}

/** Waits until the server has analysed (or skipped) the document: the status item has its result. */
export async function analysed(uri: vscode.Uri): Promise<string> {
  const { status } = await api();
  return waitFor(`the server to analyse ${path.basename(uri.fsPath)} (status item)`, () => {
    const text = status.textFor(uri.toString());
    return text !== undefined && !/analysing/.test(text) ? text : undefined;
  }, () => `status: ${JSON.stringify(status.textFor(uri.toString()))}`);
}

/** Waits for the status item's text for a document to match. */
export async function waitForStatus(uri: vscode.Uri, pattern: RegExp): Promise<string> {
  const { status } = await api();
  return waitFor(`status item for ${path.basename(uri.fsPath)} to match ${pattern}`, () => {
    const text = status.textFor(uri.toString());
    return text && pattern.test(text) ? text : undefined;
  }, () => `status: ${JSON.stringify(status.textFor(uri.toString()))}`);
}

/** Shows the document and reverts it to its saved content (edits made by a test are never saved). */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(`${path.basename(doc.uri.fsPath)} to be reverted`, () => !doc.isDirty);
}

/** Runs `fn`, then puts the file back exactly as it was (or removes it if it did not exist). */
export async function restoringFile(file: string, fn: () => Promise<void>): Promise<void> {
  const existed = fs.existsSync(file);
  const before = existed ? fs.readFileSync(file) : undefined;
  try {
    await fn();
  } finally {
    if (before) fs.writeFileSync(file, before);
    else fs.rmSync(file, { force: true });
  }
}

/** The hover markdown (all providers) at a position. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n');
}

/** Quick fixes for a diagnostic, as the light bulb would ask for them. */
export async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  // A bare Command has `command: string`; a CodeAction's `command` is optional and an object.
  return actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

export async function applyAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `code action "${action.title}" has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit failed for "${action.title}"`);
}

/** Reads a rule's citation (section title and page) from the rules shipped with the extension under test. */
export function citationOf(ruleId: string): { section: string; title: string; page: number; document: string } {
  const rulesDir = path.join(extensionPath(), 'rules');
  const rule = parse(fs.readFileSync(path.join(rulesDir, `${ruleId}.yaml`), 'utf8')) as { citation: { section: string; page: number } };
  const wp = parse(fs.readFileSync(path.join(rulesDir, 'whitepaper.yaml'), 'utf8')) as {
    title: string;
    sections: { key: string; title: string; page: number }[];
  };
  const section = wp.sections.find((s) => s.key === rule.citation.section);
  assert.ok(section, `whitepaper section ${rule.citation.section} not found`);
  return { section: section.key, title: section.title, page: rule.citation.page ?? section.page, document: wp.title };
}
