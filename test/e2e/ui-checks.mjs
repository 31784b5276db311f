#!/usr/bin/env node
// UI checks with Playwright on the real VS Code workbench (code-server 4.100.3): what a person
// sees — the squiggle under the right token, the Problems panel row, the hover with the whitepaper
// citation, and the quick-fix menu applied from the keyboard. Screenshots go to test-results/e2e/.
//
// Run alone with `node test/e2e/ui-checks.mjs [--vsix] [--update-screenshot]` (same as
// `node test/e2e/run-code-server.mjs --ui-only ...`); the harness runs it as its second phase.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyWorkspace, log, REPO, waitFor, WAIT_MS, workbenchUrl } from './lib/code-server.mjs';

const FILE = 'database.yaml';
const RULE = 'rds.storage-encrypted';

/** In the page: every squiggle of a severity with the text under it and its line's text. */
function squiggles(page, severity) {
  return page.evaluate((cls) => {
    const norm = (s) => s.replace(/\u00a0/g, ' ');
    const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')];
    return [...document.querySelectorAll(`.monaco-editor .${cls}`)].map((sq) => {
      const box = sq.getBoundingClientRect();
      const midY = (box.top + box.bottom) / 2;
      const line = lines.find((l) => {
        const r = l.getBoundingClientRect();
        return midY >= r.top && midY <= r.bottom;
      });
      let token = '';
      if (line) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (let i = 0; i < n.length; i++) {
            const range = document.createRange();
            range.setStart(n, i);
            range.setEnd(n, i + 1);
            const r = range.getBoundingClientRect();
            const mid = (r.left + r.right) / 2;
            if (mid > box.left && mid < box.right) token += n.data[i];
          }
        }
      }
      return {
        token: norm(token),
        line: line ? norm(line.textContent ?? '') : undefined,
        box: { x: box.left, y: box.top, width: box.width, height: box.height },
      };
    });
  }, `squiggly-${severity}`);
}

async function editorText(page) {
  return (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

async function storageSquiggle(page) {
  const all = await squiggles(page, 'error');
  return all.find((s) => /StorageEncrypted:/.test(s.line ?? ''));
}

export async function runUiChecks(browser, server, runDir, { extensionDevelopmentPath, resultsDir, updateScreenshot }) {
  fs.mkdirSync(resultsDir, { recursive: true });
  const ws = copyWorkspace(runDir, 'ui-workspace');
  const url = workbenchUrl(server, { folder: path.join(ws, 'alpha'), extensionDevelopmentPath });
  log(`UI checks: ${url}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const consoleLog = fs.createWriteStream(path.join(runDir, 'ui-browser-console.log'));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack ?? e}\n`));
  page.setDefaultTimeout(WAIT_MS);
  const result = { name: 'UI checks', passed: 0, failed: 0 };
  let n = 0;
  let broken;
  const shot = (name) => page.screenshot({ path: path.join(resultsDir, `${name}.png`), animations: 'disabled' });
  const check = async (name, fn) => {
    n++;
    const started = Date.now();
    if (broken) {
      result.failed++;
      console.log(`not ok ${n} - ui: ${name} (not run: "${broken}" failed)`);
      return;
    }
    try {
      await fn();
      result.passed++;
      console.log(`ok ${n} - ui: ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      result.failed++;
      broken = name;
      const file = `ui-failure-${n}`;
      await shot(file).catch(() => undefined);
      console.log(`not ok ${n} - ui: ${name} (${Date.now() - started} ms)`);
      for (const line of String(e.stack ?? e).split('\n')) console.log(`  # ${line}`);
      console.log(`  # screenshot: ${path.relative(REPO, path.join(resultsDir, file + '.png'))}`);
    }
  };

  try {
    await check(`the workbench opens ${FILE} from Quick Open`, async () => {
      await page.goto(url, { timeout: WAIT_MS });
      await page.locator('.monaco-workbench').waitFor();
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(FILE);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: FILE }).waitFor();
      await waitFor(`${FILE} to show in the editor`, async () => /StorageEncrypted: false/.test(await editorText(page)));
    });

    await check('error squiggles sit under the offending tokens, and the status bar counts them', async () => {
      const found = await waitFor('two error squiggles (rds.storage-encrypted, rds.backup-enabled)', async () => {
        const s = await squiggles(page, 'error');
        return s.length >= 2 && s.every((x) => x.token) ? s : undefined;
      });
      const storage = found.find((s) => /StorageEncrypted:/.test(s.line ?? ''));
      const backup = found.find((s) => /BackupRetentionPeriod:/.test(s.line ?? ''));
      if (storage?.token !== 'false') throw new Error(`squiggle on the StorageEncrypted line covers "${storage?.token}", expected "false": ${JSON.stringify(found)}`);
      if (backup?.token !== '0') throw new Error(`squiggle on the BackupRetentionPeriod line covers "${backup?.token}", expected "0": ${JSON.stringify(found)}`);
      if (found.some((s) => /Database:/.test(s.line ?? ''))) throw new Error('rds.not-public is off in alpha/.hipaa-lint.yaml but a squiggle is on the resource name');
      await page.locator('.statusbar-item', { hasText: 'HIPAA 2 findings' }).first().waitFor();
      await shot('squiggles');
    });

    await check('the Problems panel (Ctrl+Shift+M) lists the finding with its rule id', async () => {
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: RULE }).first();
      await row.waitFor();
      const text = await row.innerText();
      if (!/StorageEncrypted is false/.test(text)) throw new Error(`Problems row lacks the message: ${text}`);
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'rds.backup-enabled' }).first().waitFor();
      await shot('problems-panel');
    });

    await check('hovering the squiggle shows the whitepaper citation (section and page)', async () => {
      const sq = await storageSquiggle(page);
      if (!sq) throw new Error('no squiggle on the StorageEncrypted line');
      await page.mouse.move(sq.box.x + sq.box.width / 2, sq.box.y + sq.box.height / 2);
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /page \d+/ }).first();
      await hover.waitFor();
      const text = await hover.innerText();
      for (const want of [RULE, 'Architecting for HIPAA Security and Compliance on Amazon Web Services', 'page 8', '45 CFR 164.312']) {
        if (!text.includes(want)) throw new Error(`hover lacks "${want}":\n${text}`);
      }
      await shot('hover');
      if (updateScreenshot) {
        fs.copyFileSync(path.join(resultsDir, 'hover.png'), path.join(REPO, 'docs', 'screenshot.png'));
        log('docs/screenshot.png updated from the hover screenshot');
      }
    });

    await check('Ctrl+. on the squiggle opens the quick fixes; Enter applies the fix and the squiggle goes', async () => {
      await page.mouse.move(5, 400);
      const sq = await storageSquiggle(page);
      if (!sq) throw new Error('no squiggle on the StorageEncrypted line');
      await page.mouse.click(sq.box.x + sq.box.width / 2, sq.box.y + sq.box.height / 2);
      await page.keyboard.press('Escape');
      await page.locator('.monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden' }).catch(() => undefined);
      await page.keyboard.press('Control+.');
      const rows = page.locator('.action-widget .monaco-list-row');
      await rows.first().waitFor();
      await page.locator('.action-widget .monaco-list-row', { hasText: 'Set StorageEncrypted: true' }).first().waitFor();
      await shot('quick-fix-menu');
      // Enter applies the focused entry: move the focus to the fix if VS Code put another first.
      const focusedText = async () => (await page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => '')) || '';
      const count = await rows.count();
      for (let i = 0; i < count && !/Set StorageEncrypted: true/.test(await focusedText()); i++) await page.keyboard.press('ArrowDown');
      if (!/Set StorageEncrypted: true/.test(await focusedText())) throw new Error(`could not focus the fix; focused: "${await focusedText()}"`);
      await page.keyboard.press('Enter');
      await waitFor('the fix to change the text', async () => /StorageEncrypted: true/.test(await editorText(page)));
      await waitFor('the squiggle on StorageEncrypted to go away (rds.backup-enabled stays)', async () => {
        const s = await squiggles(page, 'error');
        return s.length === 1 && /BackupRetentionPeriod:/.test(s[0].line ?? '');
      });
      await page.locator('.markers-panel .monaco-list-row', { hasText: RULE }).first().waitFor({ state: 'detached' });
      await page.locator('.statusbar-item', { hasText: 'HIPAA 1 finding' }).first().waitFor();
      await shot('after-fix');
    });
  } finally {
    await context.close().catch(() => undefined);
    consoleLog.end();
  }
  return result;
}

// Run alone: delegate to the harness (it installs, starts and always stops code-server).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { spawn } = await import('node:child_process');
  const harness = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-code-server.mjs');
  const child = spawn(process.execPath, [harness, '--ui-only', ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => child.kill(s)); // the harness stops code-server
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
