/**
 * Generates server/src/core/formats/cdk/l1-schema.generated.ts from the installed aws-cdk-lib: the
 * CloudFormation namespace of every module (so `s3.CfnBucket` → AWS::S3::Bucket), and, for the
 * resource types the core rules read, the exact camelCase → PascalCase property schema (nested
 * structs, JSON-typed props whose keys stay verbatim, maps, lists), taken from the generated
 * `convert…ToCloudFormation` functions. Run: node out/test/differential/l1-schema-gen.js --write
 * (a unit test fails when the committed file is stale).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

/** The repository root, from the source (test/differential) or the compiled file (out/test/differential). */
export const ROOT = ((): string => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'rules', 'schema.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();
const CDK = path.join(ROOT, 'node_modules/aws-cdk-lib');
export const SCHEMA_FILE = path.join(ROOT, 'server/src/core/formats/cdk/l1-schema.generated.ts');

/** 0 scalar, 'json' verbatim keys, 'tag' {key,value}, a struct id, or ['list'|'map', kind]. */
type Kind = 0 | 'json' | 'tag' | string | ['list' | 'map', Kind];

/** Resource types the core rules read (targets, referencedBy, follow). */
function coreTypes(): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'types' || k === 'referencedBy' || k === 'follow') && Array.isArray(x)) x.forEach((t) => typeof t === 'string' && t.includes('::') && out.add(t));
        else visit(x);
      }
    }
  };
  for (const f of fs.readdirSync(path.join(ROOT, 'rules')).filter((f) => f.endsWith('.yaml'))) {
    const rule = parse(fs.readFileSync(path.join(ROOT, 'rules', f), 'utf8'));
    if (rule?.core) visit(rule.targets);
  }
  return out;
}

/** Splits at top-level commas (outside () [] {} and strings). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.filter((x) => x.length);
}

function kindOf(mapper: string): Kind {
  const inner = (prefix: string) => mapper.slice(prefix.length, -1);
  if (mapper.startsWith('cdk().listMapper(')) return ['list', kindOf(inner('cdk().listMapper('))];
  if (mapper.startsWith('cdk().hashMapper(')) return ['map', kindOf(inner('cdk().hashMapper('))];
  if (mapper.startsWith('cdk().unionMapper(')) {
    const struct = /convert(\w+)ToCloudFormation/.exec(mapper);
    return struct ? struct[1] : 0;
  }
  const struct = /^convert(\w+)ToCloudFormation$/.exec(mapper);
  if (struct) return struct[1];
  if (mapper === 'cdk().cfnTagToCloudFormation') return 'tag';
  if (mapper === 'cdk().objectToCloudFormation') return 'json';
  return 0;
}

/** Every convert function of one generated file: struct id → camel → [Pascal, kind]. */
function convertFunctions(src: string): Map<string, Record<string, [string, Kind]>> {
  const out = new Map<string, Record<string, [string, Kind]>>();
  const re = /function convert(\w+)ToCloudFormation\(properties\)\{return cdk\(\)\.canInspect\(properties\)\?\(\w+\(properties\)\.assertSuccess\(\),\{/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < src.length && depth; i++) {
      if (src[i] === '{') depth++;
      else if (src[i] === '}') depth--;
    }
    const fields: Record<string, [string, Kind]> = {};
    for (const entry of splitTop(src.slice(re.lastIndex, i - 1))) {
      const e = /^(\w+):(.*)\(properties\.(\w+)\)$/s.exec(entry);
      if (e) fields[e[3]] = [e[1], kindOf(e[2])];
    }
    out.set(m[1], fields);
  }
  return out;
}

export function generateL1Schema(): string {
  const version = JSON.parse(fs.readFileSync(path.join(CDK, 'package.json'), 'utf8')).version as string;
  const wanted = coreTypes();
  const namespaces: Record<string, string> = {};
  const typeExceptions: Record<string, string> = {};
  const classes: Record<string, [string, string]> = {};
  const structs: Record<string, Record<string, [string, Kind]>> = {};
  const modules = fs.readdirSync(CDK).filter((d) => /^(aws|alexa)-/.test(d) && fs.existsSync(path.join(CDK, d, 'lib'))).sort();
  for (const mod of modules) {
    const dir = path.join(CDK, mod, 'lib');
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.generated.js')).sort()) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      const converts = convertFunctions(src);
      const re = /class (Cfn\w+) extends[\s\S]{0,400}?CFN_RESOURCE_TYPE_NAME="([^"]+)"/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(src))) {
        const [, cls, type] = m;
        const [a, b, c] = type.split('::');
        namespaces[mod] ??= `${a}::${b}`;
        if (`${a}::${b}` !== namespaces[mod] || c !== cls.slice(3)) typeExceptions[`${mod}.${cls}`] = type;
        if (!wanted.has(type)) continue;
        classes[`${mod}.${cls}`] = [type, `${cls}Props`];
        // Copy the props struct and every struct reachable from it.
        const todo = [`${cls}Props`];
        while (todo.length) {
          const id = todo.pop()!;
          if (structs[id] || !converts.has(id)) continue;
          structs[id] = converts.get(id)!;
          const reach = (k: Kind): void => {
            if (Array.isArray(k)) reach(k[1]);
            else if (typeof k === 'string' && k !== 'json' && k !== 'tag') todo.push(k);
          };
          Object.values(structs[id]).forEach(([, k]) => reach(k));
        }
      }
    }
  }
  const lines = [
    '/* eslint-disable */',
    `// Generated from aws-cdk-lib ${version} by test/differential/l1-schema-gen.ts; do not edit.`,
    '// Kinds: 0 scalar, "json" keys verbatim, "tag" {key,value}, a struct id, ["list"|"map", kind].',
    `export const CDK_VERSION = ${JSON.stringify(version)};`,
    `export const L1_NAMESPACES: Record<string, string> = ${JSON.stringify(namespaces)};`,
    `export const L1_TYPE_EXCEPTIONS: Record<string, string> = ${JSON.stringify(typeExceptions)};`,
    `export const L1_CLASSES: Record<string, [string, string]> = ${JSON.stringify(classes)};`,
    'export type L1Kind = 0 | string | ["list" | "map", L1Kind];',
    'export const L1_STRUCTS: Record<string, Record<string, [string, L1Kind]>> = {',
    ...Object.keys(structs).sort().map((id) => `  ${id}: ${JSON.stringify(structs[id])},`),
    '};',
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const text = generateL1Schema();
  if (process.argv.includes('--write')) fs.writeFileSync(SCHEMA_FILE, text);
  else process.stdout.write(text);
}
