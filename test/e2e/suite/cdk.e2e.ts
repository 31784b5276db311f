/** AWS CDK in a real VS Code: findings in construct code as typed (no synth), hover, and a props-object fix. */
import * as assert from 'node:assert/strict';
import { test } from './framework';
import { applyAction, expectCodes, find, fixture, hoverText, open, quickFixes, revert, waitForCodes } from './helpers';

test('CDK: a DatabaseInstance without storageEncrypted is reported on its construct id, and the fix adds the prop', async () => {
  const doc = await open(fixture('alpha', 'cdk/data-stack.ts'));
  assert.equal(doc.languageId, 'typescript');
  await expectCodes(doc.uri, ['rds.storage-encrypted']);
  const d = find(doc.uri, 'rds.storage-encrypted')!;
  assert.equal(doc.getText(d.range), "'Claims'");
  assert.match(await hoverText(doc.uri, d.range.start.translate(0, 2)), /page \d+/);
  try {
    const fix = (await quickFixes(doc.uri, d)).find((a) => a.isPreferred);
    assert.ok(fix, 'no preferred quick fix');
    await applyAction(fix);
    assert.match(doc.getText(), /storageEncrypted: true/);
    await waitForCodes(doc.uri, []);
  } finally {
    await revert(doc);
  }
  await waitForCodes(doc.uri, ['rds.storage-encrypted'], 'the finding to come back after revert');
});
