/**
 * Runs the engine on open documents: debounced per document, cached by version, stale runs skipped
 * (a run for version N is dropped when the document has moved on).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { analyze, type AnalysisResult, type SourceFile } from '../core/engine';
import type { ConfigCache } from './settings';

export interface AnalysisHooks {
  /** Awaited before the first analysis (the Terraform parser loads asynchronously). */
  ready: Promise<void>;
  /** The other files analysed with this one (a Terraform module's folder; open buffers win). */
  siblingsOf(file: string): SourceFile[];
  onResult(doc: TextDocument, result: AnalysisResult): void;
}

export class AnalysisCache {
  private readonly results = new Map<string, { version: number; result: AnalysisResult }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly configs: ConfigCache, private readonly hooks: AnalysisHooks) {}

  /** The result for exactly this version, analysing now if needed (hover and code actions need it at once). */
  async get(doc: TextDocument): Promise<AnalysisResult> {
    const hit = this.results.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.result;
    return this.run(doc);
  }

  schedule(doc: TextDocument, delayMs: number): void {
    clearTimeout(this.timers.get(doc.uri));
    this.timers.set(doc.uri, setTimeout(() => {
      this.timers.delete(doc.uri);
      void this.run(doc).catch(() => undefined);
    }, delayMs));
  }

  private async run(doc: TextDocument): Promise<AnalysisResult> {
    await this.hooks.ready;
    const version = doc.version;
    const file = URI.parse(doc.uri).fsPath;
    const { config, root, settings, error } = await this.configs.forFile(file);
    const hit = this.results.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.result;
    const result = settings.enable
      ? analyze({ file, text: doc.getText(), config, root, siblings: this.hooks.siblingsOf(file) })
      : { ...analyze({ file, text: '', config, root }), status: 'skipped' as const, reason: 'disabled by the hipaa.enable setting' };
    if (error) result.ruleErrors.push(`configuration: ${error}`);
    if (doc.version !== version) return result; // stale: a newer run is scheduled
    this.results.set(doc.uri, { version, result });
    this.hooks.onResult(doc, result);
    return result;
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.results.delete(uri);
  }

  invalidateAll(): void {
    this.results.clear();
  }
}
