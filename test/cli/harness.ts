/**
 * Runs the real hipaa-lint binary as a child process on a scratch copy of test/fixtures/cli.
 *
 * The binary: bin/hipaa-lint.js when the bundle dist/cli.js exists, else the tsc output
 * out/server/src/cli/main.js.
 *
 * The scratch workspace (a temp folder) holds what cannot live in the repository: fixture files
 * named `_gitignore` become `.gitignore` (a real one would hide the fixtures from git), an empty
 * `.git` folder marks the workspace as a repository root, node_modules / cdk.out / .terraform
 * hold failing templates that must never be analysed, and an invalid `.hipaa-lint.yaml` sits
 * above the repository root, where the configuration search must not reach.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(REPO, 'test/fixtures/cli');

export function binary(): string[] {
  if (fs.existsSync(path.join(REPO, 'dist/cli.js'))) return [path.join(REPO, 'bin/hipaa-lint.js')];
  return [path.join(REPO, 'out/server/src/cli/main.js')];
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const fullEnv = { ...base, ...env };
  for (const key of Object.keys(fullEnv)) if (fullEnv[key] === undefined) delete fullEnv[key];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...binary(), ...args], { cwd, env: fullEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

export interface Workspace {
  /** The temp folder; holds `outer/` (with an invalid config) and nothing else. */
  tmp: string;
  /** `outer/ws`: a git repository root holding copies of every fixture folder. */
  ws: string;
  /** `outer/no-git`: a copy of the clean fixture outside any repository. */
  noGit: string;
  dispose(): void;
}

const FAILING_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: false
`;

export function makeWorkspace(): Workspace {
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-lint-cli-')));
  const outer = path.join(tmp, 'outer');
  const ws = path.join(outer, 'ws');
  const noGit = path.join(outer, 'no-git');
  fs.mkdirSync(ws, { recursive: true });
  copyFixtures(FIXTURES, ws);
  fs.mkdirSync(path.join(ws, '.git'));
  fs.cpSync(path.join(FIXTURES, 'clean'), noGit, { recursive: true });
  fs.writeFileSync(path.join(outer, '.hipaa-lint.yaml'), 'rules: [this is not a mapping\n');
  const project = path.join(ws, 'project');
  for (const dir of ['node_modules/claims-lib', 'cdk.out', '.terraform/modules', 'templates/node_modules/x']) {
    fs.mkdirSync(path.join(project, dir), { recursive: true });
    fs.writeFileSync(path.join(project, dir, 'stack.template.yaml'), FAILING_TEMPLATE);
  }
  return { tmp, ws, noGit, dispose: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

function copyFixtures(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name === '_gitignore' ? '.gitignore' : entry.name);
    if (entry.isDirectory()) copyFixtures(source, target);
    else fs.copyFileSync(source, target);
  }
}

export interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  resource?: { type: string; name: string };
  citation?: { section: string; title: string; page: number; document: string; url: string };
  suppressed?: { reason: string; location: { file: string; range: unknown } };
  related: { file: string; range: unknown; message: string }[];
  [key: string]: unknown;
}

export interface JsonReport {
  version: number;
  files: { path: string; format: string | null; status: string; reason: string; problems: { range: unknown; message: string }[]; ruleErrors: string[] }[];
  findings: JsonFinding[];
}

export async function runJson(args: string[], cwd: string): Promise<CliRun & { report: JsonReport }> {
  const run = await runCli(['--format', 'json', ...args], cwd);
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...run, report };
}

const RANK = { error: 3, warning: 2, info: 1, hint: 0 } as const;

/** What the exit code must be for a JSON report and a --fail-on level (no file errors). */
export function expectedExit(report: JsonReport, failOn: 'error' | 'warning' | 'info' | 'never'): number {
  if (failOn === 'never') return 0;
  const floor = RANK[failOn];
  return report.findings.some((f) => !f.suppressed && f.severity !== 'hint' && RANK[f.severity] >= floor) ? 1 : 0;
}

export function ids(report: JsonReport, file?: string): string[] {
  return report.findings.filter((f) => !file || f.file === file).map((f) => f.ruleId);
}

/** Every rule id in rules/ (one file per rule). */
export function allRuleIds(): string[] {
  return fs
    .readdirSync(path.join(REPO, 'rules'))
    .filter((f) => f.endsWith('.yaml') && f !== 'whitepaper.yaml')
    .map((f) => f.slice(0, -'.yaml'.length));
}

/**
 * Writes a configuration that turns off every rule but `keep`, so exit-code tests do not change
 * when rules are added. Returns its path.
 */
export function onlyRulesConfig(dir: string, name: string, keep: string[]): string {
  const off = allRuleIds().filter((id) => !keep.includes(id));
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, `# Generated by the CLI tests.\nrules:\n${off.map((id) => `  ${id}: off\n`).join('')}`);
  return file;
}
