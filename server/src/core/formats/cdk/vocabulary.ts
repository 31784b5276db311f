/**
 * Rule messages are written in CloudFormation's words (`StorageEncrypted`, `VersioningConfiguration`,
 * `SSESpecification.SSEEnabled`). For a CDK user, each such property name or dotted path is replaced
 * by the L2 prop that sets it for that resource type (`storageEncrypted`, `versioned`, `encryption`),
 * read from the adapter tables: `terms` first, then `props` (where each prop lands), `fixes` (which
 * prop a fix at a path sets) and `defaults` (which prop overrides a construct default). Types
 * without an L2 adapter, and words that are not names of that type, are left as they are.
 */
import { ADAPTERS } from './adapters';

type Names = Map<string, string>;

const byType = new Map<string, Names>();

/** A path names its prop as a whole, and so do its first segment (the property) and its last (the leaf). */
function add(names: Names, path: string, prop: string): void {
  const parts = path.split('.').filter(Boolean);
  for (const key of [parts.join('.'), parts[0], parts[parts.length - 1]]) {
    if (key && !names.has(key)) names.set(key, prop);
  }
}

function namesFor(cfnType: string): Names {
  let names = byType.get(cfnType);
  if (names) return names;
  names = new Map();
  const adapters = ADAPTERS.filter((a) => a.type === cfnType);
  for (const a of adapters) for (const [cfn, prop] of Object.entries(a.terms ?? {})) names.set(cfn, prop);
  for (const a of adapters) {
    for (const [prop, rule] of Object.entries(a.props)) add(names, rule.to, prop);
    for (const fix of a.fixes ?? []) add(names, fix.path, fix.prop);
    for (const d of a.defaults ?? []) if (d.unless[0]) add(names, d.path, d.unless[0]);
  }
  byType.set(cfnType, names);
  return names;
}

/**
 * The message with CloudFormation property names (of `cfnType`) replaced by the L2 props that set
 * them. A dotted path is replaced as a whole by the prop of its longest named prefix
 * (`SSESpecification.SSEEnabled` → `encryption`), else segment by segment.
 */
export function inCdkTerms(message: string, cfnType: string): string {
  const names = namesFor(cfnType);
  if (!names.size) return message;
  return message.replace(/\bAWS::[A-Za-z0-9]+::[A-Za-z0-9]+\b|\b[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*\b/g, (token) => {
    if (token.includes('::')) return token; // resource types stay as they are
    const parts = token.split('.');
    for (let n = parts.length; n > 0; n--) {
      const prop = names.get(parts.slice(0, n).join('.'));
      if (prop) return prop;
    }
    return parts.map((p) => names.get(p) ?? p).join('.');
  });
}
