/**
 * Fix plans rendered as Terraform (HCL) text edits: set or add an argument with the block's `=`
 * alignment, add a nested block, or add a split resource (`aws_s3_bucket_versioning`, a TLS-only
 * `aws_s3_bucket_policy` via jsonencode, a parameter group) after the resource it configures.
 * CloudFormation paths are mapped back to HCL through the `anchor` the adapter stores on maps and
 * lists, and the adapter table. A module spans files, so every edit says which file it changes.
 */
import { anchorOf, type HclAnchor } from '../formats/terraform/adapt';
import { snakeCase, type SpecNode } from '../formats/terraform/adapter-types';
import { SATELLITES } from '../formats/terraform/adapter-satellites';
import { RESOURCES, terraformTypeOf } from '../formats/terraform/adapter-table';
import type { HAttr, HBlock, HItem } from '../formats/terraform/hcl-ast';
import { blockAt, exprAt, heredocAt, textIn, topBlockOf } from '../formats/terraform/hcl-locate';
import { aligned, alignedRun, blockLines, emitFor, expression, jsonText, quote, refersTo, repetitionOf, statementBlock, type Emit, type RenderContext } from '../formats/terraform/hcl-render';
import { useKey } from '../formats/terraform/expressions';
import type { TerraformModule } from '../formats/terraform/module';
import { documentOwnerLiterals, selfLiterals } from '../formats/terraform/self-references';
import type { MapValue, Position, Range, Resource, SeqValue, Value } from '../model/types';
import { insertAt, type TextEdit } from './text-edits';

export interface HclTextEdit extends TextEdit {
  file: string;
}

/** A resource as fix specs write it (CloudFormation type and properties). */
export interface ResourceBody {
  Type: string;
  Properties?: Record<string, unknown>;
}

export class HclEditor {
  private readonly lines = new Map<string, string[]>();
  private readonly unit: string;
  /** Names of resources this editor added, as fixes spell them → their Terraform address. */
  private readonly added = new Map<string, string>();
  private readonly ctx: RenderContext;

  constructor(private readonly module: TerraformModule) {
    for (const f of module.files) this.lines.set(f.file, f.text.split('\n').map((l) => l.replace(/\r$/, '')));
    const sample = module.files.map((f) => /\n([ \t]+)\S/.exec(f.text)?.[1]).find(Boolean);
    this.unit = sample?.startsWith('\t') ? '\t' : ' '.repeat(Math.min(sample?.length ?? 2, 4) || 2);
    this.ctx = { unit: this.unit, address: (name) => this.addressOf(name) };
  }

  private addressOf(name: string): string | undefined {
    if (this.added.has(name)) return this.added.get(name);
    return this.module.resources.some((r) => r.name === name) ? name : undefined;
  }

  private itemsOf(file: string): HItem[] {
    return this.module.files.find((f) => f.file === file)?.items ?? [];
  }

  private indentOf(file: string, line: number): string {
    return /^\s*/.exec(this.lines.get(file)?.[line] ?? '')![0];
  }

  private eol(file: string): string {
    return this.module.files.find((f) => f.file === file)?.text.includes('\r\n') ? '\r\n' : '\n';
  }

  private edit(file: string, range: Range, newText: string): HclTextEdit {
    return { file, range, newText: newText.replace(/\n/g, this.eol(file)) };
  }

  /** Replaces a written value (an argument, a variable default, a JSON policy value). */
  replace(target: Value, newValue: unknown): HclTextEdit[] {
    const value = this.definitionOf(target);
    const items = this.itemsOf(value.file);
    const hit = exprAt(items, value.range);
    if (hit) {
      const map = this.module.valueMaps.get(value);
      let v = newValue;
      if (map) v = Object.entries(map).find(([, cfn]) => cfn === newValue)?.[0] ?? newValue;
      if (hit.expr.kind === 'literal' && hit.expr.quoted && (typeof v === 'boolean' || typeof v === 'number')) v = String(v);
      if (map && (v === 'true' || v === 'false')) v = v === 'true'; // versioning `enabled`
      const indent = this.indentOf(value.file, hit.expr.range.start.line);
      return [this.edit(value.file, hit.expr.range, expression(v, this.ctx, indent))];
    }
    if (heredocAt(items, value.range)) {
      const quoted = textIn(this.lines.get(value.file) ?? [], value.range).startsWith('"');
      const v = quoted && (typeof newValue === 'boolean' || typeof newValue === 'number') ? String(newValue) : newValue;
      return [this.edit(value.file, value.range, JSON.stringify(v))];
    }
    // A provider default: the argument is written.
    const site = this.module.providerDefaults.get(target);
    return site ? this.setIn(site.container, site.path, newValue) : [];
  }

  /** Writes `path: value` below a map of the model (an argument, a nested block, or a split resource). */
  setIn(container: MapValue, path: string[], value: unknown): HclTextEdit[] {
    const anchor = anchorOf(container) as HclAnchor | undefined;
    if (!anchor) return this.setInExpression(container, path, value);
    const full = [...anchor.path, ...path];
    const isRoot = anchor.block === anchor.top && !anchor.path.length && !!RESOURCES[anchor.tfType];
    const v3 = this.module.providerMajor !== undefined && this.module.providerMajor < 4;
    const indent = this.indentOf(anchor.file, anchor.block.typeRange.start.line) + this.unit;
    if (isRoot) {
      // v4+: split resources rather than the deprecated inline blocks; v3: inline blocks first.
      const own = emitFor(anchor.spec, full, value, this.ctx, indent, !v3);
      if (own) return this.insert(anchor.file, anchor.block, own);
      const satellite = this.satelliteFor(anchor, full, value);
      if (satellite) return satellite;
    }
    const emits = emitFor(anchor.spec, full, value, this.ctx, indent)
      ?? (isRoot && full.length === 1 ? [{ kind: 'attr' as const, name: snakeCase(full[0]), text: expression(value, this.ctx, indent) }] : undefined);
    return emits ? this.insert(anchor.file, anchor.block, emits) : [];
  }

  addProperties(resource: Resource, path: string[], value: unknown): HclTextEdit[] {
    return resource.properties ? this.setIn(resource.properties, path, value) : [];
  }

  /** Adds an item to a list: another nested block, a split resource, or an element of a tuple / JSON array. */
  append(list: SeqValue, item: unknown): HclTextEdit[] {
    const anchor = anchorOf(list) as HclAnchor | undefined;
    if (anchor?.satellites) return this.newSatellite(anchor, anchor.satellites, SATELLITES[anchor.satellites], [], item);
    if (anchor?.repeated) {
      // Only the block type the list is made of (root and EBS devices share BlockDeviceMappings).
      const spec: SpecNode = { blocks: { [anchor.repeated]: anchor.spec.blocks![anchor.repeated] } };
      const indent = this.indentOf(anchor.file, anchor.block.typeRange.start.line) + this.unit;
      const emits = emitFor(spec, anchor.path, [item], this.ctx, indent);
      return emits ? this.insert(anchor.file, anchor.block, emits) : [];
    }
    // A list read through a var / local grows where it is written.
    const { file, range } = list.origin ?? list;
    const items = this.itemsOf(file);
    const hit = exprAt(items, range);
    if (list.origin) return hit?.expr.kind === 'tuple' ? this.appendToTuple(file, hit.expr.range, hit.expr.items.map((i) => i.range), item, this.ctx) : [];
    const inline = hit ?? heredocAt(items, list.range); // a resource's own v3 inline policy cannot refer to it
    const ctx: RenderContext = inline?.block?.type === 'resource' ? { ...this.ctx, literal: selfLiterals(inline.block) } : this.ctx;
    if (hit?.expr.kind === 'tuple') return this.appendToTuple(list.file, hit.expr.range, hit.expr.items.map((i) => i.range), item, ctx);
    if (inline) return this.appendToJsonArray(list, item, ctx);
    const data = blockAt(items, list.range);
    if (data?.type === 'data' && data.labels[0] === 'aws_iam_policy_document' && item && typeof item === 'object') {
      const indent = this.indentOf(list.file, data.typeRange.start.line) + this.unit;
      return this.insert(list.file, data, [statementBlock(item as Record<string, unknown>, { ...this.ctx, literal: documentOwnerLiterals(this.module.files.flatMap((f) => f.items), data) }, indent)]);
    }
    return [];
  }

  /** Adds a resource (a fix's CloudFormation `{Type, Properties}`) after the resource it refers to. */
  addResource(after: Resource | MapValue | undefined, name: string, body: ResourceBody): HclTextEdit[] {
    const props = body.Properties ?? {};
    const tfType = terraformTypeOf(body.Type);
    if (!tfType) return [];
    const spec = RESOURCES[tfType];
    const label = this.uniqueLabel(tfType, snakeCase(name.slice(name.lastIndexOf('.') + 1)));
    this.added.set(name, `${tfType}.${label}`);
    const host = this.hostOf(after, props);
    const indent = this.unit;
    // A resource for each instance of a repeated resource it refers to (a policy per bucket).
    const owner = after && 'name' in after && refersTo(props, after.name) ? after.name : undefined;
    const repeat = owner && host.block ? repetitionOf(host.block, owner) : undefined;
    const ctx: RenderContext = repeat ? { ...this.ctx, instance: (a) => (a === owner ? repeat.base : undefined) } : this.ctx;
    const emits: Emit[] = [...(repeat?.meta ?? [])];
    emits.push(...Object.entries(spec.required ?? {}).map(([k, t]) => ({ kind: 'attr' as const, name: k, text: quote(t.replace('{label}', label).replace('{label-dashed}', label.replace(/_/g, '-'))) })));
    emits.push(...(emitFor(spec, [], props, ctx, indent) ?? []));
    return this.appendTopBlock(host, [tfType, label], emits);
  }

  /** A `# hipaa:ignore` comment above `line`, at that line's indentation. */
  suppressAbove(line: number, ruleId: string, reasonPlaceholder: string, file = this.module.file): HclTextEdit[] {
    return [this.edit(file, { start: { line, character: 0 }, end: { line, character: 0 } }, `${this.indentOf(file, line)}# hipaa:ignore ${ruleId} -- ${reasonPlaceholder}\n`)];
  }

  // ---- helpers ----

  /** A use of a var / local that is null is fixed at the `null` it comes from (as defaults are). */
  private definitionOf(value: Value): Value {
    let at: Value = value;
    for (let hops = 0; hops < 16; hops++) {
      const next = this.module.fixAt.get(useKey(at.file, at.range));
      if (!next) break;
      at = { ...at, ...next };
    }
    return at;
  }

  private uniqueLabel(tfType: string, wanted: string): string {
    const taken = new Set([...this.module.resources.map((r) => r.name), ...this.added.values()].filter((n) => n.startsWith(`${tfType}.`)).map((n) => n.split('.')[1]));
    for (const f of this.module.files) for (const i of f.items) if (i.kind === 'block' && i.type === 'resource' && i.labels[0] === tfType) taken.add(i.labels[1]);
    let label = wanted || 'this';
    for (let n = 2; taken.has(label); n++) label = `${wanted}_${n}`;
    return label;
  }

  /** Where a new resource goes: after the given resource, else after the first resource it refers to. */
  private hostOf(after: Resource | MapValue | undefined, props: unknown): { file: string; block?: HBlock } {
    const resource = after && 'name' in after ? after : undefined;
    const names: string[] = [];
    JSON.stringify(props, (_k, v) => {
      if (v && typeof v === 'object' && typeof v.Ref === 'string') names.push(v.Ref);
      return v;
    });
    const target = resource ?? this.module.resources.find((r) => names.includes(r.name));
    const anchor = target && (anchorOf(target as unknown as MapValue) as HclAnchor | undefined);
    if (anchor) return { file: anchor.file, block: anchor.top };
    return { file: this.module.file };
  }

  private appendTopBlock(host: { file: string; block?: HBlock }, labels: string[], emits: Emit[]): HclTextEdit[] {
    const text = ['', ...blockLines({ kind: 'block', type: 'resource', labels, body: emits }, '', this.ctx)].join('\n');
    if (host.block) return [this.edit(host.file, { start: host.block.range.end, end: host.block.range.end }, `\n${text}`)];
    const lines = this.lines.get(host.file) ?? [''];
    const last = lines.length - 1;
    const end: Position = { line: last, character: lines[last].length };
    return [this.edit(host.file, { start: end, end }, `${lines[last].trim() ? '\n' : ''}${text.slice(1)}\n`)];
  }

  /** A split resource for the parent `anchor.top` that writes `full: value` (v4+ style). */
  private satelliteFor(anchor: HclAnchor, full: string[], value: unknown): HclTextEdit[] | undefined {
    for (const [type, spec] of Object.entries(SATELLITES)) {
      if (spec.parent !== anchor.tfType || spec.item) continue;
      const edits = this.newSatellite(anchor, type, spec, full, value);
      if (edits.length) return edits;
    }
    if (full.length === 1) {
      const item = Object.entries(SATELLITES).find(([, s]) => s.parent === anchor.tfType && s.item === full[0]);
      if (item && Array.isArray(value)) return value.flatMap((v) => this.newSatellite(anchor, item[0], item[1], [], v));
    }
    return undefined;
  }

  private newSatellite(anchor: HclAnchor, type: string, spec: SpecNode & { via?: string; copy?: string[] }, path: string[], value: unknown): HclTextEdit[] {
    const emits = emitFor(spec, path, value, this.ctx, this.unit);
    if (!emits) return [];
    const [parentType, parentLabel] = anchor.top.labels;
    const parentAddress = `${parentType}.${parentLabel}`;
    const repeat = repetitionOf(anchor.top, parentAddress);
    const head: Emit[] = [...(repeat?.meta ?? []), { kind: 'attr', name: spec.via ?? 'bucket', text: `${repeat?.base ?? parentAddress}.${RESOURCES[parentType]?.refAttr ?? 'id'}` }];
    for (const name of spec.copy ?? []) {
      const a = anchor.top.items.find((i): i is HAttr => i.kind === 'attribute' && i.name === name);
      if (a) head.push({ kind: 'attr', name, text: textIn(this.lines.get(anchor.file) ?? [], a.expr.range) });
    }
    const label = this.uniqueLabel(type, parentLabel);
    this.added.set(`${type}.${label}`, `${type}.${label}`);
    return this.appendTopBlock({ file: anchor.file, block: anchor.top }, [type, label], [...head, ...emits]);
  }

  /** Inserts arguments (aligned with the last run of arguments) and nested blocks into `block`. */
  private insert(file: string, block: HBlock, emits: Emit[]): HclTextEdit[] {
    const edits: HclTextEdit[] = [];
    const indent = this.indentOf(file, block.typeRange.start.line) + this.unit;
    const attrs = block.items.filter((i): i is HAttr => i.kind === 'attribute');
    const newAttrs: Extract<Emit, { kind: 'attr' }>[] = [];
    for (const e of emits) {
      if (e.kind !== 'attr') continue;
      const existing = attrs.find((a) => a.name === e.name);
      if (existing) edits.push(this.edit(file, existing.expr.range, e.text));
      else newAttrs.push(e);
    }
    const blocks: Extract<Emit, { kind: 'block' }>[] = [];
    for (const e of emits) {
      if (e.kind !== 'block') continue;
      // A single nested block that is already written (`settings { }`) gets the new arguments.
      const existing = !e.list && !e.labels && block.items.filter((i): i is HBlock => i.kind === 'block' && i.type === e.type);
      if (existing && existing.length === 1) edits.push(...this.insert(file, existing[0], e.body));
      else blocks.push(e);
    }
    const lastAttr = attrs[attrs.length - 1];
    if (newAttrs.length) {
      const run = lastAttr ? alignedRun(attrs) : [];
      const width = Math.max(0, ...run.map((a) => a.eqRange.start.character - a.nameRange.start.character - 1), ...newAttrs.map((a) => a.name.length));
      for (const a of run) {
        const gap = a.eqRange.start.character - a.nameRange.end.character;
        const want = width - a.name.length + 1;
        if (gap !== want) edits.push(this.edit(file, { start: a.nameRange.end, end: a.eqRange.start }, ' '.repeat(want)));
      }
      const lines = newAttrs.map((a) => (a.text.includes('\n') || !run.length && newAttrs.length === 1 ? `${indent}${a.name} = ${a.text}` : `${indent}${a.name.padEnd(width)} = ${a.text}`));
      const useAligned = !run.length && newAttrs.length > 1 ? aligned(newAttrs.map((a) => ({ key: a.name, text: a.text })), indent) : lines;
      edits.push(this.bodyInsert(file, block, lastAttr, useAligned.join('\n')));
    }
    if (blocks.length) {
      const text = blocks.map((b) => blockLines(b, indent, this.ctx).join('\n')).join('\n\n');
      const last = block.items[block.items.length - 1];
      edits.push(this.bodyInsert(file, block, last, last || newAttrs.length ? `\n${text}` : text));
    }
    return edits;
  }

  /** New lines after `after` (or right after the opening brace), keeping a one-line `{}` valid. */
  private bodyInsert(file: string, block: HBlock, after: HItem | undefined, text: string): HclTextEdit {
    if (after) return this.edit(file, { start: after.range.end, end: after.range.end }, `\n${text}`);
    const open = block.open ?? block.typeRange;
    const close = block.close;
    if (close && close.start.line === open.end.line) {
      return this.edit(file, { start: open.end, end: close.start }, `\n${text}\n${this.indentOf(file, block.typeRange.start.line)}`);
    }
    return this.edit(file, { start: open.end, end: open.end }, `\n${text}`);
  }

  /** A map written as an HCL object (tags, jsonencode) or as JSON in a heredoc. */
  private setInExpression(container: MapValue, path: string[], value: unknown): HclTextEdit[] {
    const [first, ...rest] = path;
    if (first === undefined) return [];
    const nested = rest.reduceRight<unknown>((v, k) => ({ [k]: v }), value);
    const items = this.itemsOf(container.file);
    const hit = exprAt(items, container.range);
    if (hit?.expr.kind === 'object') {
      const expr = hit.expr;
      const last = expr.entries[expr.entries.length - 1];
      const key = /^[A-Za-z_][\w-]*$/.test(first) ? first : quote(first);
      const multiline = expr.range.start.line !== expr.range.end.line;
      const indent = last ? this.indentOf(container.file, last.range.start.line) : this.indentOf(container.file, expr.range.start.line) + this.unit;
      const text = `${key} = ${expression(nested, this.ctx, indent)}`;
      if (!last) return [this.edit(container.file, expr.range, `{ ${text} }`)];
      return [this.edit(container.file, { start: last.range.end, end: last.range.end }, multiline ? `\n${indent}${text}` : `, ${text}`)];
    }
    if (heredocAt(items, container.range) && container.entries.length) {
      const last = container.entries[container.entries.length - 1];
      const indent = this.indentOf(container.file, last.keyRange.start.line);
      return [this.edit(container.file, { start: last.value.range.end, end: last.value.range.end }, `,\n${indent}${JSON.stringify(first)}: ${jsonText(nested, indent, this.ctx)}`)];
    }
    return [];
  }

  private appendToTuple(file: string, range: Range, itemRanges: Range[], item: unknown, ctx: RenderContext): HclTextEdit[] {
    const last = itemRanges[itemRanges.length - 1];
    const indent = last ? this.indentOf(file, last.start.line) : this.indentOf(file, range.start.line) + this.unit;
    const text = expression(item, ctx, indent);
    if (!last) return [this.edit(file, range, `[${text}]`)];
    if (last.start.line === range.start.line) return [this.edit(file, { start: last.end, end: last.end }, `, ${text}`)];
    const after = this.lines.get(file)?.[last.end.line]?.slice(last.end.character) ?? '';
    const comma = after.trimStart().startsWith(',') ? '' : ',';
    const at = comma ? last.end : { line: last.end.line, character: last.end.character + after.indexOf(',') + 1 };
    return [this.edit(file, { start: at, end: at }, `${comma}\n${indent}${text}${comma ? '' : ','}`)];
  }

  private appendToJsonArray(list: SeqValue, item: unknown, ctx: RenderContext): HclTextEdit[] {
    const last = list.items[list.items.length - 1];
    if (!last) return [this.edit(list.file, list.range, `[${jsonText(item, '', ctx)}]`)];
    const indent = this.indentOf(list.file, last.range.start.line);
    return [this.edit(list.file, { start: last.range.end, end: last.range.end }, `,\n${indent}${jsonText(item, indent, ctx)}`)];
  }
}
