/**
 * Generated from every rule's examples: each failing snippet fires exactly this rule at the marked
 * ranges («…»), each passing snippet does not fire it, and the rule's fix turns each failing
 * snippet into text that parses and passes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/engine';
import { loadRuleSet } from '../../server/src/core/rules/loader';
import { fileNameFor, showRange, stripMarkers } from '../helpers/markers';
import { applyFirstFix } from '../helpers/fixes';

const rules = loadRuleSet();

function snippets(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

for (const rule of rules.rules) {
  describe(rule.id, () => {
    for (const [format, examples] of Object.entries(rule.examples ?? {})) {
      const file = `/examples/${fileNameFor(format)}`;
      snippets(examples?.fail).forEach((marked, i) => {
        const { text, ranges } = stripMarkers(marked);
        it(`${format} failing example ${i + 1} fires at the marked ranges`, () => {
          assert.ok(ranges.length > 0, 'a failing example must mark where the finding goes with «…»');
          const result = analyze({ file, text, rules });
          assert.equal(result.status, 'analysed', result.reason);
          assert.deepEqual(result.problems, [], 'the example must parse cleanly');
          assert.deepEqual(result.ruleErrors, []);
          const got = result.findings.filter((f) => f.ruleId === rule.id && !f.suppressed).map((f) => showRange(f.range)).sort();
          assert.deepEqual(got, ranges.map(showRange).sort());
        });
        if (rule.targets.some((t) => t.fix)) {
          it(`${format} failing example ${i + 1} is repaired by the fix`, () => {
            const fixed = applyFirstFix(file, text, rule.id, rules);
            const after = analyze({ file, text: fixed, rules });
            assert.equal(after.status, 'analysed', `${after.reason}:\n${fixed}`);
            assert.deepEqual(after.problems, [], `the fixed text must parse:\n${fixed}`);
            const left = after.findings.filter((f) => f.ruleId === rule.id && !f.suppressed);
            assert.equal(left.length, 0, `still fires after the fix:\n${fixed}\n${left.map((f) => f.message).join('\n')}`);
          });
        }
      });
      snippets(examples?.pass).forEach((text, i) => {
        it(`${format} passing example ${i + 1} does not fire`, () => {
          const result = analyze({ file, text, rules });
          assert.equal(result.status, 'analysed', result.reason);
          assert.deepEqual(result.problems, [], 'the example must parse cleanly');
          const got = result.findings.filter((f) => f.ruleId === rule.id && !f.suppressed);
          assert.deepEqual(got.map((f) => `${showRange(f.range)} ${f.message}`), []);
        });
      });
    }
  });
}
