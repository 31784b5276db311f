/**
 * Hovers: on a finding, what is wrong, why, the whitepaper citation and a compliant snippet;
 * on a resource's `Type`, the service's HIPAA guidance and which rules pass or fail there.
 */
import type { Hover, Position } from 'vscode-languageserver';
import { parse as parseYaml } from 'yaml';
import type { AnalysisResult } from '../core/engine';
import { appliesTo, citationOf } from '../core/engine';
import type { Finding } from '../core/findings';
import { comparePositions } from '../core/model/positions';
import type { Range } from '../core/model/types';
import type { Rule } from '../core/rules/types';

function inside(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

function snippetFor(rule: Rule, json: boolean): string | undefined {
  if (!rule.compliant) return undefined;
  if (!json) return '```yaml\n' + rule.compliant.trimEnd() + '\n```';
  try {
    return '```json\n' + JSON.stringify(parseYaml(rule.compliant, { customTags: shortTagsAsObjects }), null, 2) + '\n```';
  } catch {
    return '```yaml\n' + rule.compliant.trimEnd() + '\n```';
  }
}

/** For showing YAML snippets as JSON: `!Ref X` → {"Ref": "X"}. */
const shortTagsAsObjects = ['Ref', 'GetAtt', 'Sub', 'If', 'Join'].flatMap((n) => {
  const key = n === 'Ref' ? 'Ref' : `Fn::${n}`;
  return [
    { tag: `!${n}`, resolve: (s: string) => ({ [key]: n === 'GetAtt' ? s.split('.') : s }) },
    { tag: `!${n}`, collection: 'seq' as const, resolve: (s: unknown) => ({ [key]: (s as { toJSON(): unknown }).toJSON() }) },
  ];
});

export function findingMarkdown(result: AnalysisResult, finding: Finding): string {
  const rule = result.rules.byId.get(finding.ruleId);
  const parts = [`**${rule?.title ?? finding.ruleId}** \`${finding.ruleId}\` (${finding.severity})`, '', finding.message];
  if (rule?.citation) {
    const c = citationOf(rule, result.rules)!;
    parts.push('', `**Why:** ${rule.citation.explanation.trim()}`);
    parts.push('', `**Source:** *${c.document}*, section "${c.title}", page ${c.page}.`);
  }
  if (rule?.hipaa?.length) parts.push('', `**HIPAA Security Rule:** ${rule.hipaa.map((p) => `45 CFR ${p}`).join(', ')}`);
  const snippet = rule && snippetFor(rule, result.format === 'cloudformation-json');
  if (snippet) parts.push('', '**Compliant example:**', snippet);
  return parts.join('\n');
}

function typeMarkdown(result: AnalysisResult, resourceName: string, type: string): string {
  const sections = result.rules.whitepaper.sections.filter((s) =>
    s.resourceTypes.some((t) => t === type || (t.endsWith('::*') && type.startsWith(t.slice(0, -1)))),
  );
  const parts = [`**${type}** — HIPAA guidance`];
  for (const s of sections) parts.push('', `*${s.title}* (whitepaper page ${s.page}): ${s.summary.trim()}`);
  if (!sections.length) parts.push('', 'The whitepaper has no section for this service; PHI may only be stored in HIPAA-eligible services.');
  const rows = result.rules.rules
    .filter((r) => r.targets.some((t) => appliesTo(t, type)))
    .map((r) => {
      const outcome = result.outcomes.find((o) => o.ruleId === r.id && o.resource === resourceName)?.status;
      const mark = outcome === 'fail' ? '✗ fails' : outcome === 'pass' ? '✓ passes' : outcome === 'unknown' ? '? cannot verify' : '– not applicable';
      return `| ${mark} | \`${r.id}\` | ${r.title} |`;
    });
  if (rows.length) parts.push('', '| | rule | |', '|---|---|---|', ...rows);
  return parts.join('\n');
}

export function hoverAt(result: AnalysisResult, pos: Position): Hover | undefined {
  const findings = result.findings.filter((f) => !f.suppressed && inside(f.range, pos));
  if (findings.length) {
    return { contents: { kind: 'markdown', value: findings.map((f) => findingMarkdown(result, f)).join('\n\n---\n\n') }, range: findings[0].range };
  }
  const resource = result.template?.resources.find((r) => r.typeRange && inside(r.typeRange, pos));
  if (resource?.typeRange) {
    return { contents: { kind: 'markdown', value: typeMarkdown(result, resource.name, resource.type) }, range: resource.typeRange };
  }
  return undefined;
}
