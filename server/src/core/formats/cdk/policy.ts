/**
 * Resource policies that L2 constructs create: `enforceSSL: true` (a TLS-only deny statement),
 * `addToResourcePolicy(new iam.PolicyStatement({...}))`, and the log-delivery grant of a bucket that
 * receives access logs. One policy resource per construct, as aws-cdk-lib makes it.
 */
import type * as ts from 'typescript';
import type { Range, Resource, Value } from '../../model/types';
import { entry, type Ir } from './ir';
import type { Builder } from './l2';

const EFFECTS: Record<string, string> = { ALLOW: 'Allow', DENY: 'Deny' };

/** `new iam.PolicyStatement({...})` → a CloudFormation policy statement (unknown parts stay unknown). */
export function statementOf(b: Builder, ir: Ir, policy: Resource): Value {
  const v = b.v;
  if (ir.k === 'call' && ir.module === 'aws-iam' && ir.path.join('.') === 'PolicyStatement.fromJson' && ir.args[0]) {
    return v.l1(ir.args[0], 'json', policy, ['PolicyDocument', 'Statement']) ?? v.unknown(ir.node, 'empty statement');
  }
  if (ir.k !== 'new' || ir.module !== 'aws-iam' || ir.path.join('.') !== 'PolicyStatement') {
    return v.unknown(ir.node, ir.k === 'unknown' ? ir.reason : 'a policy statement built by code');
  }
  const props = ir.args[0];
  if (props && props.k !== 'obj') return v.unknown(props.node, 'statement props computed by code');
  const map = v.map(ir.node);
  const put = (key: string, value: Value | undefined, prop: string) => {
    const keyNode = entry(props, prop)?.keyNode;
    if (value) map.entries.push({ key, keyRange: keyNode ? v.range(keyNode) : map.range, value });
  };
  const field = (name: string) => entry(props, name)?.value;
  const sid = field('sid');
  if (sid) put('Sid', v.l1(sid, 0, policy, ['Sid']), 'sid');
  const effect = field('effect');
  if (!effect) put('Effect', v.scalar(map.range, 'Allow', 'default', 'the default effect of iam.PolicyStatement'), 'effect');
  else if (effect.k === 'sym' && effect.module === 'aws-iam' && effect.path[0] === 'Effect' && EFFECTS[effect.path[1]]) put('Effect', v.scalar(effect.node, EFFECTS[effect.path[1]]), 'effect');
  else put('Effect', v.unknown(effect.node, 'an effect computed by code'), 'effect');
  const principals = field('principals');
  if (principals) put('Principal', principalOf(b, principals, policy), 'principals');
  for (const [prop, key] of [['actions', 'Action'], ['notActions', 'NotAction'], ['resources', 'Resource'], ['conditions', 'Condition']] as const) {
    const x = field(prop);
    if (x) put(key, v.l1(x, 'json', policy, ['PolicyDocument', 'Statement', key]), prop);
  }
  if (props?.k === 'obj' && props.open) {
    for (const key of ['Effect', 'Principal', 'Action', 'Resource', 'Condition']) {
      if (!map.entries.some((e) => e.key === key)) map.entries.push({ key, keyRange: map.range, value: v.unknown(props.node, props.open) });
    }
  }
  return map;
}

function principalOf(b: Builder, ir: Ir, policy: Resource): Value {
  const v = b.v;
  if (ir.k !== 'arr' || ir.items.length !== 1) return v.unknown(ir.node, 'several or computed principals');
  const p = ir.items[0];
  if (p.k !== 'new' || p.module !== 'aws-iam') return v.unknown(p.node, 'a principal computed by code');
  const range = v.range(p.node);
  const lit = p.args[0]?.k === 'lit' ? v.scalar(p.args[0].node, p.args[0].value) : undefined;
  const wrap = (key: string, value: Value): Value => ({ kind: 'map', entries: [{ key, keyRange: range, value }], range, file: v.file });
  switch (p.path.join('.')) {
    case 'StarPrincipal': return v.scalar(range, '*');
    case 'AnyPrincipal': return wrap('AWS', v.scalar(range, '*'));
    case 'ServicePrincipal': return lit ? wrap('Service', lit) : v.unknown(range, 'a computed service principal');
    case 'ArnPrincipal': return lit ? wrap('AWS', lit) : v.unknown(range, 'a computed principal ARN');
    default: return v.l1({ k: 'unknown', reason: `an iam.${p.path.join('.')}`, node: p.node }, 'json', policy, ['Principal']) as Value;
  }
}

/** The standard TLS-only statement that `enforceSSL: true` adds (as aws-cdk-lib writes it). */
export function tlsStatement(b: Builder, actions: string, principal: unknown, range: Range, note: string, sid?: string): Value {
  const name = b.resource.name;
  return b.json({
    ...(sid ? { Sid: sid } : {}),
    Effect: 'Deny',
    Principal: principal,
    Action: actions,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    Resource: [{ 'Fn::GetAtt': [name, 'Arn'] }],
  }, range, note);
}

/**
 * The policy resource (`<name>/Policy`) for the statements gathered, linking back through `link`
 * (Bucket: Ref, Queues: [Ref], Topics: [Ref]); nothing when there are no statements.
 */
export function addPolicy(b: Builder, type: string, link: string, asList: boolean, statements: (policy: Resource) => Value[]): Resource | undefined {
  const policy = b.child('Policy', type, false);
  const items = statements(policy);
  if (!items.length) return undefined;
  b.ctx.addResource(policy, b.site);
  const range = items[0].range;
  const ref: Value = { kind: 'ref', target: b.resource.name, range, file: b.v.file };
  b.set(link, asList ? { kind: 'seq', items: [ref], range, file: b.v.file } : ref, undefined, policy);
  b.set('PolicyDocument', b.json({ Version: '2012-10-17' }, range, 'written by aws-cdk-lib'), undefined, policy);
  const doc = policy.properties!.entries.find((e) => e.key === 'PolicyDocument')!.value;
  if (doc.kind === 'map') doc.entries.push({ key: 'Statement', keyRange: range, value: b.v.mark({ kind: 'seq', items, range, file: b.v.file }, policy, ['PolicyDocument', 'Statement']) });
  return policy;
}

/** Statements of `x.addToResourcePolicy(stmt)` calls on this construct. */
export function addedStatements(b: Builder, policy: Resource): Value[] {
  return b.ctx.callsOn(b.site, 'addToResourcePolicy').map((c) => (c.args[0] ? statementOf(b, c.args[0], policy) : b.v.unknown(c.node as ts.Node, 'no statement')));
}
