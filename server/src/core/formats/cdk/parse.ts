/**
 * The CDK (TypeScript) frontend: reads construct code with the TypeScript parser only (no type
 * checker, nothing executed) and builds the shared model. L1 constructs (`Cfn*`) map one to one to
 * CloudFormation; L2 constructs go through the adapter tables in ./adapters.
 */
import * as ts from 'typescript';
import { LineIndex } from '../../model/positions';
import type { ParseProblem, Resource } from '../../model/types';
import { adapterFor } from './adapters';
import { flagReader } from './flags';
import { readImports, resolveSymbol, type ImportInfo } from './imports';
import { IrReader, unwrap, type Ir } from './ir';
import { L1_CLASSES, L1_NAMESPACES, L1_TYPE_EXCEPTIONS } from './l1-schema.generated';
import { applyAdapter, type BuildContext } from './l2';
import type { CdkInfo, CdkTemplate, Site } from './site';
import { Values } from './values';

export interface CdkParseOptions {
  /** The `context` of the app's cdk.json (feature flags); see readCdkFeatureFlags. */
  featureFlags?: Record<string, unknown>;
}

type Call = { site: Site; method: string; args: Ir[]; node: ts.Node };

function l1Type(module: string, cls: string): { type: string; struct?: string } | undefined {
  const key = `${module}.${cls}`;
  const known = L1_CLASSES[key];
  if (known) return { type: known[0], struct: known[1] };
  if (L1_TYPE_EXCEPTIONS[key]) return { type: L1_TYPE_EXCEPTIONS[key] };
  return L1_NAMESPACES[module] ? { type: `${L1_NAMESPACES[module]}::${cls.slice(3)}` } : undefined;
}

/** The statement or class member a node is written in. */
function statementOf(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && !(ts.isBlock(n.parent) || ts.isSourceFile(n.parent) || ts.isModuleBlock(n.parent) || ts.isClassLike(n.parent) || ts.isCaseClause(n.parent))) n = n.parent;
  return n;
}

function findSites(sf: ts.SourceFile, imports: ImportInfo, index: LineIndex): Site[] {
  const sites: Site[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isNewExpression(n)) {
      const sym = resolveSymbol(n.expression, imports);
      if (sym && sym.path.length === 1) {
        const cls = sym.path[0];
        const l1 = cls.startsWith('Cfn') ? l1Type(sym.module, cls) : undefined;
        const adapter = l1 ? undefined : adapterFor(sym.module, cls);
        if (l1 || adapter) {
          const args = n.arguments ?? [];
          const id = args[1] && unwrap(args[1]);
          const literal = id && (ts.isStringLiteral(id) || ts.isNoSubstitutionTemplateLiteral(id)) ? id : undefined;
          const nameNode = literal ?? n.expression;
          const decl = ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name) ? n.parent.name.text : undefined;
          sites.push({
            node: n, module: sym.module, cls, l1, adapter,
            name: literal?.text ?? decl ?? cls,
            nameRange: index.range(nameNode.getStart(sf), nameNode.end),
            propsNode: args[adapter?.propsArg ?? 2],
            statement: statementOf(n),
            resources: [],
          });
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return sites;
}

/** `new X(scope, 'Id')` under another construct is named by its path (`Parent/Id`); names stay unique. */
function nameSites(sites: Site[], reader: IrReader): void {
  const prefix = new Map<Site, string>();
  const pathOf = (s: Site, depth = 0): string => {
    if (prefix.has(s)) return prefix.get(s)!;
    const scope = s.node.arguments?.[0];
    let name = s.name;
    if (scope && depth < 20 && unwrap(scope).kind !== ts.SyntaxKind.ThisKeyword) {
      const ir = reader.read(scope);
      if (ir.k === 'construct' && ir.site !== s) name = `${pathOf(ir.site, depth + 1)}/${s.name}`;
    }
    prefix.set(s, name);
    return name;
  };
  const taken = new Set<string>();
  for (const s of sites) {
    let name = pathOf(s);
    for (let i = 2; taken.has(name); i++) name = `${pathOf(s)}#${i}`;
    taken.add(name);
    s.name = name;
  }
}

function collectCalls(sf: ts.SourceFile, reader: IrReader): Call[] {
  const calls: Call[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const owner = reader.read(n.expression.expression);
      if (owner.k === 'construct' && !owner.attr) {
        calls.push({ site: owner.site, method: n.expression.name.text, args: n.arguments.map((a) => reader.read(a)), node: n });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return calls;
}

/** Every construct named anywhere inside a value. */
function constructsIn(ir: Ir | undefined, out: Set<Site>, depth = 0): Set<Site> {
  if (!ir || depth > 40) return out;
  if (ir.k === 'construct') out.add(ir.site);
  else if (ir.k === 'obj') ir.entries.forEach((e) => constructsIn(e.value, out, depth + 1));
  else if (ir.k === 'arr') ir.items.forEach((i) => constructsIn(i, out, depth + 1));
  else if (ir.k === 'call' || ir.k === 'new') ir.args.forEach((a) => constructsIn(a, out, depth + 1));
  return out;
}

export function parseCdkSource(file: string, text: string, options: CdkParseOptions = {}): CdkTemplate {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const index = new LineIndex(text);
  const imports = readImports(sf);
  const info: CdkInfo = { sourceFile: sf, imports, sites: new Map(), values: new WeakMap(), edits: new Map() };
  const problems: ParseProblem[] = ((sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? []).map((d) => ({
    file,
    range: index.range(d.start ?? 0, (d.start ?? 0) + (d.length ?? 0)),
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
  const detection = imports.bindings.size
    ? { isTemplate: true, reason: 'imports aws-cdk-lib' }
    : { isTemplate: false, reason: 'does not import aws-cdk-lib' };
  const template: CdkTemplate = { file, format: 'cdk', text, resources: [], problems, cdk: info, detection };
  if (!imports.bindings.size) return template;
  const sites = findSites(sf, imports, index);
  const reader = new IrReader(sf, imports, new Map(sites.map((s) => [s.node as ts.Node, s])));
  nameSites(sites, reader);
  const calls = collectCalls(sf, reader);
  const values = new Values(file, sf, index, info);
  const propsOf = (s: Site): Ir | undefined => (s.propsNode ? reader.read(s.propsNode) : undefined);
  let referring: Map<Site, Site[]> | undefined;
  const ctx: BuildContext = {
    values,
    flags: flagReader(options.featureFlags),
    addResource: (r, site) => {
      template.resources.push(r);
      site.resources.push(r);
      info.sites.set(r.name, site);
    },
    callsOn: (site, method) => calls.filter((c) => c.site === site && c.method === method),
    propsOf,
    sitesReferring: (site) => {
      if (!referring) {
        referring = new Map();
        for (const s of sites) for (const t of constructsIn(propsOf(s), new Set())) referring.set(t, [...(referring.get(t) ?? []), s]);
      }
      return referring.get(site) ?? [];
    },
  };
  for (const site of sites) {
    const range = index.range(site.statement.getStart(sf), site.statement.end);
    const props = propsOf(site);
    const propsRange = site.propsNode ? values.range(site.propsNode) : site.nameRange;
    const type = site.l1?.type ?? site.adapter!.typeOf?.(site, ctx.sitesReferring(site)) ?? site.adapter!.type;
    const resource: Resource = { name: site.name, type, file, nameRange: site.nameRange, range, properties: values.map(propsRange) };
    values.mark(resource.properties!, resource, [], site.propsNode, site.l1?.struct);
    ctx.addResource(resource, site);
    if (site.l1) {
      const read = props ? values.l1(props, site.l1.struct, resource, []) : undefined;
      if (read?.kind === 'map') resource.properties = read;
      else if (read) resource.properties = values.l1({ k: 'obj', entries: [], node: site.propsNode!, open: read.kind === 'unknown' ? read.reason : 'computed props' }, site.l1.struct, resource, [])  as typeof resource.properties;
    } else applyAdapter(site.adapter!, site, resource, props, ctx);
  }
  return template;
}
