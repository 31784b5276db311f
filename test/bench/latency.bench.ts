/**
 * `npm run bench`: didChange → diagnostics latency through the real server over stdio, on 5,000-line
 * YAML and JSON templates, against references measured in the same run (a full `yaml` parse and a
 * `JSON.parse` of the same text). Prints a table of medians, p95 and ratios.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { analyze } from '../../server/src/core/engine';
import { LspClient } from '../helpers/lsp-client';
import { initTerraform } from '../../server/src/core/formats/terraform/runtime';
import { cdkStack, jsonTemplate, terraformModule, yamlTemplate } from './template-generator';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);

function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] };
}

function time(fn: () => void, runs = RUNS): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** Replaces the i-th occurrence line of a value so each edit changes one resource. */
function editAt(text: string, i: number, kind: boolean | 'tf' | 'cdk'): { text: string; line: number } {
  const lines = text.split('\n');
  const wanted = kind === 'cdk' ? 'Duration.seconds(' : kind === 'tf' ? 'backup_retention_period' : kind ? '"BackupRetentionPeriod"' : 'VisibilityTimeout:';
  const hits = lines.map((l, n) => (l.includes(wanted) ? n : -1)).filter((n) => n >= 0);
  const line = hits[(i * 7) % hits.length];
  lines[line] = lines[line].replace(/\d+/, String(10 + (i % 50)));
  return { text: lines.join('\n'), line };
}

async function lspLatency(file: string, text: string, debounceMs: number): Promise<{ samples: number[]; rssMb: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-bench-'));
  const client = new LspClient();
  client.settings = { debounceMs };
  await client.initialize([dir]);
  const uri = `file://${path.join(dir, file)}`;
  const languageId = file.endsWith('.json') ? 'json' : file.endsWith('.tf') ? 'terraform' : file.endsWith('.ts') ? 'typescript' : 'yaml';
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  await client.until('first diagnostics', () => client.diagnosticsFor(uri, 1), 120000);
  const samples: number[] = [];
  let current = text;
  for (let v = 2; v < RUNS + 2; v++) {
    current = editAt(current, v, file.endsWith('.ts') ? 'cdk' : file.endsWith('.tf') ? 'tf' : file.endsWith('.json')).text;
    const t = performance.now();
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: current }] });
    await client.until(`diagnostics v${v}`, () => client.diagnosticsFor(uri, v), 120000);
    samples.push(performance.now() - t);
  }
  const rssMb = client.rssMb();
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  return { samples, rssMb };
}

async function main(): Promise<void> {
  await initTerraform();
  const yamlText = yamlTemplate(5000);
  const jsonText = jsonTemplate(5000);
  const tfText = terraformModule(5000);
  const rows: [string, number[], number | undefined][] = [];
  const yamlRef = time(() => parseDocument(yamlText));
  const jsonRef = time(() => JSON.parse(jsonText));
  rows.push([`reference: yaml.parseDocument, ${yamlText.split('\n').length}-line YAML`, yamlRef, undefined]);
  rows.push([`reference: JSON.parse, ${jsonText.split('\n').length}-line JSON`, jsonRef, undefined]);
  let n = 0;
  rows.push(['engine analyze YAML, one resource edited (in-process)', time(() => analyze({ file: '/b/t.yaml', text: editAt(yamlText, n++, false).text })), 0]);
  rows.push(['engine analyze JSON (in-process)', time(() => analyze({ file: '/b/t.json', text: jsonText })), 1]);
  const yamlLsp = await lspLatency('big.yaml', yamlText, 0);
  rows.push(['LSP didChange→diagnostics YAML, debounce 0', yamlLsp.samples, 0]);
  const yamlLspDefault = await lspLatency('big.yaml', yamlText, 150);
  rows.push(['LSP didChange→diagnostics YAML, default debounce 150 ms', yamlLspDefault.samples, 0]);
  const jsonLsp = await lspLatency('big.json', jsonText, 0);
  rows.push(['LSP didChange→diagnostics JSON, debounce 0', jsonLsp.samples, 1]);
  let t = 0;
  rows.push([`engine analyze Terraform ${tfText.split('\n').length}-line module, one block edited (in-process)`, time(() => analyze({ file: '/b/main.tf', text: editAt(tfText, t++, 'tf').text })), 0]);
  const tfLsp = await lspLatency('main.tf', tfText, 0);
  rows.push(['LSP didChange→diagnostics Terraform, debounce 0', tfLsp.samples, 0]);
  const cdkText = cdkStack(5000);
  let c = 0;
  rows.push([`engine analyze CDK ${cdkText.split('\n').length}-line stack, one prop edited (in-process)`, time(() => analyze({ file: '/b/stack.ts', text: editAt(cdkText, c++, 'cdk').text })), 0]);
  const cdkLsp = await lspLatency('stack.ts', cdkText, 0);
  rows.push(['LSP didChange→diagnostics CDK, debounce 0', cdkLsp.samples, 0]);

  const refMedians = [stats(yamlRef).median, stats(jsonRef).median];
  console.log(`\nhipaa-lint benchmark (${RUNS} runs each, ${os.cpus().length} cores, node ${process.version})\n`);
  console.log('| measurement | median ms | p95 ms | × reference |');
  console.log('|---|---:|---:|---:|');
  for (const [name, samples, ref] of rows) {
    const s = stats(samples);
    const ratio = ref === undefined ? '1.00' : (s.median / refMedians[ref]).toFixed(2);
    console.log(`| ${name} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${ratio} |`);
  }
  console.log(`\nserver resident memory after the YAML runs: ${yamlLsp.rssMb.toFixed(0)} MB; JSON: ${jsonLsp.rssMb.toFixed(0)} MB; Terraform: ${tfLsp.rssMb.toFixed(0)} MB; CDK: ${cdkLsp.rssMb.toFixed(0)} MB`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
