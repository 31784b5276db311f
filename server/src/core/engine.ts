/**
 * The one entry point: analyze(document, config) → findings. Parses, builds the model, runs every
 * rule (one failing rule never hides the others), then applies suppressions and settings.
 */
import { defaultConfig, type Config } from './config/config';
import { matchesGlobs } from './config/globs';
import type { Citation, Finding } from './findings';
import { parseCloudFormation } from './formats/cloudformation/template';
import { formatOf } from './formats/detect';
import { isTfvars, parseTerraformModule } from './formats/terraform/module';
import { isTerraformReady } from './formats/terraform/runtime';
import { readCdkFeatureFlags } from './formats/cdk/flags';
import { parseCdkSource } from './formats/cdk/parse';
import { inTerraformTerms } from './formats/terraform/vocabulary';
import { ModelIndex } from './model/model-index';
import { comparePositions } from './model/positions';
import type { Format, ParseProblem, Resource, Template } from './model/types';
import { namedChecks } from './rules/checks';
import { Evaluator } from './rules/evaluator';
import { loadRuleSet, type RuleSet } from './rules/loader';
import type { Outcome } from './rules/outcome';
import type { Rule, Target } from './rules/types';
import { applySuppressions } from './suppress/apply';

export interface AnalyzeInput {
  file: string;
  text: string;
  config?: Config;
  /** Analyse even if the file does not look like a template. */
  force?: boolean;
  /** Workspace root for relative globs when the config has no file. */
  root?: string;
  rules?: RuleSet;
  /**
   * The other files analysed together with this one: for Terraform, every `.tf`, `terraform.tfvars`
   * and `*.auto.tfvars` of the module folder (the caller reads them; open buffers win over disk).
   */
  siblings?: SourceFile[];
}

export interface SourceFile {
  file: string;
  text: string;
}

/** A parsed template or module: the shared model plus why it is (or is not) one. */
export type ParsedModel = Template & { detection: { isTemplate: boolean; reason: string } };

export interface AnalysisResult {
  file: string;
  format?: Format;
  status: 'analysed' | 'skipped';
  /** Why the file was analysed or skipped, for the status item and the CLI. */
  reason: string;
  /** Skipped without a word in the editor: a general-purpose file (TypeScript) with no infrastructure in it. */
  quiet?: boolean;
  findings: Finding[];
  problems: ParseProblem[];
  /** Rules that threw (reported, never fatal). */
  ruleErrors: string[];
  /** Every rule checked on every resource, with its outcome (for "what passes here" hovers). */
  outcomes: RuleOutcome[];
  template?: ParsedModel;
  /** Every file the analysis read (one for CloudFormation; the module's files for Terraform). */
  sources: SourceFile[];
  rules: RuleSet;
  config: Config;
}

export interface RuleOutcome {
  ruleId: string;
  resource: string;
  status: Outcome['status'];
}

export function analyze(input: AnalyzeInput): AnalysisResult {
  const config = input.config ?? defaultConfig();
  const rules = input.rules ?? loadRuleSet();
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  const base = { file: input.file, findings: [], problems: [], ruleErrors: [], outcomes: [], sources: [{ file: input.file, text }], rules, config };
  const format = formatOf(input.file, text);
  if (!format) {
    const reason = isTfvars(input.file) ? 'Terraform variable values: used when the module\'s .tf files are checked' : 'not a CloudFormation, Terraform or CDK file';
    return { ...base, status: 'skipped', reason };
  }
  if (matchesGlobs(input.file, config.exclude, config, input.root)) return { ...base, format, status: 'skipped', reason: 'excluded by configuration' };
  if (text.length > config.maxFileSizeKb * 1024) {
    return { ...base, format, status: 'skipped', reason: `larger than ${config.maxFileSizeKb} KB (maxFileSizeKb)` };
  }
  // A TypeScript file that never mentions aws-cdk-lib is not parsed at all (most .ts files in a repo).
  if (format === 'cdk' && !text.includes('aws-cdk-lib')) {
    return { ...base, format, status: 'skipped', reason: 'not a CDK app (no aws-cdk-lib import)', quiet: true };
  }
  if (format === 'terraform' && !isTerraformReady()) {
    return { ...base, format, status: 'skipped', reason: 'the Terraform parser is not initialised (initTerraform)' };
  }
  const { template, sources } = parseModel(format, input.file, text, input.siblings ?? [], input.root);
  const forced = input.force || matchesGlobs(input.file, config.include, config, input.root);
  if (!template.detection.isTemplate && !forced) {
    const kind = format === 'terraform' ? 'a Terraform module with AWS resources' : format === 'cdk' ? 'a CDK app' : 'a CloudFormation template';
    return { ...base, sources, format, status: 'skipped', reason: `not ${kind} (${template.detection.reason})`, template };
  }
  const ruleErrors: string[] = [];
  const outcomes: RuleOutcome[] = [];
  const raw = runRules(template.resources, rules, config, ruleErrors, outcomes);
  const findings = applySuppressions(inFormatTerms(raw, format), sources, template.resources, rules, config).sort(byPosition);
  return {
    ...base,
    format,
    status: 'analysed',
    reason: forced && !template.detection.isTemplate ? 'included by configuration' : template.detection.reason,
    findings,
    problems: template.problems,
    ruleErrors,
    outcomes,
    template,
    sources,
  };
}

/** Messages say CloudFormation property names; a Terraform user reads the argument names instead. */
function inFormatTerms(findings: Finding[], format: Format): Finding[] {
  if (format !== 'terraform') return findings;
  return findings.map((f) => {
    const type = f.resource?.type;
    if (!type) return f;
    return { ...f, message: inTerraformTerms(f.message, type), related: f.related.map((r) => ({ ...r, message: inTerraformTerms(r.message, type) })) };
  });
}

function parseModel(format: Format, file: string, text: string, siblings: SourceFile[], root?: string): { template: ParsedModel; sources: SourceFile[] } {
  if (format === 'terraform') {
    const files = [{ file, text }, ...siblings.filter((s) => s.file !== file)];
    const module = parseTerraformModule(files, { primary: file });
    return { template: module, sources: module.files.map((f) => ({ file: f.file, text: f.text })) };
  }
  if (format === 'cdk') {
    // Feature flags (cdk.json "context") change construct defaults; the nearest cdk.json applies.
    return { template: parseCdkSource(file, text, { featureFlags: readCdkFeatureFlags(file, root) }), sources: [{ file, text }] };
  }
  return { template: parseCloudFormation(text, file, format), sources: [{ file, text }] };
}

function runRules(resources: Resource[], rules: RuleSet, config: Config, ruleErrors: string[], outcomes: RuleOutcome[]): Finding[] {
  const model = new ModelIndex(resources);
  const evaluator = new Evaluator(model, namedChecks, { phiWords: config.phi.words, phiPatterns: config.phi.patterns });
  const findings: Finding[] = [];
  for (const rule of rules.rules) {
    if (config.rules[rule.id] === 'off') continue;
    for (const target of rule.targets) {
      for (const resource of resources) {
        if (!appliesTo(target, resource.type)) continue;
        try {
          const { outcome, findings: found } = findingsOf(rule, target, resource, evaluator, rules, config);
          if (outcome) outcomes.push({ ruleId: rule.id, resource: resource.name, status: outcome });
          findings.push(...found);
        } catch (e) {
          ruleErrors.push(`${rule.id} on ${resource.name}: ${(e as Error).message}`);
        }
      }
    }
  }
  return findings;
}

function byPosition(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId);
}

/** A finding in another file than its resource (a Terraform split resource) points back at the resource. */
function withOwner(related: Finding['related'], file: string, resource: Resource): Finding['related'] {
  if (file === resource.file) return related;
  return [...related, { location: { file: resource.file, range: resource.nameRange }, message: `${resource.name}, the resource this setting belongs to` }];
}

export function appliesTo(target: Target, type: string): boolean {
  return target.types.some((t) => t === type || t === '*' || (t.endsWith('::*') && type.startsWith(t.slice(0, -1))));
}

function findingsOf(
  rule: Rule, target: Target, resource: Resource, evaluator: Evaluator, rules: RuleSet, config: Config,
): { outcome?: Outcome['status']; findings: Finding[] } {
  const messages = {
    message: target.message ?? `${rule.title}.`,
    missingMessage: target.missingMessage ?? target.message ?? `${rule.title}.`,
  };
  const outcome = evaluator.check(target, resource, messages);
  if (!outcome) return { findings: [] };
  const resourceRef = { type: resource.type, name: resource.name };
  const citation = citationOf(rule, rules);
  if (outcome.status === 'fail') {
    return { outcome: 'fail', findings: outcome.failures.map((failure) => ({
      ruleId: rule.id,
      severity: config.rules[rule.id] && config.rules[rule.id] !== 'off' ? (config.rules[rule.id] as Finding['severity']) : target.severity ?? rule.severity,
      message: failure.message,
      file: failure.location.file,
      range: failure.location.range,
      resource: resourceRef,
      related: withOwner(failure.related ?? [], failure.location.file, resource),
      citation,
      origin: { target, failure, resource },
    })) };
  }
  if (outcome.status === 'unknown' && config.reportUnknown) {
    return { outcome: 'unknown', findings: outcome.unknowns.slice(0, 1).map((u) => ({
      ruleId: rule.id,
      severity: 'hint',
      message: `Cannot verify "${rule.title}": ${u.reason}.`,
      file: u.location.file,
      range: u.location.range,
      resource: resourceRef,
      related: [],
      citation,
      unknown: true,
    })) };
  }
  return { outcome: outcome.status, findings: [] };
}

export function citationOf(rule: Rule, rules: RuleSet): Citation | undefined {
  if (!rule.citation) return undefined;
  const section = rules.sections.get(rule.citation.section);
  return {
    section: rule.citation.section,
    title: section?.title ?? rule.citation.section,
    page: rule.citation.page,
    document: `${rules.whitepaper.title} (${rules.whitepaper.published})`,
    url: rules.whitepaper.url,
  };
}
