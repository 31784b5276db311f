/**
 * Runs the shared rules on the CDK frontend's model the way engine.ts does for CloudFormation
 * (applicability `when`, then `check`; suppressions applied), so that CDK tests do not depend on
 * how the engine routes `.ts` files. Once engine.ts routes them, analyze() gives the same answers.
 */
import { defaultConfig, type Config } from '../../server/src/core/config/config';
import { appliesTo, citationOf, type RuleOutcome } from '../../server/src/core/engine';
import type { Finding } from '../../server/src/core/findings';
import { parseCdkSource, type CdkParseOptions } from '../../server/src/core/formats/cdk/parse';
import type { CdkTemplate } from '../../server/src/core/formats/cdk/site';
import { ModelIndex } from '../../server/src/core/model/model-index';
import { namedChecks } from '../../server/src/core/rules/checks';
import { Evaluator } from '../../server/src/core/rules/evaluator';
import { loadRuleSet, type RuleSet } from '../../server/src/core/rules/loader';
import { applySuppressions } from '../../server/src/core/suppress/apply';
import type { TextEdit } from '../../server/src/core/fixes/text-edits';
import { TsEditor } from '../../server/src/core/fixes/ts-edits';
import type { LeafFix } from '../../server/src/core/rules/outcome';
import type { Value } from '../../server/src/core/model/types';

let cached: RuleSet | undefined;
export function rules(): RuleSet {
  return (cached ??= loadRuleSet());
}

export interface CdkResult {
  template: CdkTemplate;
  findings: Finding[];
  outcomes: RuleOutcome[];
  rules: RuleSet;
  config: Config;
}

export function analyzeCdk(file: string, text: string, options: CdkParseOptions & { config?: Config; rules?: RuleSet } = {}): CdkResult {
  const config = options.config ?? defaultConfig();
  const ruleSet = options.rules ?? rules();
  const template = parseCdkSource(file, text, options);
  const model = new ModelIndex(template.resources);
  const evaluator = new Evaluator(model, namedChecks, { phiWords: config.phi.words, phiPatterns: config.phi.patterns });
  const raw: Finding[] = [];
  const outcomes: RuleOutcome[] = [];
  for (const rule of ruleSet.rules) {
    if (config.rules[rule.id] === 'off') continue;
    for (const target of rule.targets) {
      for (const resource of template.resources) {
        if (!appliesTo(target, resource.type)) continue;
        const messages = { message: target.message ?? `${rule.title}.`, missingMessage: target.missingMessage ?? target.message ?? `${rule.title}.` };
        const outcome = evaluator.check(target, resource, messages);
        if (!outcome) continue;
        outcomes.push({ ruleId: rule.id, resource: resource.name, status: outcome.status });
        if (outcome.status !== 'fail') continue;
        for (const failure of outcome.failures) {
          raw.push({
            ruleId: rule.id,
            severity: target.severity ?? rule.severity,
            message: failure.message,
            file: failure.location.file,
            range: failure.location.range,
            resource: { type: resource.type, name: resource.name },
            related: failure.related ?? [],
            citation: citationOf(rule, ruleSet),
            origin: { target, failure, resource },
          });
        }
      }
    }
  }
  const findings = applySuppressions(raw, [{ file, text }], template.resources, ruleSet, config);
  return { template, findings, outcomes, rules: ruleSet, config };
}

/**
 * The rule's fix for a finding, rendered by TsEditor the way fixes.ts does for the other formats
 * (leaf fixes, an added resource, a statement appended to a referencing resource).
 */
export function cdkFix(result: CdkResult, finding: Finding): TextEdit[] {
  const origin = finding.origin;
  const spec = origin?.target.fix;
  if (!origin || !spec) return [];
  const editor = new TsEditor(result.template);
  const { failure, resource } = origin;
  const leaf = (fix: LeafFix): TextEdit[] => {
    if (fix.mode === 'append' && fix.list) return editor.append(fix.list, fix.value);
    if (fix.present) return editor.replace(fix.present, fix.value);
    const missing = fix.missingPath ?? [];
    if (fix.container) return editor.setIn(fix.container, missing, fix.value);
    if (missing.length) return editor.addProperties(fix.resource, missing, fix.value);
    return [];
  };
  const followedMissing = failure.via?.kind === 'followed' && !failure.via.resource;
  if (spec.addResource && (failure.via?.kind === 'none-referencing' || (followedMissing && spec.addResource.linkAs))) {
    const name = `${resource.name}${spec.addResource.nameSuffix}`;
    const props = JSON.parse(JSON.stringify(spec.addResource.properties).replace(/\$\{name\}/g, resource.name)) as Record<string, unknown>;
    const added = editor.addResource(resource, name, { Type: spec.addResource.type, Properties: props });
    return spec.addResource.linkAs && failure.fix ? [...leaf({ ...failure.fix, value: { Ref: name } }), ...added] : added;
  }
  // A statement appended to the policy that refers to the resource (fixes.ts appendToReferencing).
  const append = failure.via?.kind === 'referencing' ? spec.appendToReferencing : failure.via?.kind === 'followed' && !failure.fix ? spec.appendToFollowed : undefined;
  if (append && failure.via?.resource) {
    let at: Value | undefined = failure.via.resource.properties;
    for (const key of (Array.isArray(append.path) ? append.path : append.path.split('.')).map(String)) at = at?.kind === 'map' ? at.entries.find((e) => e.key === key)?.value : undefined;
    const value = JSON.parse(JSON.stringify(append.value).replace(/\$\{name\}/g, resource.name));
    return at?.kind === 'seq' ? editor.append(at, value) : [];
  }
  if (failure.fix && failure.fix.value !== undefined) return leaf(failure.fix);
  return [];
}

export function cdkSuppress(result: CdkResult, finding: Finding): TextEdit[] {
  const resource = result.template.resources.find((r) => r.name === finding.resource?.name);
  const line = resource ? resource.nameRange.start.line : finding.range.start.line;
  return new TsEditor(result.template).suppressAbove(line, finding.ruleId, '<reason>');
}
