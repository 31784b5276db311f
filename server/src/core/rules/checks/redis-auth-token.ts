/**
 * Named check `redis-auth-token`: how AWS::ElastiCache::ReplicationGroup AuthToken is supplied.
 * A token written in the template (literally, or as a parameter Default) is a hardcoded secret;
 * a parameter must be NoEcho and its declared constraints must match what AWS accepts; a
 * Secrets Manager or SSM SecureString dynamic reference passes. The token is never echoed.
 * Works on the raw (unresolved) AuthToken because the parameter behind a `!Ref` matters here.
 * An absent AuthToken passes: elasticache.redis-auth-token requires it.
 */
import type { Location, MapValue, ParameterDeclaration, Resource, Value } from '../../model/types';
import type { NamedCheck } from '../evaluator';
import { formatMessage, type Messages } from '../leaf';
import { all, fail, PASS, unknown, type Outcome, type Related } from '../outcome';

export const MIN_LENGTH = 16;
export const MAX_LENGTH = 128;
/** Current AWS rule: printable ASCII, non-alphanumerics limited to ! & # $ ^ < > - . */
const ALLOWED = /^[A-Za-z0-9!&#$^<>-]*$/;
/** Characters AWS rejects in a token (the 2019 whitepaper names / " @; the docs now allow fewer), and a non-ASCII one. */
const REJECTED = ' "%\'()*+,./:;=?@[\\]_`{|}~\u00e9';
const ALLOWED_TEXT = 'letters, digits and ! & # $ ^ < > -';

/** What is wrong with a literal token, as clauses ("it is shorter than 16 characters"). */
export function tokenProblems(token: string): string[] {
  const problems: string[] = [];
  if (token.length < MIN_LENGTH) problems.push(`it is shorter than ${MIN_LENGTH} characters`);
  if (token.length > MAX_LENGTH) problems.push(`it is longer than ${MAX_LENGTH} characters`);
  if (!ALLOWED.test(token)) problems.push(`it contains characters AWS does not accept (only ${ALLOWED_TEXT} are allowed)`);
  return problems;
}

/** Probes an AllowedPattern with otherwise valid tokens that contain one rejected character. */
export function patternAcceptsRejected(pattern: string): boolean | undefined {
  let regex: RegExp;
  // Java-only escapes (\p{Alnum}, \Q..\E, \A, \z) mean something else in a plain JS regex and
  // could fake an "accepts" result: under the u flag they fail to compile and the pattern is skipped.
  const javaOnly = /\\[pPQEAZz]/.test(pattern);
  try {
    // CloudFormation matches AllowedPattern against the whole value.
    regex = new RegExp(`^(?:${pattern})$`, javaOnly ? 'u' : '');
  } catch {
    return undefined; // Java-only syntax: cannot judge
  }
  const bases = ['abcdefghijklmnopqr', 'ABCDEFGHIJKLMNOPQR', '012345678901234567', 'Abcdefgh123456789x'];
  for (const base of bases) {
    for (const c of REJECTED) {
      for (const at of [0, 8, base.length - 1]) {
        if (regex.test(base.slice(0, at) + c + base.slice(at + 1))) return true;
      }
    }
  }
  return false;
}

const DYNAMIC_SECRET = /\{\{resolve:(?:secretsmanager|ssm-secure):/;
const DYNAMIC_PLAIN = /\{\{resolve:ssm:/;
const PLAIN_SSM = 'AuthToken comes from a plain-text SSM parameter ({{resolve:ssm:...}}), which stores the token unencrypted; use {{resolve:ssm-secure:...}} or {{resolve:secretsmanager:...}}.';

const entry = (map: MapValue | undefined, key: string) => map?.entries.find((e) => e.key === key);
const loc = (v: { file: string; range: Location['range'] }): Location => ({ file: v.file, range: v.range });
const textOf = (v: Value | undefined) => (v?.kind === 'scalar' && v.value !== null ? String(v.value) : undefined);

/** The written alternatives of a value: `Fn::If` branches expanded, `!Ref AWS::NoValue` dropped. */
function alternatives(v: Value, depth = 0): Value[] {
  const fn = intrinsic(v);
  if (fn?.key === 'Ref' && textOf(fn.value) === 'AWS::NoValue') return [];
  if (fn?.key === 'Fn::If' && fn.value.kind === 'seq' && fn.value.items.length === 3 && depth < 16) {
    return fn.value.items.slice(1).flatMap((b) => alternatives(b, depth + 1));
  }
  return [v];
}

function intrinsic(v: Value): { key: string; value: Value } | undefined {
  if (v.kind !== 'map' || v.entries.length !== 1) return undefined;
  const [e] = v.entries;
  return e.key === 'Ref' || e.key.startsWith('Fn::') ? e : undefined;
}

/** Literal text of a `!Sub` template or `!Join` parts, to spot a dynamic reference inside. */
function writtenText(fn: { key: string; value: Value }): string {
  const v = fn.value;
  if (fn.key === 'Fn::Sub') return textOf(v.kind === 'seq' ? v.items[0] : v) ?? '';
  if (fn.key === 'Fn::Join' && v.kind === 'seq' && v.items[1]?.kind === 'seq') return v.items[1].items.map((i) => textOf(i) ?? '').join('');
  return '';
}

interface Problem {
  text: string;
  related?: Related[];
}

function checkParameter(param: ParameterDeclaration, file: string): Problem[] {
  const body = param.body;
  const at = (key: string) => entry(body, key);
  const name = param.name;
  const problems: Problem[] = [];
  const type = textOf(at('Type')?.value) ?? '';
  if (type.startsWith('AWS::SSM::Parameter::Value')) {
    // The value is read from a plain String SSM parameter: stored unencrypted, and not secret.
    problems.push({
      text: `AuthToken comes from parameter ${name} of type ${type}, which reads a plain-text SSM String parameter; use a SecureString or Secrets Manager dynamic reference instead.`,
      related: [{ location: loc(at('Type')!.value), message: `Parameter ${name} reads a plain-text SSM parameter.` }],
    });
    return problems;
  }
  const noEcho = at('NoEcho');
  if (textOf(noEcho?.value)?.toLowerCase() !== 'true') {
    problems.push({
      text: `AuthToken comes from parameter ${name}, which is not declared NoEcho: true, so the token is shown in plain text by the console, CLI and DescribeStacks.`,
      related: [{
        location: noEcho ? loc(noEcho.value) : { file, range: param.keyRange },
        message: `Parameter ${name} needs NoEcho: true.`,
      }],
    });
  }
  const def = at('Default');
  // An empty Default only makes the parameter optional (typically with an Fn::If): no secret in it.
  if (def && textOf(def.value) !== '') {
    problems.push({
      text: `Parameter ${name} has a Default, which writes the token into the template; remove the Default and pass the token at deploy time (or use a Secrets Manager dynamic reference).`,
      related: [{ location: loc(def.value), message: 'This Default hardcodes the AUTH token of a Redis replication group.' }],
    });
  }
  const limits: string[] = [];
  const related: Related[] = [];
  const min = at('MinLength');
  if (min && Number(textOf(min.value)) < MIN_LENGTH) {
    limits.push(`MinLength is below ${MIN_LENGTH}`);
    related.push({ location: loc(min.value), message: `AWS requires at least ${MIN_LENGTH} characters.` });
  }
  const max = at('MaxLength');
  if (max && Number(textOf(max.value)) > MAX_LENGTH) {
    limits.push(`MaxLength is above ${MAX_LENGTH}`);
    related.push({ location: loc(max.value), message: `AWS accepts at most ${MAX_LENGTH} characters.` });
  }
  const pattern = at('AllowedPattern');
  const patternText = textOf(pattern?.value);
  if (pattern && patternText !== undefined && patternAcceptsRejected(patternText)) {
    limits.push(`AllowedPattern accepts characters AWS rejects (only ${ALLOWED_TEXT} are allowed)`);
    related.push({ location: loc(pattern.value), message: 'This pattern accepts characters AWS rejects in an AUTH token.' });
  }
  if (limits.length) {
    problems.push({
      text: `Parameter ${name} accepts tokens that AWS rejects: ${limits.join('; ')}; declare MinLength: ${MIN_LENGTH}, MaxLength: ${MAX_LENGTH} and AllowedPattern: '^[A-Za-z0-9!&#$^<>-]+$'.`,
      related,
    });
  }
  return problems;
}

function checkAlternative(v: Value, resource: Resource, messages: Messages): Outcome {
  const here = loc(v);
  const failWith = (problems: Problem[]): Outcome =>
    problems.length
      ? fail({
          location: here,
          message: formatMessage(messages.message, { problem: problems.map((p) => p.text).join(' ') }),
          related: problems.flatMap((p) => p.related ?? []),
        })
      : PASS;
  if (v.kind === 'scalar') {
    const token = v.value === null ? '' : String(v.value);
    // Only CloudFormation resolves dynamic references; in Terraform the text is sent to AWS as is.
    const resolves = !resource.file.endsWith('.tf');
    if (resolves && DYNAMIC_SECRET.test(token)) return PASS;
    if (!resolves) {
      const invalid = tokenProblems(token);
      return failWith([{
        text: 'auth_token is written in the configuration, so the secret is readable by anyone with the code, its history or the state; read it from a Secrets Manager secret (data "aws_secretsmanager_secret_version") or a sensitive variable instead.' +
          (invalid.length ? ` AWS would also reject it: ${invalid.join('; ')}.` : ''),
      }]);
    }
    if (DYNAMIC_PLAIN.test(token)) {
      return failWith([{ text: PLAIN_SSM }]);
    }
    const invalid = tokenProblems(token);
    return failWith([{
      text:
        'AuthToken is written in the template, so the secret is readable by anyone with the template, its version history or GetTemplate access; reference a Secrets Manager secret ({{resolve:secretsmanager:...}}) instead.' +
        (invalid.length ? ` AWS would also reject it: ${invalid.join('; ')}.` : ''),
    }]);
  }
  const fn = intrinsic(v);
  if (!fn) return unknown(here, 'AuthToken is not a string');
  if (fn.key === 'Ref') {
    const name = textOf(fn.value) ?? '';
    const param = resource.parameters?.get(name);
    if (!param) return unknown(here, name.startsWith('AWS::') ? `pseudo parameter ${name}` : `Ref to ${name}, which is not a parameter of this template`);
    return failWith(checkParameter(param, resource.file));
  }
  const text = writtenText(fn);
  if (DYNAMIC_SECRET.test(text)) return PASS;
  if (DYNAMIC_PLAIN.test(text)) return failWith([{ text: PLAIN_SSM }]);
  return unknown(here, `AuthToken is computed by ${fn.key}`);
}

export const redisAuthToken: NamedCheck = (cursor, _args, _ctx, messages) => {
  const resource = cursor.resource;
  // CloudFormation and Terraform keep the unresolved body (a Ref's parameter matters); CDK has only the model.
  const props = resource.body ? entry(resource.body, 'Properties')?.value : resource.properties;
  const token = props?.kind === 'map' ? entry(props, 'AuthToken')?.value : undefined;
  if (!token) return PASS;
  return all(alternatives(token).map((v) => checkAlternative(v, resource, messages)));
};
