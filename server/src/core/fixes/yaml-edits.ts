/** Fix plans rendered as minimal YAML text edits that keep the file's indentation and flow/block style. */
import type { MapValue, Position, Resource, SeqValue, Template, Value } from '../model/types';
import { asMap } from '../model/values';
import { insertAt, keepStringType, type TextEdit } from './text-edits';
import { nest, yamlEntryLines, yamlInline, yamlItemLines, type YamlStyle } from './yaml-text';

export class YamlEditor {
  private readonly lines: string[];
  readonly style: YamlStyle;

  constructor(private readonly template: Template) {
    this.lines = template.text.split('\n').map((l) => l.replace(/\r$/, ''));
    this.style = {
      unit: ' '.repeat(detectUnit(template.resources)),
      eol: template.text.includes('\r\n') ? '\r\n' : '\n',
      shortForm: /(^|\s)!(Ref|GetAtt|Sub)\s/m.test(template.text) || !/\bRef:\s/.test(template.text),
    };
  }

  private indentOf(line: number): string {
    return /^\s*/.exec(this.lines[line] ?? '')![0];
  }

  /** The end of the last line a value occupies (block scalars end at column 0 of the next line). */
  private endOfValue(value: Value): Position {
    let line = value.range.end.line;
    if (value.range.end.character === 0 && line > value.range.start.line) line--;
    // Trailing comments may sit inside a collection's range; a block scalar's lines are content.
    if (value.kind !== 'scalar') while (line > value.range.start.line && /^\s*(#.*)?$/.test(this.lines[line] ?? '')) line--;
    return { line, character: (this.lines[line] ?? '').length };
  }

  replace(value: Value, newValue: unknown): TextEdit[] {
    return [{ range: value.range, newText: yamlInline(keepStringType(value, newValue), this.style) }];
  }

  /** Adds `path: value` under an existing map. */
  setIn(container: MapValue, path: string[], value: unknown): TextEdit[] {
    const [first, ...rest] = path;
    const nested = nest(rest, value);
    if (container.flow) {
      const text = `${yamlInline(first, this.style)}: ${yamlInline(nested, this.style)}`;
      if (!container.entries.length) return [{ range: container.range, newText: `{ ${text} }` }];
      const last = container.entries[container.entries.length - 1].value;
      return [insertAt(last.range.end, `, ${text}`)];
    }
    let indent: string;
    let at: Position;
    if (container.entries.length) {
      indent = ' '.repeat(container.entries[0].keyRange.start.character);
      const last = container.entries[container.entries.length - 1];
      at = this.endOfValue(last.value);
    } else {
      // An empty value (`Properties:`): indent one level below its key's line.
      const keyLine = container.range.start.line;
      indent = this.indentOf(keyLine) + this.style.unit;
      at = { line: keyLine, character: (this.lines[keyLine] ?? '').length };
      if (container.range.end.character > container.range.start.character) {
        return [{ range: container.range, newText: `${this.style.eol}${yamlEntryLines(first, nested, indent, this.style).join(this.style.eol)}` }];
      }
    }
    return [insertAt(at, this.style.eol + yamlEntryLines(first, nested, indent, this.style).join(this.style.eol))];
  }

  /** Creates `Properties:` (with `path: value` below it) on a resource that has none. */
  addProperties(resource: Resource, path: string[], value: unknown): TextEdit[] {
    const body = resource.body;
    if (!body || !body.entries.length) return [];
    if (body.flow) return this.setIn(body, ['Properties', ...path], value);
    const indent = ' '.repeat(body.entries[0].keyRange.start.character);
    const at = this.endOfValue(body.entries[body.entries.length - 1].value);
    return [insertAt(at, this.style.eol + yamlEntryLines('Properties', nest(path, value), indent, this.style).join(this.style.eol))];
  }

  append(list: SeqValue, item: unknown): TextEdit[] {
    if (list.flow || !list.items.length) {
      if (!list.items.length) return [{ range: list.range, newText: `[${yamlInline(item, this.style)}]` }];
      return [insertAt(list.items[list.items.length - 1].range.end, `, ${yamlInline(item, this.style)}`)];
    }
    const first = list.items[0].range.start;
    const dash = (this.lines[first.line] ?? '').lastIndexOf('-', first.character);
    const indent = ' '.repeat(Math.max(dash, 0));
    const at = this.endOfValue(list.items[list.items.length - 1]);
    return [insertAt(at, this.style.eol + yamlItemLines(item, indent, this.style).join(this.style.eol))];
  }

  addResource(name: string, body: Record<string, unknown>): TextEdit[] {
    const existing = this.template.resources;
    if (!existing.length) return [];
    const indent = ' '.repeat(existing[0].nameRange.start.character);
    const last = existing.reduce((a, b) => (b.range.end.line > a.range.end.line ? b : a));
    const at = this.endOfValue({ ...last.body!, range: last.range });
    const lines = yamlEntryLines(name, body, indent, this.style);
    return [insertAt(at, this.style.eol + lines.join(this.style.eol))];
  }

  /** A `# hipaa:ignore` comment on the line above `line`, at that line's indentation. */
  suppressAbove(line: number, ruleId: string, reasonPlaceholder: string): TextEdit[] {
    const indent = this.indentOf(line);
    return [insertAt({ line, character: 0 }, `${indent}# hipaa:ignore ${ruleId} -- ${reasonPlaceholder}${this.style.eol}`)];
  }
}

function detectUnit(resources: Resource[]): number {
  for (const r of resources) {
    const type = asMap(r.body)?.entries[0];
    if (type && !r.body?.flow) {
      const unit = type.keyRange.start.character - r.nameRange.start.character;
      if (unit > 0 && unit <= 8) return unit;
    }
  }
  return 2;
}
