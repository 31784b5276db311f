/** Where a rule's documentation page lives (generated into docs/rules/ from rules/). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

export function docsDirFor(rulesDir: string): string {
  return path.join(path.dirname(rulesDir), 'docs', 'rules');
}

export function ruleDocUri(docsDir: string, ruleId: string): string {
  const file = path.join(docsDir, `${ruleId}.md`);
  return fs.existsSync(file) ? URI.file(file).toString() : URI.file(path.join(docsDir, 'README.md')).toString();
}
