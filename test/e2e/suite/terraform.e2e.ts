/** Terraform in a real VS Code: a two-file module (the bucket's encryption lives in storage.tf), hover, HCL fix. */
import * as assert from 'node:assert/strict';
import { test } from './framework';
import { applyAction, expectCodes, find, fixture, hoverText, open, quickFixes, revert, waitForCodes } from './helpers';

const MODULE_CODES = ['rds.storage-encrypted', 's3.access-logging', 's3.public-access-block', 's3.ssl-requests-only', 's3.versioning'];

test('Terraform: a two-file module gets module-wide findings (no encryption finding: storage.tf encrypts the bucket)', async () => {
  const doc = await open(fixture('alpha', 'terraform/main.tf'));
  await expectCodes(doc.uri, MODULE_CODES);
  const d = find(doc.uri, 'rds.storage-encrypted')!;
  assert.equal(doc.getText(d.range), 'false');
  assert.match(d.message, /^storage_encrypted is false/);
  assert.equal(doc.getText(find(doc.uri, 's3.versioning')!.range), '"aws_s3_bucket" "records"');
});

test('Terraform: the hover cites the whitepaper and the HCL quick fix repairs the attribute', async () => {
  const doc = await open(fixture('alpha', 'terraform/main.tf'));
  await expectCodes(doc.uri, MODULE_CODES);
  const d = find(doc.uri, 'rds.storage-encrypted')!;
  const hover = await hoverText(doc.uri, d.range.start.translate(0, 1));
  assert.match(hover, /page \d+/);
  try {
    const fix = (await quickFixes(doc.uri, d)).find((a) => a.isPreferred);
    assert.ok(fix, 'no preferred quick fix');
    await applyAction(fix);
    assert.match(doc.getText(), /storage_encrypted\s+= true/);
    await waitForCodes(doc.uri, MODULE_CODES.filter((c) => c !== 'rds.storage-encrypted'));
  } finally {
    await revert(doc);
  }
  await waitForCodes(doc.uri, MODULE_CODES, 'the finding to come back after revert');
});
