/**
 * Which local names stand for aws-cdk-lib modules and their members, read from the import
 * declarations alone (syntax only: no type checker, no module resolution).
 */
import * as ts from 'typescript';

/** `''` is the aws-cdk-lib root (core: Stack, Duration, Tags…); otherwise a module folder such as `aws-s3`. */
export type CdkModule = string;

export type Binding =
  | { kind: 'module'; module: CdkModule }
  | { kind: 'member'; module: CdkModule; name: string };

export interface ImportInfo {
  bindings: Map<string, Binding>;
  /** Named-import declarations per module, so that a fix can add a missing member. */
  named: Map<CdkModule, ts.NamedImports>;
}

/** `aws-cdk-lib/aws-s3` → `aws-s3`; `aws-cdk-lib` and `aws-cdk-lib/core` → the root. */
export function moduleOf(specifier: string): CdkModule | undefined {
  if (specifier === 'aws-cdk-lib' || specifier === 'aws-cdk-lib/core') return '';
  const m = /^aws-cdk-lib\/((?:aws|alexa)-[a-z0-9-]+)$/.exec(specifier);
  return m ? m[1] : undefined;
}

/** The root's submodule properties: `aws_s3` → `aws-s3`. */
export function submoduleOf(property: string): CdkModule | undefined {
  return /^(aws|alexa)_[a-z0-9_]+$/.test(property) ? property.replace(/_/g, '-') : undefined;
}

export function readImports(sf: ts.SourceFile): ImportInfo {
  const bindings = new Map<string, Binding>();
  const named = new Map<CdkModule, ts.NamedImports>();
  for (const stmt of sf.statements) {
    if (ts.isImportEqualsDeclaration(stmt) && ts.isExternalModuleReference(stmt.moduleReference)) {
      const spec = stmt.moduleReference.expression;
      const module = ts.isStringLiteral(spec) ? moduleOf(spec.text) : undefined;
      if (module !== undefined) bindings.set(stmt.name.text, { kind: 'module', module });
      continue;
    }
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    const module = moduleOf(stmt.moduleSpecifier.text);
    const clause = stmt.importClause;
    if (module === undefined || !clause || clause.isTypeOnly) continue;
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) bindings.set(nb.name.text, { kind: 'module', module });
    else if (nb && ts.isNamedImports(nb)) {
      named.set(module, nb);
      for (const el of nb.elements) {
        if (el.isTypeOnly) continue;
        const imported = (el.propertyName ?? el.name).text;
        const sub = module === '' ? submoduleOf(imported) : undefined;
        bindings.set(el.name.text, sub !== undefined ? { kind: 'module', module: sub } : { kind: 'member', module, name: imported });
      }
    }
  }
  return { bindings, named };
}

/** A dotted name that starts at an import: `s3.BucketEncryption.KMS` → aws-s3, [BucketEncryption, KMS]. */
export function resolveSymbol(expr: ts.Expression, imports: ImportInfo): { module: CdkModule; path: string[] } | undefined {
  const names: string[] = [];
  let e: ts.Expression = expr;
  while (ts.isPropertyAccessExpression(e)) {
    if (!ts.isIdentifier(e.name)) return undefined;
    names.unshift(e.name.text);
    e = e.expression;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const binding = imports.bindings.get(e.text);
  if (!binding) return undefined;
  let module = binding.module;
  const path = binding.kind === 'member' ? [binding.name, ...names] : names;
  // `cdk.aws_s3.Bucket`: the root's submodule property selects the module.
  if (module === '' && path.length && submoduleOf(path[0]) !== undefined) {
    module = submoduleOf(path[0])!;
    path.shift();
  }
  return path.length ? { module, path } : undefined;
}

/** How to write a member of a module in this file, or undefined when it must be imported first. */
export function referenceTo(imports: ImportInfo, module: CdkModule, member: string): string | undefined {
  const all = [...imports.bindings];
  const named = all.find(([, b]) => b.kind === 'member' && b.module === module && b.name === member);
  if (named) return named[0];
  const ns = all.find(([, b]) => b.kind === 'module' && b.module === module);
  if (ns) return `${ns[0]}.${member}`;
  const root = all.find(([, b]) => b.kind === 'module' && b.module === '')?.[0];
  if (root === undefined) return undefined;
  return module === '' ? `${root}.${member}` : `${root}.${module.replace(/-/g, '_')}.${member}`;
}
