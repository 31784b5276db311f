/**
 * Generated from every rule's examples: each failing snippet fires exactly this rule at the marked
 * ranges («…»), each passing snippet does not fire it, and the rule's fix turns each failing
 * snippet into text that parses and passes. A snippet may hold several files (`# file: x.tf`).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initTerraform } from '../../server/src/core/formats/terraform/runtime';
import { loadRuleSet } from '../../server/src/core/rules/loader';
import { analyzeFiles, applyRuleFixes } from '../helpers/fixes';
import { exampleFiles, showRange } from '../helpers/markers';

const rules = loadRuleSet();
const DIR = '/examples';

function snippets(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const where = (file: string, range: Parameters<typeof showRange>[0]) => `${path.basename(file)}:${showRange(range)}`;

before(async () => {
  await initTerraform();
});

for (const rule of rules.rules) {
  describe(rule.id, () => {
    for (const [format, examples] of Object.entries(rule.examples ?? {})) {
      snippets(examples?.fail).forEach((marked, i) => {
        const files = exampleFiles(marked, format, DIR);
        it(`${format} failing example ${i + 1} fires at the marked ranges`, () => {
          const expected = files.flatMap((f) => f.ranges.map((r) => where(f.file, r))).sort();
          assert.ok(expected.length > 0, 'a failing example must mark where the finding goes with «…»');
          const result = analyzeFiles(files, rules);
          assert.equal(result.status, 'analysed', result.reason);
          assert.deepEqual(result.problems, [], 'the example must parse cleanly');
          assert.deepEqual(result.ruleErrors, []);
          const got = result.findings.filter((f) => f.ruleId === rule.id && !f.suppressed).map((f) => where(f.file, f.range)).sort();
          assert.deepEqual(got, expected);
        });
        if (rule.targets.some((t) => t.fix && (!t.fix.formats || t.fix.formats.includes(format as never)))) {
          it(`${format} failing example ${i + 1} is repaired by the fix`, () => {
            const fixed = applyRuleFixes(files, rule.id, rules);
            const shown = fixed.map((f) => `--- ${path.basename(f.file)}\n${f.text}`).join('\n');
            const after = analyzeFiles(fixed, rules);
            assert.equal(after.status, 'analysed', `${after.reason}:\n${shown}`);
            assert.deepEqual(after.problems, [], `the fixed text must parse:\n${shown}`);
            const left = after.findings.filter((f) => f.ruleId === rule.id && !f.suppressed);
            assert.equal(left.length, 0, `still fires after the fix:\n${shown}\n${left.map((f) => f.message).join('\n')}`);
          });
        }
      });
      snippets(examples?.pass).forEach((marked, i) => {
        it(`${format} passing example ${i + 1} does not fire`, () => {
          const result = analyzeFiles(exampleFiles(marked, format, DIR), rules);
          assert.equal(result.status, 'analysed', result.reason);
          assert.deepEqual(result.problems, [], 'the example must parse cleanly');
          const got = result.findings.filter((f) => f.ruleId === rule.id && !f.suppressed);
          assert.deepEqual(got.map((f) => `${where(f.file, f.range)} ${f.message}`), []);
        });
      });
    }
  });
}
