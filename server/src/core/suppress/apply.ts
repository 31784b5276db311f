/** Marks findings covered by a suppression with a reason, and reports suppressions that are wrong. */
import type { Config } from '../config/config';
import type { Finding, FindingSeverity } from '../findings';
import type { Resource } from '../model/types';
import type { RuleSet } from '../rules/loader';
import { covers, inlineSuppressions, metadataSuppressions, type Suppression } from './suppressions';

export const META_RULES = {
  missingReason: 'suppression.missing-reason',
  unknownRule: 'suppression.unknown-rule',
  unused: 'suppression.unused',
} as const;

export function applySuppressions(
  findings: Finding[], sources: { file: string; text: string }[], resources: Resource[], rules: RuleSet, config: Config,
): Finding[] {
  const suppressions = [
    // Comments attach to what follows them in their own file (a Terraform module spans several).
    ...sources.flatMap((s) => inlineSuppressions(s.text, s.file, resources.filter((r) => r.file === s.file))),
    ...metadataSuppressions(resources),
  ];
  const meta: Finding[] = [];
  const metaFinding = (id: string, s: Suppression, message: string) => {
    const rule = rules.byId.get(id);
    const setting = config.rules[id];
    if (setting === 'off') return;
    meta.push({
      ruleId: id,
      severity: (setting ?? rule?.severity ?? 'warning') as FindingSeverity,
      message,
      file: s.location.file,
      range: s.location.range,
      related: [],
    });
  };
  const valid = suppressions.filter((s) => {
    if (!s.ids.length) {
      metaFinding(META_RULES.unknownRule, s, 'hipaa:ignore names no rule id. Write: hipaa:ignore <rule-id> -- <reason>.');
      return false;
    }
    for (const id of s.ids) {
      if (!rules.byId.has(id)) metaFinding(META_RULES.unknownRule, s, `hipaa:ignore names an unknown rule "${id}".`);
    }
    if (!s.reason) {
      metaFinding(META_RULES.missingReason, s, `This suppression of ${s.ids.join(', ')} has no reason, so it suppresses nothing. Add " -- <why this is safe>".`);
      return false;
    }
    return true;
  });
  for (const f of findings) {
    const location = { file: f.file, range: f.range };
    const s = valid.find((x) => covers(x, f.ruleId, f.resource?.name, location));
    if (!s) continue;
    s.used.add(f.ruleId);
    f.suppressed = { reason: s.reason!, location: s.location };
  }
  for (const s of valid) {
    for (const id of s.ids) {
      if (rules.byId.has(id) && !s.used.has(id) && config.rules[id] !== 'off') {
        metaFinding(META_RULES.unused, s, `This suppression of ${id} matches no finding; remove it.`);
      }
    }
  }
  return [...findings, ...meta];
}
