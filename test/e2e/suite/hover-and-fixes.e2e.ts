/** Hovers and quick fixes through the real VS Code command API, applied with `workspace.applyEdit`. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './framework';
import { expectCodes, applyAction, citationOf, describeDiagnostics, find, fixture, hoverText, open, quickFixes, revert, waitFor, waitForCodes, waitForStatus } from './helpers';

test('hover on a finding cites the whitepaper section and page (YAML and JSON)', async () => {
  const c = citationOf('rds.storage-encrypted');
  for (const [file, position] of [['database.yaml', new vscode.Position(7, 26)], ['database.json', new vscode.Position(8, 30)]] as const) {
    const doc = await open(fixture('alpha', file));
    await expectCodes(doc.uri, ['rds.backup-enabled', 'rds.storage-encrypted']);
    const text = await hoverText(doc.uri, position);
    assert.match(text, /rds\.storage-encrypted/, `${file}: hover names the rule`);
    assert.ok(text.includes(c.document), `${file}: hover cites "${c.document}":\n${text}`);
    assert.ok(text.includes(`section "${c.title}", page ${c.page}`), `${file}: hover cites section "${c.title}", page ${c.page}:\n${text}`);
    assert.match(text, /45 CFR 164\.312/, `${file}: hover names the HIPAA Security Rule paragraph`);
  }
});

test('hover on a resource Type shows the service guidance', async () => {
  const doc = await open(fixture('alpha', 'database.yaml'));
  await expectCodes(doc.uri, ['rds.backup-enabled', 'rds.storage-encrypted']);
  const text = await hoverText(doc.uri, new vscode.Position(4, 14)); // on AWS::RDS::DBInstance
  assert.match(text, /AWS::RDS::DBInstance/);
  assert.match(text, /whitepaper page \d+/);
  assert.match(text, /✗ fails \| `rds\.storage-encrypted`/);
});

for (const [file, line, fixed] of [
  ['database.yaml', 7, '      StorageEncrypted: true'],
  ['database.json', 8, '        "StorageEncrypted": true,'],
] as const) {
  test(`quick fix on ${file}: the text changes and the diagnostic goes away`, async () => {
    const doc = await open(fixture('alpha', file));
    try {
      await expectCodes(doc.uri, ['rds.backup-enabled', 'rds.storage-encrypted']);
      const diagnostic = find(doc.uri, 'rds.storage-encrypted')!;
      const actions = await quickFixes(doc.uri, diagnostic);
      const titles = actions.map((a) => a.title);
      const fix = actions.find((a) => a.isPreferred && /StorageEncrypted/.test(a.title));
      assert.ok(fix, `no preferred StorageEncrypted fix among: ${titles.join(' | ')}`);
      assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.ok(titles.some((t) => /^Suppress rds\.storage-encrypted for Database with a reason$/.test(t)), `no suppress action among: ${titles.join(' | ')}`);
      await applyAction(fix);
      assert.equal(doc.lineAt(line).text, fixed);
      // Gone after the server re-analysed the edited text, while the other finding stays.
      await waitForCodes(doc.uri, ['rds.backup-enabled'], `${file}: rds.storage-encrypted to go away after the fix`);
      await waitForStatus(doc.uri, /^HIPAA: 1 finding$/);
    } finally {
      await revert(doc);
    }
    await waitForCodes(doc.uri, ['rds.backup-enabled', 'rds.storage-encrypted'], `${file}: the finding to come back after revert`);
  });
}

test('"suppress with a reason" inserts the suppression; with a reason written, the finding is suppressed', async () => {
  const doc = await open(fixture('alpha', 'database.yaml'));
  try {
    await expectCodes(doc.uri, ['rds.backup-enabled', 'rds.storage-encrypted']);
    const actions = await quickFixes(doc.uri, find(doc.uri, 'rds.storage-encrypted')!);
    const suppress = actions.find((a) => /^Suppress rds\.storage-encrypted/.test(a.title));
    assert.ok(suppress, `no suppress action among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.notEqual(suppress.isPreferred, true);
    await applyAction(suppress);
    const lines = doc.getText().split('\n');
    const at = lines.findIndex((l) => /#\s*hipaa:ignore rds\.storage-encrypted -- <reason>/.test(l));
    assert.ok(at >= 0, `suppression comment not inserted:\n${doc.getText()}`);
    assert.equal(lines[at + 1].trim(), 'StorageEncrypted: false', 'the comment goes right above the property');
    // A placeholder is not a reason: the finding stays and the suppression itself is reported.
    await waitForCodes(doc.uri, ['rds.backup-enabled', 'rds.storage-encrypted', 'suppression.missing-reason']);
    const col = lines[at].indexOf('<reason>');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(at, col, at, col + '<reason>'.length), 'e2e fixture, never holds PHI');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForCodes(doc.uri, ['rds.backup-enabled'], 'the reasoned suppression to hide rds.storage-encrypted');
    await waitForStatus(doc.uri, /^HIPAA: 1 finding, 1 suppressed$/);
  } finally {
    await revert(doc);
  }
  await waitForCodes(doc.uri, ['rds.backup-enabled', 'rds.storage-encrypted'], 'the finding to come back after revert');
});

test('"suppress with a reason" on JSON adds it to the resource Metadata', async () => {
  const doc = await open(fixture('alpha', 'database.json'));
  try {
    await expectCodes(doc.uri, ['rds.backup-enabled', 'rds.storage-encrypted']);
    const actions = await quickFixes(doc.uri, find(doc.uri, 'rds.storage-encrypted')!);
    const suppress = actions.find((a) => /^Suppress rds\.storage-encrypted/.test(a.title));
    assert.ok(suppress, `no suppress action among: ${actions.map((a) => a.title).join(' | ')}`);
    await applyAction(suppress);
    assert.match(doc.getText(), /"Metadata"/);
    assert.match(doc.getText(), /rds\.storage-encrypted/);
    assert.doesNotThrow(() => JSON.parse(doc.getText()), 'the JSON stays valid');
    await waitFor(
      'suppression.missing-reason on the JSON placeholder',
      () => find(doc.uri, 'suppression.missing-reason'),
      () => describeDiagnostics(doc.uri),
    );
  } finally {
    await revert(doc);
  }
  await waitForCodes(doc.uri, ['rds.backup-enabled', 'rds.storage-encrypted'], 'the JSON finding to come back after revert');
});
