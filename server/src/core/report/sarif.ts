/**
 * SARIF 2.1.0 (validates against the OASIS schema): one run whose driver lists every rule (title,
 * the citation's explanation, tags, default level), and one result per finding. Locations are
 * relative to `%SRCROOT%` (the working directory) with 1-based lines and columns in UTF-16 code
 * units, as LSP counts them. Suppressed findings are results with an `inSource` suppression.
 * Parse problems, rule errors and unreadable files are tool execution notifications.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { AnalysisResult } from '../engine';
import type { Finding, FindingSeverity } from '../findings';
import type { Location, Range } from '../model/types';
import type { RuleSet } from '../rules/loader';
import type { Rule, Severity } from '../rules/types';
import { displayPath, isInside, oneLine, sortedResults, type ReportOptions } from './common';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';
type Json = Record<string, unknown>;

const LEVEL: Record<FindingSeverity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Rules the engine reports on its own (suppression checks), in case the rule set does not define them. */
const BUILT_IN_TITLES: Record<string, string> = {
  'suppression.missing-reason': 'A hipaa:ignore suppression must give a reason',
  'suppression.unknown-rule': 'A hipaa:ignore suppression must name an existing rule',
  'suppression.unused': 'A hipaa:ignore suppression must match a finding',
  'suppression.expired': 'A hipaa:ignore suppression must not be past its expiry date',
};

export function toSarif(results: AnalysisResult[], rules: RuleSet, options: ReportOptions): Json {
  const sorted = sortedResults(results);
  const tool = options.tool ?? { name: 'hipaa-lint', version: '0.0.0' };
  const artifact = (file: string): Json => artifactLocation(file, options.cwd);
  const physical = (l: Location): Json => ({ artifactLocation: artifact(l.file), region: region(l.range) });

  const descriptors: Json[] = [];
  const index = new Map<string, number>();
  const addDescriptor = (id: string, d: Json) => {
    index.set(id, descriptors.length);
    descriptors.push(d);
  };
  for (const rule of rules.rules) addDescriptor(rule.id, ruleDescriptor(rule, rules));
  for (const r of sorted) {
    for (const f of r.findings) if (!index.has(f.ruleId)) addDescriptor(f.ruleId, builtInDescriptor(f.ruleId, f.severity));
  }

  const sarifResults = sorted.flatMap((r) => r.findings.map((f) => result(f, index.get(f.ruleId)!, physical)));

  const notifications: Json[] = [];
  for (const e of options.fileErrors ?? []) {
    notifications.push({
      level: 'error',
      message: { text: `cannot read ${displayPath(e.file, options.cwd)}: ${e.reason}` },
      locations: [{ physicalLocation: { artifactLocation: artifact(e.file) } }],
      descriptor: { id: 'file-unreadable' },
    });
  }
  for (const r of sorted) {
    for (const p of r.problems) {
      notifications.push({
        level: 'warning',
        message: { text: oneLine(p.message) },
        locations: [{ physicalLocation: physical(p) }],
        descriptor: { id: 'parse-problem' },
      });
    }
    for (const e of r.ruleErrors) {
      notifications.push({
        level: 'error',
        message: { text: `rule failed: ${oneLine(e)}` },
        locations: [{ physicalLocation: { artifactLocation: artifact(r.file) } }],
        descriptor: { id: 'rule-error' },
      });
    }
  }
  const executionSuccessful = !(options.fileErrors?.length || sorted.some((r) => r.ruleErrors.length));

  const driver: Json = { name: tool.name, version: tool.version, semanticVersion: tool.version };
  if (tool.informationUri) driver.informationUri = tool.informationUri;
  driver.rules = descriptors;

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        invocations: [{ executionSuccessful, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

export function formatSarif(results: AnalysisResult[], rules: RuleSet, options: ReportOptions): string {
  return `${JSON.stringify(toSarif(results, rules, options), null, 2)}\n`;
}

function result(f: Finding, ruleIndex: number, physical: (l: Location) => Json): Json {
  const location: Json = { physicalLocation: physical(f) };
  if (f.resource) {
    location.logicalLocations = [{ name: f.resource.name, fullyQualifiedName: `${f.resource.type}/${f.resource.name}`, kind: 'resource' }];
  }
  const out: Json = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity] ?? 'warning',
    message: { text: oneLine(f.message) },
    locations: [location],
  };
  if (f.related.length) {
    out.relatedLocations = f.related.map((r, id) => ({ id, physicalLocation: physical(r.location), message: { text: oneLine(r.message) } }));
  }
  if (f.suppressed) {
    out.suppressions = [{ kind: 'inSource', status: 'accepted', justification: f.suppressed.reason, location: { physicalLocation: physical(f.suppressed.location) } }];
  }
  const properties: Json = {};
  if (f.resource) properties.resourceType = f.resource.type;
  if (f.unknown) properties.cannotVerify = true;
  if (Object.keys(properties).length) out.properties = properties;
  return out;
}

function ruleDescriptor(rule: Rule, rules: RuleSet): Json {
  const d: Json = { id: rule.id, name: pascalCase(rule.id), shortDescription: { text: oneLine(rule.title) } };
  const section = rule.citation ? rules.sections.get(rule.citation.section) : undefined;
  if (rule.citation) {
    d.fullDescription = { text: oneLine(rule.citation.explanation) };
    const source = `${rules.whitepaper.title} (${rules.whitepaper.published}), "${section?.title ?? rule.citation.section}", page ${rule.citation.page}.`;
    const hipaa = rule.hipaa?.length ? `HIPAA Security Rule: ${rule.hipaa.map((p) => `45 CFR ${p}`).join(', ')}.` : '';
    d.help = {
      text: [oneLine(rule.citation.explanation), `Source: ${source}`, hipaa].filter(Boolean).join('\n\n'),
      markdown: [oneLine(rule.citation.explanation), `Source: [${source}](${rules.whitepaper.url})`, hipaa].filter(Boolean).join('\n\n'),
    };
    d.helpUri = rules.whitepaper.url;
  }
  d.defaultConfiguration = { level: LEVEL[rule.severity as Severity] };
  const properties: Json = { tags: ['hipaa', 'security', ...(rule.hipaa ?? []).map((p) => `hipaa-${p}`)], kind: rule.kind };
  if (rule.citation) properties.whitepaper = { section: rule.citation.section, title: section?.title ?? rule.citation.section, page: rule.citation.page };
  if (rule.hipaa?.length) properties.hipaa = [...rule.hipaa];
  d.properties = properties;
  return d;
}

function builtInDescriptor(id: string, severity: FindingSeverity): Json {
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: BUILT_IN_TITLES[id] ?? id },
    defaultConfiguration: { level: LEVEL[severity] ?? 'warning' },
    properties: { tags: ['hipaa', id.split('.')[0]] },
  };
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function region(r: Range): Json {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function artifactLocation(file: string, cwd: string): Json {
  const rel = path.relative(cwd, file);
  if (!isInside(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
