/** Starts the built language server (dist/server.js --stdio) and speaks JSON-RPC to it, as an editor would. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'bin', 'hipaa-language-server.js');

export interface Status {
  uri: string;
  state: string;
  message: string;
  findings: number;
}

export class LspClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly statuses = new Map<string, Status>();
  private waiters: (() => void)[] = [];
  settings: Record<string, unknown> = {};
  stderr = '';
  exitCode?: number;

  constructor() {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.child.on('exit', (code) => {
      this.exitCode = code ?? -1;
      this.wake();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.wake();
    });
    this.connection.onNotification('hipaa/status', (p: Status) => {
      this.statuses.set(p.uri, p);
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.listen();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  async initialize(folders: string[]): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } }, window: { workDoneProgress: true } },
      workspaceFolders: folders.map((f) => ({ uri: `file://${f}`, name: path.basename(f) })),
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Waits until `predicate` holds over what the server has sent (30 s at most: a hang fails the test). */
  async until<T>(what: string, predicate: () => T | undefined, timeoutMs = 30000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value !== undefined && value !== false) return value;
      if (this.exitCode !== undefined) throw new Error(`server exited (${this.exitCode}) while waiting for ${what}\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}\nserver stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  diagnosticsFor(uri: string, version?: number): Diagnostic[] | undefined {
    const p = this.diagnostics.get(uri);
    if (!p || (version !== undefined && p.version !== version)) return undefined;
    return p.diagnostics;
  }

  statusFor(uri: string): Status | undefined {
    return this.statuses.get(uri);
  }

  /** Resident memory of the server process (Linux /proc), for benchmarks. */
  rssMb(): number {
    try {
      const status = require('node:fs').readFileSync(`/proc/${this.child.pid}/status`, 'utf8') as string;
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}
