/** The redis-auth-token named check: token rules, parameter declarations, and never echoing the token. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../server/src/core/config/config';
import { analyze } from '../../server/src/core/engine';
import { patternAcceptsRejected, tokenProblems } from '../../server/src/core/rules/checks/redis-auth-token';
import { loadRuleSet } from '../../server/src/core/rules/loader';

const RULE = 'elasticache.redis-auth-token-constraints';
const rules = loadRuleSet();

function template(authToken: string, parameters = ''): string {
  return [
    ...(parameters ? ['Parameters:', parameters] : []),
    'Resources:',
    '  Cache:',
    '    Type: AWS::ElastiCache::ReplicationGroup',
    '    Properties:',
    '      ReplicationGroupDescription: cache',
    '      TransitEncryptionEnabled: true',
    `      AuthToken: ${authToken}`,
    '',
  ].join('\n');
}

function findings(text: string, reportUnknown = false) {
  const config = { ...defaultConfig(), reportUnknown };
  const result = analyze({ file: '/t/template.yaml', text, rules, config });
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.ruleErrors, []);
  return result.findings.filter((f) => f.ruleId === RULE);
}

describe('redis-auth-token: literal token rules', () => {
  const cases: [string, string[]][] = [
    ['Abcdefgh12345678', []],
    ['A!&#$^<>-bcdefgh12', []],
    ['x'.repeat(128), []],
    ['Abcdefgh1234567', ['shorter']],
    ['x'.repeat(129), ['longer']],
    ['Abcdefgh/12345678', ['characters']],
    ['Abcdefgh"12345678', ['characters']],
    ['Abcdefgh@12345678', ['characters']],
    ['Abcdefgh 12345678', ['characters']],
    ['Abcdefgh%12345678', ['characters']],
    ['Abcdefgh_12345678', ['characters']],
    ['Abcdefgh\u00e912345678', ['characters']],
    ['a@b', ['shorter', 'characters']],
  ];
  for (const [token, expected] of cases) {
    it(`${JSON.stringify(token.length > 20 ? `${token.slice(0, 10)}…(${token.length})` : token)} → ${expected.join(', ') || 'valid'}`, () => {
      const got = tokenProblems(token);
      assert.equal(got.length, expected.length, got.join('; '));
      expected.forEach((word, i) => assert.match(got[i], new RegExp(word)));
    });
  }
});

describe('redis-auth-token: AllowedPattern probes', () => {
  const cases: [string, boolean | undefined][] = [
    ['^[A-Za-z0-9!&#$^<>-]+$', false],
    ['[a-zA-Z0-9]{16,128}', false],
    ['[a-zA-Z0-9!&#$^<>-]*', false],
    ['.*', true],
    ['.+', true],
    ['[\\x20-\\x7E]+', true],
    ['\\S+', true],
    ['[a-z@]+', true],
    ['[A-Z/]+', true],
    ['[0-9_]+', true],
    ['(?<name>[a-z]+', undefined],
    ['[\\p{Alnum}]+', undefined],
    ['\\p{Alnum}{16,128}', undefined],
    ['[\\p{L}\\d]+', true],
    ['[\\p{Lu}\\p{Ll}\\d]+', true],
    ['[\\p{L}\\d_]+', true],
  ];
  for (const [pattern, expected] of cases) {
    it(`${pattern} → ${expected}`, () => assert.equal(patternAcceptsRejected(pattern), expected));
  }
});

describe('redis-auth-token: check', () => {
  it('never echoes a literal token, valid or not', () => {
    for (const token of ['SuperSecretToken2024xyz', 'bad/secret@token']) {
      const [f] = findings(template(`'${token}'`));
      assert.ok(f, token);
      assert.ok(!f.message.includes(token) && !f.message.includes('SuperSecret') && !f.message.includes('secret@'));
    }
  });

  it('never echoes a parameter Default', () => {
    const [f] = findings(template('!Ref Token', '  Token:\n    Type: String\n    NoEcho: true\n    Default: MyDefaultSecret123456'));
    assert.match(f.message, /has a Default/);
    assert.ok(!f.message.includes('MyDefaultSecret') && !f.related.some((r) => r.message.includes('MyDefaultSecret')));
  });

  it('accepts an empty Default (an optional token behind a condition)', () => {
    const params = "  Token:\n    Type: String\n    NoEcho: true\n    Default: ''";
    assert.deepEqual(findings(template("!If [HasToken, !Ref Token, !Ref 'AWS::NoValue']", params)), []);
  });

  it('flags MaxLength above 128 and points at it', () => {
    const [f] = findings(template('!Ref Token', '  Token:\n    Type: String\n    NoEcho: true\n    MaxLength: 256'));
    assert.match(f.message, /MaxLength is above 128/);
    assert.equal(f.related[0].location.range.start.line, 4);
  });

  it('flags NoEcho: false at the NoEcho value', () => {
    const [f] = findings(template('!Ref Token', '  Token:\n    Type: String\n    NoEcho: false'));
    assert.match(f.message, /not declared NoEcho/);
    assert.deepEqual(f.related[0].location.range.start, { line: 3, character: 12 });
  });

  it('flags an SSM String parameter type (the token is stored in plain text)', () => {
    const [f] = findings(template('!Ref Token', "  Token:\n    Type: 'AWS::SSM::Parameter::Value<String>'\n    Default: /cache/token"));
    assert.match(f.message, /plain-text SSM String parameter/);
  });

  it('passes a NoEcho parameter with a Java-only AllowedPattern it cannot judge', () => {
    assert.deepEqual(findings(template('!Ref Token', "  Token:\n    Type: String\n    NoEcho: true\n    AllowedPattern: '\\p{Alnum}{16,128}+'")), []);
  });

  it('passes dynamic references built with !Join and long-form Fn::Sub', () => {
    assert.deepEqual(findings(template("!Join ['', ['{{resolve:secretsmanager:', !Ref Secret, '}}']]")), []);
    assert.deepEqual(findings(template("{ 'Fn::Sub': ['{{resolve:ssm-secure:${P}}}', { P: /cache/token }] }")), []);
  });

  it('is unknown (a hint only when asked) for pseudo parameters, imports and GetAtt', () => {
    for (const value of ["!Ref 'AWS::StackName'", '!ImportValue shared-token', '!GetAtt Secret.Token']) {
      assert.deepEqual(findings(template(value)), [], value);
      const hints = findings(template(value), true);
      assert.equal(hints.length, 1, value);
      assert.equal(hints[0].severity, 'hint');
    }
  });

  it('does not apply to memcached or to a replication group without AuthToken', () => {
    assert.deepEqual(findings(template("'HardcodedToken12345'").replace('Properties:', 'Properties:\n      Engine: memcached')), []);
    assert.deepEqual(findings(template("!Ref 'AWS::NoValue'")), []);
  });

  it('reports each failing Fn::If branch', () => {
    const got = findings(template("!If [C, 'TokenNumberOne12345', !If [D, '{{resolve:ssm:/x}}', '{{resolve:secretsmanager:x}}']]"));
    assert.equal(got.length, 2);
  });
});
