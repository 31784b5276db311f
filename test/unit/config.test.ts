/** .hipaa-lint.yaml: validation, lookup, globs; and how the engine applies it. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, defaultConfig, findConfigFile, mergeConfig, readConfigFile, CONFIG_FILE } from '../../server/src/core/config/config';
import { matchesGlobs } from '../../server/src/core/config/globs';
import { lines, RDS_RULE, ruleSet, run, summary } from './unit-helpers';

describe('mergeConfig validation', () => {
  const base = defaultConfig();
  const err = (raw: unknown, message: string) => assert.throws(() => mergeConfig(base, raw, 'cfg.yaml'), (e: unknown) => e instanceof ConfigError && (e as Error).message === message);

  it('defaults', () => {
    assert.deepEqual(base, { rules: {}, exclude: [], include: [], phi: { words: [], patterns: [] }, reportUnknown: false, maxFileSizeKb: 4096 });
  });
  it('accepts a full valid config without touching the base', () => {
    const out = mergeConfig(base, { rules: { a: 'warning', b: 'off', c: false }, exclude: ['x/**'], include: ['y.yaml'], phi: { words: ['Doe'], patterns: ['PT-\\d+'] }, reportUnknown: true, maxFileSizeKb: 10 }, 'cfg.yaml');
    assert.deepEqual(out, { rules: { a: 'warning', b: 'off', c: 'off' }, exclude: ['x/**'], include: ['y.yaml'], phi: { words: ['Doe'], patterns: ['PT-\\d+'] }, reportUnknown: true, maxFileSizeKb: 10 });
    assert.deepEqual(base.rules, {});
    assert.deepEqual(base.phi.words, []);
  });
  it('null / undefined keep the base', () => {
    assert.equal(mergeConfig(base, null, 'x'), base);
    assert.equal(mergeConfig(base, undefined, 'x'), base);
  });
  it('layers: later rules override earlier ones, others are kept', () => {
    const one = mergeConfig(base, { rules: { a: 'warning', b: 'info' } }, 'one');
    const two = mergeConfig(one, { rules: { a: 'off' } }, 'two');
    assert.deepEqual(two.rules, { a: 'off', b: 'info' });
  });
  it('clear errors', () => {
    err('just text', 'cfg.yaml: expected a mapping');
    err([1], 'cfg.yaml: expected a mapping');
    err({ rulez: {} }, 'cfg.yaml: unknown setting "rulez"');
    err({ rules: { 'rds.storage-encrypted': 'high' } }, 'cfg.yaml: rules.rds.storage-encrypted must be error, warning, info or off');
    err({ rules: { a: true } }, 'cfg.yaml: rules.a must be error, warning, info or off');
    err({ rules: 'off' }, 'cfg.yaml: rules must be a mapping of rule id to error|warning|info|off');
    err({ exclude: 'build/**' }, 'cfg.yaml: exclude must be a list of strings');
    err({ include: [1] }, 'cfg.yaml: include must be a list of strings');
    err({ phi: { words: 'Doe' } }, 'cfg.yaml: phi.words must be a list of strings');
    err({ phi: { patterns: ['(unclosed'] } }, 'cfg.yaml: phi.patterns: invalid regular expression (unclosed');
    err({ maxFileSizeKb: 0 }, 'cfg.yaml: maxFileSizeKb must be a positive number');
    err({ maxFileSizeKb: '100' }, 'cfg.yaml: maxFileSizeKb must be a positive number');
  });
  it('rules given as a list is rejected with the "must be a mapping" message', () => {
    err({ rules: ['rds.storage-encrypted'] }, 'cfg.yaml: rules must be a mapping of rule id to error|warning|info|off');
  });
  it('phi that is not a mapping is rejected', () => {
    assert.throws(() => mergeConfig(base, { phi: ['Doe'] }, 'cfg.yaml'), ConfigError);
    assert.throws(() => mergeConfig(base, { phi: { wordz: ['Doe'] } }, 'cfg.yaml'), ConfigError);
  });
  it('reportUnknown that is not a boolean is rejected', () => {
    assert.throws(() => mergeConfig(base, { reportUnknown: 'yes' }, 'cfg.yaml'), ConfigError);
  });
});

describe('config files', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-lint-config-'));
    // root/.hipaa-lint.yaml (above the workspace), root/ws (workspace), root/ws/a/.hipaa-lint.yaml, root/ws/a/b/c
    fs.mkdirSync(path.join(root, 'ws', 'a', 'b', 'c'), { recursive: true });
    fs.mkdirSync(path.join(root, 'ws', 'd'), { recursive: true });
    fs.writeFileSync(path.join(root, CONFIG_FILE), 'rules:\n  x: off\n');
    fs.writeFileSync(path.join(root, 'ws', 'a', CONFIG_FILE), 'rules:\n  rds.storage-encrypted: warning\nexclude:\n  - generated/**\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('findConfigFile finds the nearest one walking up', () => {
    assert.equal(findConfigFile(path.join(root, 'ws', 'a', 'b', 'c'), path.join(root, 'ws')), path.join(root, 'ws', 'a', CONFIG_FILE));
    assert.equal(findConfigFile(path.join(root, 'ws', 'a'), path.join(root, 'ws')), path.join(root, 'ws', 'a', CONFIG_FILE));
  });
  it('findConfigFile stops at the workspace root', () => {
    assert.equal(findConfigFile(path.join(root, 'ws', 'd'), path.join(root, 'ws')), undefined);
    assert.equal(findConfigFile(path.join(root, 'ws'), path.join(root, 'ws')), undefined);
  });
  it('without a workspace root it keeps walking up', () => {
    assert.equal(findConfigFile(path.join(root, 'ws', 'd')), path.join(root, CONFIG_FILE));
  });
  it('the workspace root given with a trailing separator still stops the walk', () => {
    assert.equal(findConfigFile(path.join(root, 'ws', 'd'), path.join(root, 'ws') + path.sep), undefined);
  });
  it('readConfigFile reads and records the source', () => {
    const file = path.join(root, 'ws', 'a', CONFIG_FILE);
    const config = readConfigFile(file);
    assert.equal(config.source, file);
    assert.deepEqual(config.rules, { 'rds.storage-encrypted': 'warning' });
    assert.deepEqual(config.exclude, ['generated/**']);
  });
  it('readConfigFile: an empty file is the defaults', () => {
    const file = path.join(root, 'ws', 'd', CONFIG_FILE);
    fs.writeFileSync(file, '');
    try {
      assert.deepEqual({ ...readConfigFile(file), source: undefined }, { ...defaultConfig(), source: undefined });
    } finally {
      fs.rmSync(file);
    }
  });
  it('readConfigFile: YAML syntax errors and bad settings name the file', () => {
    const file = path.join(root, 'ws', 'd', CONFIG_FILE);
    fs.writeFileSync(file, 'rules: [unclosed\n');
    try {
      assert.throws(() => readConfigFile(file), (e: unknown) => e instanceof ConfigError && (e as Error).message.startsWith(`${file}: `));
      fs.writeFileSync(file, 'severity: high\n');
      assert.throws(() => readConfigFile(file), (e: unknown) => (e as Error).message === `${file}: unknown setting "severity"`);
    } finally {
      fs.rmSync(file);
    }
  });
  it('readConfigFile: a missing file is a ConfigError', () => {
    assert.throws(() => readConfigFile(path.join(root, 'nope', CONFIG_FILE)), ConfigError);
  });
});

describe('globs', () => {
  const config = { ...defaultConfig(), source: '/ws/.hipaa-lint.yaml' };
  it('relative to the config folder', () => {
    assert.equal(matchesGlobs('/ws/generated/a.yaml', ['generated/**'], config), true);
    assert.equal(matchesGlobs('/ws/src/generated/a.yaml', ['generated/**'], config), false);
    assert.equal(matchesGlobs('/ws/src/generated/a.yaml', ['**/generated/**'], config), true);
    assert.equal(matchesGlobs('/ws/.aws-sam/build/template.yaml', ['.aws-sam/**'], config), true);
  });
  it('a bare file name matches in any folder', () => {
    assert.equal(matchesGlobs('/ws/x/y/packaged.yaml', ['packaged.yaml'], config), true);
  });
  it('without a config file, relative to the root given', () => {
    assert.equal(matchesGlobs('/root/gen/a.yaml', ['gen/**'], defaultConfig(), '/root'), true);
    assert.equal(matchesGlobs('/root/gen/a.yaml', ['gen/**'], defaultConfig(), '/other'), false);
  });
  it('no globs never match', () => {
    assert.equal(matchesGlobs('/ws/a.yaml', [], config), false);
  });
});

describe('the engine applies the config', () => {
  const rules = ruleSet([RDS_RULE]);
  const text = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: false');

  it('baseline: the finding is an error', () => {
    const result = run(text, rules);
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.severity}`), ['rds.storage-encrypted error']);
  });
  it('rule off removes its findings (and its outcomes)', () => {
    const result = run(text, rules, { config: mergeConfig(defaultConfig(), { rules: { 'rds.storage-encrypted': 'off' } }, 't') });
    assert.equal(result.status, 'analysed');
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.outcomes, []);
  });
  it('severity override', () => {
    const result = run(text, rules, { config: mergeConfig(defaultConfig(), { rules: { 'rds.storage-encrypted': 'info' } }, 't') });
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.severity}`), ['rds.storage-encrypted info']);
  });
  it('exclude globs skip the file with a reason', () => {
    const config = { ...mergeConfig(defaultConfig(), { exclude: ['build/**'] }, 't'), source: '/ws/.hipaa-lint.yaml' };
    const skipped = run(text, rules, { file: '/ws/build/t.yaml', config });
    assert.deepEqual([skipped.status, skipped.reason, skipped.findings.length], ['skipped', 'excluded by configuration', 0]);
    const kept = run(text, rules, { file: '/ws/src/t.yaml', config });
    assert.equal(kept.status, 'analysed');
    assert.deepEqual(summary(kept), ['rds.storage-encrypted 4:24-4:29 StorageEncrypted is false.']);
  });
  it('exclude without a config file uses the root passed to analyze', () => {
    const config = mergeConfig(defaultConfig(), { exclude: ['build/**'] }, 't');
    assert.equal(run(text, rules, { file: '/ws/build/t.yaml', config, root: '/ws' }).status, 'skipped');
  });
  it('maxFileSizeKb skips large files with a reason', () => {
    const config = mergeConfig(defaultConfig(), { maxFileSizeKb: 1 }, 't');
    const big = text + `# ${'x'.repeat(2000)}\n`;
    const result = run(big, rules, { config });
    assert.deepEqual([result.status, result.reason], ['skipped', 'larger than 1 KB (maxFileSizeKb)']);
  });
  it('reportUnknown shows "cannot verify" hints', () => {
    const unknownText = lines('Parameters:', '  Enc:', '    Type: String', 'Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      StorageEncrypted: !Ref Enc');
    assert.deepEqual(run(unknownText, rules).findings, []);
    const result = run(unknownText, rules, { config: mergeConfig(defaultConfig(), { reportUnknown: true }, 't') });
    assert.deepEqual(result.findings.map((f) => `${f.severity} ${f.unknown} ${f.message}`), ['hint true Cannot verify "RDS and Aurora storage must be encrypted at rest": parameter Enc has no Default.']);
  });
});
