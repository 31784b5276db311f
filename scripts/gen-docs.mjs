// Generates docs/rules/<id>.md (one page per rule) and the rule table in README.md from rules/*.yaml.
// `--check` fails when the committed files are out of date (run by the tests).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rulesDir = path.join(root, 'rules');
const docsDir = path.join(root, 'docs', 'rules');
const check = process.argv.includes('--check');

const whitepaper = parse(fs.readFileSync(path.join(rulesDir, 'whitepaper.yaml'), 'utf8'));
const sections = new Map(whitepaper.sections.map((s) => [s.key, s]));
const rules = fs.readdirSync(rulesDir)
  .filter((f) => f.endsWith('.yaml') && f !== 'whitepaper.yaml')
  .sort()
  .map((f) => parse(fs.readFileSync(path.join(rulesDir, f), 'utf8')));

const FORMAT_NAMES = { 'cloudformation-yaml': 'CloudFormation YAML', 'cloudformation-json': 'CloudFormation JSON', terraform: 'Terraform', cdk: 'CDK' };
const strip = (s) => s.replace(/[«»]/g, '');
const count = (v) => (v === undefined ? 0 : Array.isArray(v) ? v.length : 1);

function page(rule) {
  const lines = [`# \`${rule.id}\`: ${rule.title}`, ''];
  lines.push(`Severity: **${rule.severity}** · Kind: ${rule.kind}${rule.core ? ' · core' : ''}`, '');
  const types = [...new Set(rule.targets.flatMap((t) => t.types))];
  if (types.length) lines.push(`Applies to: ${types.map((t) => `\`${t}\``).join(', ')}`, '');
  if (rule.citation) {
    const s = sections.get(rule.citation.section);
    lines.push('## Why', '', rule.citation.explanation.trim(), '');
    lines.push(`Source: *${whitepaper.title}* (${whitepaper.published}), section "${s?.title ?? rule.citation.section}", page ${rule.citation.page}.`, '');
  }
  if (rule.hipaa?.length) lines.push(`HIPAA Security Rule: ${rule.hipaa.map((p) => `45 CFR ${p}`).join(', ')}.`, '');
  const fixes = rule.targets.map((t) => t.fix?.title).filter(Boolean);
  if (fixes.length) lines.push('## Quick fix', '', ...[...new Set(fixes)].map((f) => `- ${f}`), '');
  if (rule.compliant) lines.push('## Compliant example', '', '```yaml', rule.compliant.trimEnd(), '```', '');
  for (const [format, ex] of Object.entries(rule.examples ?? {})) {
    const fail = [].concat(ex.fail ?? []);
    if (fail.length) {
      const lang = format === 'cloudformation-json' ? 'json' : format === 'terraform' ? 'hcl' : format === 'cdk' ? 'ts' : 'yaml';
      lines.push(`## Non-compliant (${FORMAT_NAMES[format]})`, '', '```' + lang, strip(fail[0]).trimEnd(), '```', '');
    }
  }
  lines.push('## Suppress', '', 'When this finding does not apply (for example, the resource never holds PHI), say why:', '', '```yaml', `# hipaa:ignore ${rule.id} -- <why this is safe>`, '```', '');
  return lines.join('\n');
}

function table() {
  const rows = rules.filter((r) => r.kind !== 'META').map((r) => {
    const ex = r.examples ?? {};
    const formats = Object.keys(FORMAT_NAMES).filter((f) => count(ex[f]?.fail) && count(ex[f]?.pass)).map((f) => FORMAT_NAMES[f].replace('CloudFormation ', 'CFN ')).join(', ');
    const s = r.citation ? sections.get(r.citation.section) : undefined;
    const cite = s ? `${s.title}, p. ${r.citation.page}` : '—';
    const fix = r.targets.some((t) => t.fix) ? 'yes' : '—';
    return `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.title} | ${r.severity} | ${cite} | ${fix} | ${formats} |`;
  });
  const meta = rules.filter((r) => r.kind === 'META').map((r) => `\`${r.id}\``).join(', ');
  return [
    `${rows.length} rules (${rules.filter((r) => r.core).length} core). Generated from \`rules/\` by \`npm run docs\`.`,
    '',
    '| rule | what it checks | severity | whitepaper | quick fix | examples |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    meta ? `Suppression checks: ${meta}.` : '',
  ].join('\n');
}

const outputs = new Map();
for (const rule of rules) outputs.set(path.join(docsDir, `${rule.id}.md`), page(rule));
outputs.set(path.join(docsDir, 'README.md'), `# Rules\n\n${table().replace(/docs\/rules\//g, '')}\n`);
const readmePath = path.join(root, 'README.md');
if (fs.existsSync(readmePath)) {
  const readme = fs.readFileSync(readmePath, 'utf8');
  const updated = readme.replace(/(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/, `$1${table()}\n$2`);
  outputs.set(readmePath, updated);
}

let stale = 0;
for (const [file, text] of outputs) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (current === text) continue;
  if (check) {
    console.error(`out of date: ${path.relative(root, file)} (run npm run docs)`);
    stale++;
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
if (!check) {
  const wanted = new Set(outputs.keys());
  for (const f of fs.existsSync(docsDir) ? fs.readdirSync(docsDir) : []) if (!wanted.has(path.join(docsDir, f))) fs.rmSync(path.join(docsDir, f));
}
process.exit(stale ? 1 : 0);
