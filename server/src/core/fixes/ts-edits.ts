/**
 * Fix plans rendered as TypeScript edits on CDK construct code, in the file's own formatting: a
 * prop set or changed in the props object (created when the constructor has none), L1 props in
 * camelCase, L2 props through the adapter's fix table (CloudFormation path → prop), a resource the
 * fix would add written as the construct prop that makes it (`enforceSSL: true`) or as a new L1
 * construct, and `// hipaa:ignore` comments above the statement.
 */
import * as ts from 'typescript';
import type { FixRule } from '../formats/cdk/adapters/types';
import { referenceTo } from '../formats/cdk/imports';
import { L1_CLASSES } from '../formats/cdk/l1-schema.generated';
import { unwrap } from '../formats/cdk/ir';
import { renderTs, type RenderStyle } from '../formats/cdk/render';
import { valueSite, type CdkTemplate, type NodeEdit, type Site, type ValueSite } from '../formats/cdk/site';
import { pascal, Values, type Kind } from '../formats/cdk/values';
import { LineIndex } from '../model/positions';
import type { MapValue, Resource, SeqValue, Value } from '../model/types';
import { insertAt, type TextEdit } from './text-edits';

export class TsEditor {
  private readonly index: LineIndex;
  private readonly sf: ts.SourceFile;
  private readonly style: RenderStyle;
  /** Edits that new code relies on (a variable introduced for a construct it refers to). */
  private pending: TextEdit[] = [];

  constructor(private readonly template: CdkTemplate) {
    this.index = new LineIndex(template.text);
    this.sf = template.cdk.sourceFile;
    const text = template.text;
    const unit = /\n( +|\t)\S/.exec(text)?.[1] ?? '  ';
    this.style = {
      quote: /from\s+"/.test(text) && !/from\s+'/.test(text) ? '"' : "'",
      unit: unit === '\t' ? '\t' : ' '.repeat(Math.min(unit.length, 4)),
      eol: text.includes('\r\n') ? '\r\n' : '\n',
      ref: (name, attribute) => this.refExpr(name, attribute),
    };
  }

  private edit(start: number, end: number, newText: string): TextEdit {
    return { range: this.index.range(start, end), newText };
  }

  /** The construct a resource is written as, when the resource is the construct's own (not a child). */
  private siteOf(resource: Resource | string): Site | undefined {
    const name = typeof resource === 'string' ? resource : resource.name;
    const site = this.template.cdk.sites.get(name);
    return site && site.resources[0]?.name === name ? site : undefined;
  }

  /**
   * How new L1 code names a construct held in a variable: `raw.ref`, `raw.attrArn` (L1 only). A
   * construct written as a bare statement is first given a variable (`const intake = new …`).
   */
  private refExpr(name: string, attribute?: string): string | undefined {
    const site = this.siteOf(name);
    const decl = site?.node.parent;
    if (!site?.l1 || !decl) return undefined;
    const member = attribute ? `attr${pascal(attribute)}` : 'ref';
    if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) return `${decl.name.text}.${member}`;
    if (!ts.isExpressionStatement(decl)) return undefined;
    const base = (name.split('/').pop() ?? name).replace(/[^A-Za-z0-9]/g, '').replace(/^[^A-Za-z]+/, '').replace(/^./, (c) => c.toLowerCase()) || 'construct';
    let variable = base;
    for (let i = 2; new RegExp(`\\b${variable}\\b`).test(this.template.text); i++) variable = `${base}${i}`;
    const start = decl.getStart(this.sf);
    const already = this.pending.find((e) => this.index.offset(e.range.start) === start);
    if (already) return `${/const (\w+) = /.exec(already.newText)![1]}.${member}`;
    this.pending.push(insertAt(this.index.position(start), `const ${variable} = `));
    return `${variable}.${member}`;
  }

  private lineIndent(pos: number): string {
    const line = this.index.position(pos).line;
    const start = this.index.offset({ line, character: 0 });
    return /^[ \t]*/.exec(this.template.text.slice(start))![0];
  }

  /** Adds `key: code` to an object literal, keeping one-line or one-per-line layout and trailing commas. */
  private addToObject(obj: ts.ObjectLiteralExpression, key: string, code: string): TextEdit[] {
    const props = obj.properties;
    const text = this.template.text;
    if (!props.length) return [this.edit(obj.getStart(this.sf), obj.end, `{ ${key}: ${code} }`)];
    const last = props[props.length - 1];
    const multiline = this.index.position(obj.getStart(this.sf)).line !== this.index.position(obj.end).line;
    const trailing = props.hasTrailingComma;
    if (!multiline) return [insertAt(this.index.position(last.end), `, ${key}: ${code}`)];
    const indent = this.lineIndent(last.getStart(this.sf));
    const body = code.split(/\r?\n/).join(this.style.eol + indent);
    if (trailing) {
      const comma = text.indexOf(',', last.end);
      return [insertAt(this.index.position(comma + 1), `${this.style.eol}${indent}${key}: ${body},`)];
    }
    return [insertAt(this.index.position(last.end), `,${this.style.eol}${indent}${key}: ${body}`)];
  }

  /** Sets `key` in an object literal: replaces its value or adds it. */
  private setInObject(obj: ts.ObjectLiteralExpression, key: string, code: string): TextEdit[] {
    const existing = obj.properties.find((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key);
    if (existing && ts.isPropertyAssignment(existing)) return [this.edit(existing.initializer.getStart(this.sf), existing.initializer.end, code)];
    if (existing) return [];
    return this.addToObject(obj, key, code);
  }

  /** Sets a prop of a construct: replaces its value, adds it, or creates the props object. */
  private setProp(site: Site, key: string, code: string): TextEdit[] {
    const props = site.propsNode;
    if (props && ts.isObjectLiteralExpression(props)) return this.setInObject(props, key, code);
    const id = site.node.arguments?.[1];
    if (props || !id) return []; // props from a variable or a call: not ours to rewrite
    return [insertAt(this.index.position(id.end), `, { ${key}: ${code} }`)];
  }

  /**
   * `{{aws-s3.BucketEncryption}}` → the member as this file names it (importing it when needed);
   * `{{scope}}` and `{{id}}` → the construct's scope argument and id; quotes in the file's style.
   */
  private code(template: string, site?: Site): { code: string; edits: TextEdit[] } {
    const edits: TextEdit[] = [];
    const id = site?.node.arguments?.[1];
    const idText = id && (ts.isStringLiteral(id) || ts.isNoSubstitutionTemplateLiteral(id)) ? id.text : (site?.name.split('/').pop() ?? '').replace(/[^A-Za-z0-9]/g, '');
    const q = this.style.quote;
    const code = template
      .replace(/\{\{scope\}\}/g, site?.node.arguments?.[0]?.getText(this.sf) ?? 'this')
      .replace(/\{\{id\}\}/g, idText)
      .replace(/'([^'\\\n]*)'/g, (_m, body: string) => (q === "'" ? `'${body}'` : `"${body.replace(/"/g, '\\"')}"`))
      .replace(/\{\{([a-z0-9-]*)\.(\w+)\}\}/g, (_m, module: string, member: string) => {
      const ref = referenceTo(this.template.cdk.imports, module, member);
      if (ref) return ref;
      edits.push(...this.importMember(module, member));
      return member;
    });
    return { code, edits };
  }

  private importMember(module: string, member: string): TextEdit[] {
    const named = this.template.cdk.imports.named.get(module);
    if (named?.elements.length) return [insertAt(this.index.position(named.elements[named.elements.length - 1].end), `, ${member}`)];
    const spec = module ? `aws-cdk-lib/${module}` : 'aws-cdk-lib';
    const imports = this.sf.statements.filter(ts.isImportDeclaration);
    const at = imports.length ? this.index.position(imports[imports.length - 1].end) : { line: 0, character: 0 };
    const q = this.style.quote;
    const line = `import { ${member} } from ${q}${spec}${q};`;
    return [insertAt(at, imports.length ? `${this.style.eol}${line}` : `${line}${this.style.eol}`)];
  }

  /** L2: the adapter's fix rule for a CloudFormation path, rendered as a prop edit. */
  private l2Fix(site: Site, path: string[], value: unknown): TextEdit[] {
    const rules = site.adapter?.fixes ?? [];
    const matches = (r: FixRule) => {
      const p = r.path.split('.');
      const n = Math.min(p.length, path.length);
      return p.slice(0, n).join('.') === path.slice(0, n).join('.');
    };
    const rule = rules.filter(matches).sort((a, b) => b.path.length - a.path.length)[0];
    const template = rule && (typeof rule.code === 'string' ? rule.code : rule.code(value));
    if (!rule || template === undefined) return [];
    const { code, edits } = this.code(template, site);
    const set = this.setProp(site, rule.prop, code);
    return set.length ? [...set, ...edits] : [];
  }

  /** The edit an adapter registered for a path of a resource (the most specific one at or above it). */
  private nodeEdit(resource: Resource, path: string[], value: unknown): TextEdit[] | undefined {
    const key = path.join('.');
    const found = (this.template.cdk.edits.get(resource.name) ?? [])
      .filter((e) => key === e.path || key.startsWith(`${e.path}.`))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (!found) return undefined;
    const e: NodeEdit = found.edit;
    const template = typeof e.code === 'string' ? e.code : e.code(value);
    if (template === undefined) return [];
    const { code, edits } = this.code(template, this.template.cdk.sites.get(resource.name));
    let target: ts.Node | undefined = e.node;
    if (e.arg !== undefined) {
      const args = (e.node as ts.CallExpression | ts.NewExpression).arguments ?? [];
      target = args[e.arg];
      if (!target) {
        if (!e.key || !args.length || args.length !== e.arg) return [];
        return [insertAt(this.index.position(args[args.length - 1].end), `, { ${e.key}: ${code} }`), ...edits];
      }
    }
    const t = unwrap(target as ts.Expression);
    if (!e.key) return [this.edit(t.getStart(this.sf), t.end, code), ...edits];
    const set = ts.isObjectLiteralExpression(t) ? this.setInObject(t, e.key, code) : [];
    return set.length ? [...set, ...edits] : [];
  }

  /** A resource a construct creates (its topic policy) is changed through the prop that makes it (enforceSSL). */
  private resourceFix(site: Site, type: string, properties: Record<string, unknown>): TextEdit[] {
    const fix = site.adapter?.resourceFixes?.[type];
    const template = fix && (typeof fix.code === 'string' ? fix.code : fix.code(properties));
    if (!fix || template === undefined) return [];
    const { code, edits } = this.code(template, site);
    const set = this.setProp(site, fix.prop, code);
    return set.length ? [...set, ...edits] : [];
  }

  private l1Set(site: Site, container: ts.Node | undefined, kind: Kind, path: string[], value: unknown): TextEdit[] {
    const [first, ...rest] = path;
    const [key, sub] = Values.camelKey(first, kind);
    const code = renderTs(nestCfn(rest, value), sub, this.style, this.lineIndent((container ?? site.node).getStart(this.sf)) + this.style.unit);
    if (code === undefined) return [];
    if (container && ts.isObjectLiteralExpression(container)) return this.addToObject(container, key, code);
    if (!container && !site.propsNode) return this.setProp(site, key, code);
    return [];
  }

  /** The construct that wrote a value, and whether the value is edited as written (L1 or JSON-typed). */
  private writer(value: Value): { vs: ValueSite; site: Site; asWritten: boolean } | undefined {
    const vs = valueSite(this.template.cdk, value);
    const site = vs && this.template.cdk.sites.get(vs.resource.name);
    if (!vs || !site) return undefined;
    return { vs, site, asWritten: !!vs.node && (!!site.l1 || vs.kind === 'json') };
  }

  replace(value: Value, newValue: unknown): TextEdit[] {
    const w = this.writer(value);
    if (!w) return [];
    const { vs, site } = w;
    const indirect = this.nodeEdit(vs.resource, vs.path, newValue);
    if (indirect) return indirect;
    if (!w.asWritten) return this.siteOf(vs.resource) && site.adapter ? this.l2Fix(site, vs.path, newValue) : [];
    const node = vs.node!;
    const code = renderTs(newValue, vs.kind as Kind, this.style, this.lineIndent(node.getStart(this.sf)));
    return code === undefined ? [] : [this.edit(node.getStart(this.sf), node.end, code)];
  }

  setIn(container: MapValue, path: string[], value: unknown): TextEdit[] {
    const w = this.writer(container);
    if (!w || !path.length) return [];
    const { vs, site } = w;
    const indirect = this.nodeEdit(vs.resource, [...vs.path, ...path], value);
    if (indirect) return indirect;
    if (!w.asWritten && !(site.l1 && !vs.node)) return this.siteOf(vs.resource) && site.adapter ? this.l2Fix(site, [...vs.path, ...path], value) : [];
    return this.l1Set(site, vs.node, vs.kind as Kind, path, value);
  }

  addProperties(resource: Resource, path: string[], value: unknown): TextEdit[] {
    const indirect = path.length ? this.nodeEdit(resource, path, value) : undefined;
    if (indirect) return indirect;
    const site = this.siteOf(resource);
    if (!site || !path.length) return [];
    if (site.adapter) return this.l2Fix(site, path, value);
    return this.l1Set(site, undefined, site.l1?.struct, path, value);
  }

  append(list: SeqValue, item: unknown): TextEdit[] {
    const vs = valueSite(this.template.cdk, list);
    if (!vs) return [];
    const indirect = this.nodeEdit(vs.resource, vs.path, [item]);
    if (indirect) return indirect;
    const site = this.siteOf(vs.resource);
    const owner = this.template.cdk.sites.get(vs.resource.name);
    if (!site) return owner?.adapter ? this.resourceFix(owner, vs.resource.type, { [vs.path[0]]: [item] }) : [];
    if (site.adapter) return this.l2Fix(site, vs.path, [item]);
    const node = vs.node;
    if (!node || !ts.isArrayLiteralExpression(node)) return [];
    const kind = vs.kind as Kind;
    const code = renderTs(item, Array.isArray(kind) && kind[0] === 'list' ? kind[1] : kind, this.style, this.lineIndent(node.getStart(this.sf)) + this.style.unit);
    if (code === undefined) return [];
    if (!node.elements.length) return [this.edit(node.getStart(this.sf), node.end, `[${code}]`)];
    return [insertAt(this.index.position(node.elements[node.elements.length - 1].end), `, ${code}`)];
  }

  /** A resource the fix would add: the prop that makes it (L2), or a new L1 construct beside `near`. */
  addResource(near: Resource, name: string, body: { Type: string; Properties?: Record<string, unknown> }): TextEdit[] {
    const site = this.siteOf(near);
    if (!site) return [];
    if (site.adapter) return this.resourceFix(site, body.Type, body.Properties ?? {});
    this.pending = [];
    const cls = Object.entries(L1_CLASSES).find(([, [type]]) => type === body.Type);
    if (!cls) return [];
    const [module, className] = cls[0].split('.');
    const indent = this.lineIndent(site.statement.getStart(this.sf));
    const props = renderTs(body.Properties ?? {}, cls[1][1], this.style, indent);
    const scope = site.node.arguments?.[0]?.getText(this.sf) ?? 'this';
    if (props === undefined) return [];
    const { code, edits } = this.code(`{{${module}.${className}}}`);
    const variable = name.replace(/[^A-Za-z0-9]/g, '').replace(/^./, (c) => c.toLowerCase());
    const q = this.style.quote;
    const stmt = `const ${variable} = new ${code}(${scope}, ${q}${name}${q}, ${props});`;
    // After `near` when it refers to `near` (a policy for it), else before (`near` will refer to it).
    const after = JSON.stringify(body.Properties ?? {}).includes(`"${near.name}`);
    const at = after ? this.index.position(site.statement.end) : { line: this.index.position(site.statement.getStart(this.sf)).line, character: 0 };
    const text = after ? `${this.style.eol}${indent}${stmt}` : `${indent}${stmt}${this.style.eol}`;
    return [insertAt(at, text), ...this.pending, ...edits];
  }

  /** `// hipaa:ignore <rule> -- <reason>` above the statement that holds `line`. */
  suppressAbove(line: number, ruleId: string, reasonPlaceholder: string): TextEdit[] {
    let best: ts.Node | undefined;
    for (const site of this.template.cdk.sites.values()) {
      const s = site.statement;
      const from = this.index.position(s.getStart(this.sf)).line;
      const to = this.index.position(s.end).line;
      if (from <= line && line <= to && (!best || s.getStart(this.sf) > best.getStart(this.sf))) best = s;
    }
    const target = best ? this.index.position(best.getStart(this.sf)).line : line;
    const indent = this.lineIndent(this.index.offset({ line: target, character: 0 }));
    return [insertAt({ line: target, character: 0 }, `${indent}// hipaa:ignore ${ruleId} -- ${reasonPlaceholder}${this.style.eol}`)];
  }
}

/** Wraps a value in the CloudFormation keys still missing above it. */
function nestCfn(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), value);
}

