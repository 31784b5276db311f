/** Code actions: the rule's fix (preferred), "suppress with a reason", and fix-all. */
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { TextEdit } from '../core/fixes/text-edits';
import type { AnalysisResult } from '../core/engine';
import { fixAll, fixesFor, REASON_PLACEHOLDER } from '../core/fixes/fixes';
import { findingFor } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.hipaa`;

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** A client command that selects the `<reason>` placeholder after a suppression is inserted (VS Code client only). */
export const SELECT_REASON_COMMAND = 'hipaa.selectReasonPlaceholder';

export function codeActions(result: AnalysisResult, params: CodeActionParams, canSelectReason = false): CodeAction[] {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'hipaa') continue;
      const finding = findingFor(result.findings, diagnostic);
      if (!finding) continue;
      for (const fix of fixesFor(result, finding)) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred,
          edit: workspaceEdit(fix.edits, uri, result.file),
          command: fix.kind === 'suppress' && canSelectReason
            ? { title: 'Write the reason', command: SELECT_REASON_COMMAND, arguments: [uri, REASON_PLACEHOLDER] }
            : undefined,
        });
      }
    }
  }
  const explicitFixAll = only?.some((o) => FIX_ALL_KIND.startsWith(o) && o.startsWith(CodeActionKind.SourceFixAll));
  if (explicitFixAll) {
    const action = resolveFixAll(result, { title: 'Fix all auto-fixable HIPAA findings', kind: FIX_ALL_KIND }, uri);
    if (action.edit) actions.push(action);
  } else if (wants(only, CodeActionKind.QuickFix) && params.context.diagnostics.some((d) => d.source === 'hipaa')) {
    const fixable = result.findings.filter((f) => !f.suppressed && fixesFor(result, f).some((x) => x.isPreferred)).length;
    // Computed on resolve: fix-all re-analyses the file after each fix, too slow for every light bulb.
    if (fixable > 1) actions.push({ title: `Fix all auto-fixable HIPAA findings in this file`, kind: CodeActionKind.QuickFix, data: { fixAll: uri } });
  }
  return actions;
}

export function resolveFixAll(result: AnalysisResult, action: CodeAction, uri: string): CodeAction {
  const { edits, applied } = fixAll(result);
  if (!edits.length || !applied) return { ...action, disabled: { reason: 'nothing left to fix automatically' } };
  return { ...action, title: `${action.title} (${applied})`, edit: workspaceEdit(edits, uri, result.file) };
}

/** Edits grouped by document: a Terraform fix may touch another file of the module. */
export function workspaceEdit(edits: TextEdit[], uri: string, primaryFile?: string): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const { file, range, newText } of edits) {
    const target = file && file !== primaryFile ? URI.file(file).toString() : uri;
    (changes[target] ??= []).push({ range, newText });
  }
  return { changes };
}
