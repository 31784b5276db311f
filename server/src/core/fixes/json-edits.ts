/** Fix plans rendered as JSON edits with jsonc-parser's `modify` (keeps indentation and commas). */
import { findNodeAtLocation, findNodeAtOffset, getNodePath, modify, parseTree, type EditResult, type JSONPath, type Node } from 'jsonc-parser';
import { LineIndex } from '../model/positions';
import type { Position, Resource, Template, Value } from '../model/types';
import { insertAt, keepStringType, type TextEdit } from './text-edits';
import { nest } from './yaml-text';

export class JsonEditor {
  private readonly index: LineIndex;
  private readonly root: Node | undefined;
  private readonly formatting: { insertSpaces: boolean; tabSize: number; eol: string };

  constructor(private readonly template: Template) {
    this.index = new LineIndex(template.text);
    this.root = parseTree(template.text, [], { allowTrailingComma: true });
    const indent = /\n([ \t]+)\S/.exec(template.text)?.[1] ?? '  ';
    this.formatting = {
      insertSpaces: !indent.startsWith('\t'),
      tabSize: indent.startsWith('\t') ? 1 : indent.length,
      eol: template.text.includes('\r\n') ? '\r\n' : '\n',
    };
  }

  private toEdits(result: EditResult): TextEdit[] {
    return result.map((e) => ({ range: this.index.range(e.offset, e.offset + e.length), newText: e.content }));
  }

  pathOf(at: Position): JSONPath | undefined {
    if (!this.root) return undefined;
    const node = findNodeAtOffset(this.root, this.index.offset(at), true);
    if (!node) return undefined;
    // A key's node is the property name: step up to the property's value.
    const target = node.parent?.type === 'property' && node.parent.children?.[0] === node ? node.parent.children[1] ?? node : node;
    return getNodePath(target);
  }

  set(path: JSONPath, value: unknown): TextEdit[] {
    return this.toEdits(modify(this.template.text, path, value, { formattingOptions: this.formatting }));
  }

  replace(value: Value, newValue: unknown): TextEdit[] {
    const path = this.pathOf(value.range.start);
    return path ? this.set(path, keepStringType(value, newValue)) : [];
  }

  setIn(container: Value, missing: string[], value: unknown): TextEdit[] {
    // An object written on one line stays on one line (jsonc's modify would spread it out).
    if (container.kind === 'map' && container.entries.length && container.range.start.line === container.range.end.line && missing.length) {
      const [first, ...rest] = missing;
      const text = `${JSON.stringify(first)}: ${inlineJson(nest(rest, value))}`;
      return [insertAt(container.entries[container.entries.length - 1].value.range.end, `, ${text}`)];
    }
    const path = this.pathOf(container.range.start);
    return path ? this.set([...path, ...missing], value) : [];
  }

  addProperties(resource: Resource, missing: string[], value: unknown): TextEdit[] {
    return this.set(['Resources', resource.name, 'Properties', ...missing], value);
  }

  append(list: Value & { kind: 'seq' }, item: unknown): TextEdit[] {
    const last = list.items[list.items.length - 1];
    if (last) {
      // After the last item, in its style: inline items stay inline, on their own line if the list is multi-line.
      const oneLine = last.range.start.line === last.range.end.line;
      const multiLineList = list.range.start.line !== list.range.end.line;
      const indent = ' '.repeat(last.range.start.character);
      const rendered = oneLine ? inlineJson(item) : JSON.stringify(item, null, this.formatting.insertSpaces ? this.formatting.tabSize : '\t').replace(/\n/g, `${this.formatting.eol}${indent}`);
      return [insertAt(last.range.end, multiLineList ? `,${this.formatting.eol}${indent}${rendered}` : `, ${rendered}`)];
    }
    const path = this.pathOf(list.range.start);
    if (!path) return [];
    return this.toEdits(modify(this.template.text, [...path, list.items.length], item, { formattingOptions: this.formatting, isArrayInsertion: true }));
  }

  addResource(name: string, body: Record<string, unknown>): TextEdit[] {
    return this.set(['Resources', name], body);
  }

  suppressInMetadata(resource: Resource, ruleId: string, reason: string): TextEdit[] {
    const ignorePath = ['Resources', resource.name, 'Metadata', 'hipaa', 'ignore'];
    const existing = this.root ? findNodeAtLocation(this.root, ignorePath) : undefined;
    const index = existing?.type === 'array' ? existing.children?.length ?? 0 : undefined;
    if (index === undefined) return this.set(ignorePath, [{ id: ruleId, reason }]);
    return this.toEdits(modify(this.template.text, [...ignorePath, index], { id: ruleId, reason }, { formattingOptions: this.formatting, isArrayInsertion: true }));
  }
}


/** JSON on one line, spaced like hand-written inline objects: { "a": 1, "b": [1, 2] }. */
export function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(value ?? null);
}
