/** The files of a Terraform module (the `.tf` files and tfvars of one folder), open buffers winning over disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { SourceFile } from '../core/engine';
import { isTfvars } from '../core/formats/terraform/module';

const isModuleFile = (name: string) => name.endsWith('.tf') || isTfvars(name);

export function moduleSiblings(file: string, documents: TextDocuments<TextDocument>): SourceFile[] {
  if (!file.endsWith('.tf')) return [];
  const dir = path.dirname(file);
  const byFile = new Map<string, string>();
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter(isModuleFile);
  } catch {
    // an unsaved file in a folder that cannot be listed: the open buffers still count
  }
  for (const name of names) {
    const full = path.join(dir, name);
    if (full === file) continue;
    try {
      byFile.set(full, fs.readFileSync(full, 'utf8'));
    } catch {
      // unreadable on disk: left out of the module (and not logged: only its name is known here)
    }
  }
  for (const doc of documents.all()) {
    const other = URI.parse(doc.uri).fsPath;
    if (other !== file && path.dirname(other) === dir && isModuleFile(path.basename(other))) byFile.set(other, doc.getText());
  }
  return [...byFile].map(([f, text]) => ({ file: f, text }));
}

export function openModuleSiblings(uri: string, documents: TextDocuments<TextDocument>): TextDocument[] {
  const file = URI.parse(uri).fsPath;
  if (!isModuleFile(path.basename(file))) return [];
  const dir = path.dirname(file);
  return documents.all().filter((d) => d.uri !== uri && URI.parse(d.uri).fsPath.endsWith('.tf') && path.dirname(URI.parse(d.uri).fsPath) === dir);
}
