/** Where a rule's documentation page lives (generated into docs/rules/ from rules/). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

export function docsDirFor(rulesDir: string): string {
  return path.join(path.dirname(rulesDir), 'docs', 'rules');
}

const uris = new Map<string, string>();

/** The rule's page, or the rule index when the page is missing; looked up once per rule. */
export function ruleDocUri(docsDir: string, ruleId: string): string {
  const key = `${docsDir}\n${ruleId}`;
  let uri = uris.get(key);
  if (!uri) {
    const file = path.join(docsDir, `${ruleId}.md`);
    uri = URI.file(fs.existsSync(file) ? file : path.join(docsDir, 'README.md')).toString();
    uris.set(key, uri);
  }
  return uri;
}
