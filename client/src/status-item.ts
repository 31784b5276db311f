/** The status bar item: analysing, N findings, or skipped and why, for the active editor. */
import * as vscode from 'vscode';

export interface StatusParams {
  uri: string;
  state: 'analysed' | 'skipped';
  message: string;
  findings: number;
  quiet?: boolean;
}

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('hipaa.status', vscode.StatusBarAlignment.Right, 100);
  private readonly byUri = new Map<string, StatusParams | 'analysing'>();
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());

  constructor() {
    this.item.name = 'HIPAA';
    this.item.command = 'workbench.actions.view.problems';
  }

  /** What the item says for a document (exposed for tests). */
  textFor(uri: string): string | undefined {
    const s = this.byUri.get(uri);
    return s === 'analysing' ? 'HIPAA: analysing…' : s?.message;
  }

  analysing(uri: string): void {
    if (!this.byUri.has(uri)) return;
    this.byUri.set(uri, 'analysing');
    this.render();
  }

  update(params: StatusParams): void {
    if (params.quiet) {
      this.byUri.delete(params.uri);
      this.render();
      return;
    }
    this.byUri.set(params.uri, params);
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const text = uri ? this.textFor(uri) : undefined;
    if (!text) {
      this.item.hide();
      return;
    }
    const s = this.byUri.get(uri!);
    const icon = s === 'analysing' ? '$(sync~spin)' : s?.state === 'skipped' ? '$(circle-slash)' : s && s.findings ? '$(shield)' : '$(pass)';
    this.item.text = `${icon} ${text.replace(/^HIPAA: /, 'HIPAA ')}`;
    this.item.tooltip = text;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    this.subscription.dispose();
  }
}
