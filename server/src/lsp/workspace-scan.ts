/**
 * "HIPAA: Scan Workspace": explicit only (never on start-up). Analyses every supported file in the
 * workspace folders with progress, and publishes diagnostics for files that are not open too.
 */
import * as fs from 'node:fs';
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { analyze } from '../core/engine';
import { ConfigResolver, findGitRoot } from '../core/workspace/config-resolver';
import { collectFiles } from '../core/workspace/walk';
import { toDiagnostics } from './diagnostics';
import type { ConfigCache } from './settings';

export const SCAN_REQUEST = 'hipaa/scanWorkspace';

export interface ScanResult {
  files: number;
  analysed: number;
  findings: number;
  errors: string[];
}

export function registerWorkspaceScan(connection: Connection, folders: () => string[], configs: ConfigCache, docsDir: string): void {
  connection.onRequest(SCAN_REQUEST, async (_params: unknown, token): Promise<ScanResult> => {
    const progress = await connection.window.createWorkDoneProgress();
    const errors: string[] = [];
    const files: string[] = [];
    for (const folder of folders()) {
      // The same walk as the CLI: .gitignore, config excludes, node_modules/.git/cdk.out skipped.
      try {
        const walked = collectFiles([folder], { cwd: folder, gitRoot: findGitRoot(folder), root: folder, configs: ConfigResolver.create(undefined, folder, folder) });
        files.push(...walked.files.map((f) => f.file));
        errors.push(...walked.errors.map((e) => `${e.file}: ${e.reason}`));
      } catch (e) {
        errors.push(`${folder}: ${(e as Error).message}`);
      }
    }
    progress.begin('HIPAA: scanning workspace', 0, `${files.length} files`, true);
    const result: ScanResult = { files: files.length, analysed: 0, findings: 0, errors };
    for (let i = 0; i < files.length; i++) {
      if (token.isCancellationRequested || progress.token.isCancellationRequested) break;
      const file = files[i];
      progress.report(Math.round((i / Math.max(files.length, 1)) * 100), file);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        errors.push(`cannot read ${file}: ${(e as Error).message}`);
        continue;
      }
      const { config, root } = await configs.forFile(file);
      const analysis = analyze({ file, text, config, root });
      if (analysis.status !== 'analysed') continue;
      result.analysed++;
      const diagnostics = toDiagnostics(analysis.findings, docsDir);
      result.findings += diagnostics.length;
      void connection.sendDiagnostics({ uri: URI.file(file).toString(), diagnostics });
      await new Promise((r) => setImmediate(r)); // keep answering requests during a long scan
    }
    progress.done();
    return result;
  });
}
