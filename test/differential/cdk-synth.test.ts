/**
 * Differential test: each CDK fixture app is synthesized in-process with aws-cdk-lib, the
 * CloudFormation frontend checks the synthesized template, the CDK frontend checks the app's source
 * (without running it), and the rule outcomes per construct and core rule must agree unless a
 * difference is listed with a reason in allow-list.yaml. cdk-nag's HIPAA.Security pack runs on the
 * same apps; its agreement with our rules is printed (a report, not a gate).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import * as os from 'node:os';
import { App, Validations } from 'aws-cdk-lib';
import { HIPAASecurityChecks } from 'cdk-nag';
import { parse } from 'yaml';
import { analyze } from '../../server/src/core/engine';
import { readCdkFeatureFlags } from '../../server/src/core/formats/cdk/flags';
import { analyzeCdk, rules } from './cdk-engine';
import { FIXTURE_APPS } from './fixture-apps';
import { ROOT } from './l1-schema-gen';
import { allowed, constructPath, coreRules, coreTypes, keyed, NAG_TO_RULE, table, type AllowEntry, type Difference, type Status } from './outcomes';

const APPS = path.join(ROOT, 'test/differential/apps');
const ALLOW: AllowEntry[] = parse(fs.readFileSync(path.join(ROOT, 'test/differential/allow-list.yaml'), 'utf8')) ?? [];
const STACK = 'Fixture';

const agreement = new Map<string, { agree: number; differ: number; allowed: number }>();
const nag = new Map<string, { agree: number; nagOnly: number; oursOnly: number }>();
const differences: (Difference & { reason?: string })[] = [];

function count<T>(map: Map<string, T>, key: string, init: T): T {
  if (!map.has(key)) map.set(key, init);
  return map.get(key)!;
}

type Template = { Resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }> };
type Violation = { ruleName: string; violatingConstructs: { constructPath: string }[] };

/** Synthesizes one app in-process with cdk-nag's HIPAA.Security pack as a validation plugin. */
function synth(Stack: (typeof FIXTURE_APPS)[string], flags: Record<string, unknown>): { template: Template; violations: Violation[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-cdk-'));
  const app = new App({ outdir, analyticsReporting: false, context: { ...flags, 'aws:cdk:enable-path-metadata': true } });
  new Stack(app, STACK);
  Validations.of(app).addPlugins(new HIPAASecurityChecks(app));
  const quiet = { log: console.log, error: console.error, warn: console.warn };
  console.log = console.error = console.warn = () => undefined; // the plugin prints every violation
  try {
    app.synth();
  } catch (e) {
    if (!/Validation failed/.test(String((e as Error).message))) throw e;
  } finally {
    Object.assign(console, quiet);
  }
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(outdir, f), 'utf8'));
  const report = fs.existsSync(path.join(outdir, 'validation-report.json')) ? read('validation-report.json') : { pluginReports: [] };
  const template = read(`${STACK}.template.json`) as Template;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { template, violations: report.pluginReports.flatMap((p: { violations: Violation[] }) => p.violations) };
}

for (const [name, Stack] of Object.entries(FIXTURE_APPS)) {
  test(`CDK source and synthesized template agree: ${name}`, () => {
    const source = path.join(APPS, name, 'stack.ts');
    const flags = readCdkFeatureFlags(source, APPS) ?? {};
    const { template, violations } = synth(Stack, flags);
    const ruleSet = rules();
    const core = coreRules(ruleSet);
    const types = coreTypes(ruleSet);

    const cfn = analyze({ file: 'x.json', text: JSON.stringify(template, null, 2), force: true, rules: ruleSet });
    const pathOf = constructPath(template, STACK);
    const viaCfn = keyed(cfn.outcomes, pathOf, core);
    const cdk = analyzeCdk(source, fs.readFileSync(source, 'utf8'), { featureFlags: flags, rules: ruleSet });
    const viaCdk = keyed(cdk.outcomes, (r) => r, core);

    const cfnResources = new Map(Object.entries(template.Resources).map(([id, r]) => [pathOf(id) ?? id, r.Type]));
    const cdkResources = new Map(cdk.template.resources.map((r) => [r.name, r.type]));
    const found: Difference[] = [];
    for (const [res, type] of cfnResources) if (types.has(type) && !cdkResources.has(res)) found.push({ fixture: name, resource: res, rule: '(resource)', cfn: 'absent', cdk: 'absent' });
    for (const [res, type] of cdkResources) if (types.has(type) && !cfnResources.has(res)) found.push({ fixture: name, resource: res, rule: '(resource)', cdk: 'absent' });
    for (const key of new Set([...viaCfn.keys(), ...viaCdk.keys()])) {
      const [res, rule] = key.split('|');
      if (!cfnResources.has(res) || !cdkResources.has(res)) continue;
      const a: Status | 'absent' = viaCfn.get(key) ?? 'absent';
      const b: Status | 'absent' = viaCdk.get(key) ?? 'absent';
      const stats = count(agreement, rule, { agree: 0, differ: 0, allowed: 0 });
      if (a === b) {
        stats.agree++;
        continue;
      }
      const d = { fixture: name, resource: res, rule, cfn: a, cdk: b };
      const ok = allowed(d, ALLOW);
      if (ok) stats.allowed++;
      else stats.differ++;
      found.push(d);
    }

    // cdk-nag: an error annotation naming one of its rules is a failure of the rule we map it to.
    const nagFails = new Set<string>();
    for (const v of violations) {
      const ours = NAG_TO_RULE[v.ruleName.replace(/^HIPAA\.Security-/, '')];
      for (const c of ours ? v.violatingConstructs : []) nagFails.add(`${c.constructPath.slice(STACK.length + 1).replace(/\/Resource$/, '')}|${ours}`);
    }
    const shared = new Set(Object.values(NAG_TO_RULE));
    for (const [key, status] of viaCfn) {
      const rule = key.split('|')[1];
      if (!shared.has(rule) || status === 'unknown') continue;
      const n = count(nag, rule, { agree: 0, nagOnly: 0, oursOnly: 0 });
      const theirs = nagFails.has(key);
      if ((status === 'fail') === theirs) n.agree++;
      else if (theirs) n.nagOnly++;
      else n.oursOnly++;
    }

    const unexplained = found.filter((d) => !allowed(d, ALLOW));
    differences.push(...found.map((d) => ({ ...d, reason: allowed(d, ALLOW)?.reason })));
    assert.deepEqual(unexplained, [], `unexplained differences in ${name} (add them to allow-list.yaml with a reason, or fix the adapter)`);
  });
}

after(() => {
  const rows = [['rule', 'agree', 'allowed', 'differ']];
  for (const [rule, s] of [...agreement].sort()) rows.push([rule, String(s.agree), String(s.allowed), String(s.differ)]);
  console.log(`\nCDK source vs synthesized template, outcomes per construct and core rule:\n${table(rows)}`);
  if (differences.length) {
    console.log('\nDifferences (allowed ones with their reason):');
    for (const d of differences) console.log(`  ${d.fixture} ${d.resource} ${d.rule}: template ${d.cfn}, source ${d.cdk}${d.reason ? ` — ${d.reason}` : ' — NOT ALLOWED'}`);
  }
  const nagRows = [['rule', 'agree', 'cdk-nag only', 'hipaa-lint only']];
  for (const [rule, s] of [...nag].sort()) nagRows.push([rule, String(s.agree), String(s.nagOnly), String(s.oursOnly)]);
  console.log(`\ncdk-nag HIPAA.Security vs hipaa-lint on the synthesized templates (report only):\n${table(nagRows)}`);
});
