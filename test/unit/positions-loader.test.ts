/** Line/character positions, and loading rule files (schema validation, naming, citations). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { comparePositions, LineIndex, rangeContains, sameRange, spanRanges } from '../../server/src/core/model/positions';
import { defaultRulesDir, loadRuleSet, RuleLoadError } from '../../server/src/core/rules/loader';
import { r } from './unit-helpers';

describe('LineIndex', () => {
  it('maps offsets to 0-based line/character and back', () => {
    const idx = new LineIndex('ab\ncde\n\nf');
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.position(0), { line: 0, character: 0 });
    assert.deepEqual(idx.position(2), { line: 0, character: 2 });
    assert.deepEqual(idx.position(3), { line: 1, character: 0 });
    assert.deepEqual(idx.position(7), { line: 2, character: 0 });
    assert.deepEqual(idx.position(8), { line: 3, character: 0 });
    assert.deepEqual(idx.position(9), { line: 3, character: 1 });
    assert.equal(idx.offset({ line: 1, character: 2 }), 5);
    assert.equal(idx.offset({ line: 9, character: 0 }), 9);
    assert.equal(idx.offset({ line: 3, character: 50 }), 9);
    assert.equal(r(idx.range(3, 6)), '1:0-1:3');
  });
  it('CRLF: \\r counts as a character of its line', () => {
    const idx = new LineIndex('ab\r\ncd');
    assert.deepEqual(idx.position(2), { line: 0, character: 2 });
    assert.deepEqual(idx.position(4), { line: 1, character: 0 });
  });
  it('a base line shifts positions (chunks)', () => {
    const idx = new LineIndex('x\ny', 10);
    assert.deepEqual(idx.position(2), { line: 11, character: 0 });
    assert.equal(idx.offset({ line: 11, character: 1 }), 3);
    assert.equal(idx.offset({ line: 5, character: 0 }), 0);
  });
  it('UTF-16 characters (LSP convention)', () => {
    const idx = new LineIndex('é😀x');
    assert.deepEqual(idx.position(3), { line: 0, character: 3 });
  });
  it('range helpers', () => {
    const a = { start: { line: 1, character: 0 }, end: { line: 3, character: 5 } };
    const b = { start: { line: 2, character: 2 }, end: { line: 3, character: 5 } };
    assert.equal(rangeContains(a, b), true);
    assert.equal(rangeContains(b, a), false);
    assert.equal(sameRange(a, { ...a }), true);
    assert.equal(sameRange(a, b), false);
    assert.deepEqual(spanRanges(a, b), { start: a.start, end: b.end });
    assert.ok(comparePositions({ line: 1, character: 9 }, { line: 2, character: 0 }) < 0);
    assert.equal(comparePositions({ line: 2, character: 3 }, { line: 2, character: 3 }), 0);
  });
});

describe('loadRuleSet', () => {
  let dir: string;
  const realDir = defaultRulesDir();
  const good = (id: string, section = 'rds-mysql') => [
    `id: ${id}`,
    'title: A test rule',
    'severity: warning',
    'kind: WP',
    'targets:',
    '  - types: [AWS::S3::Bucket]',
    '    check: { path: BucketName, exists: true }',
    'citation:',
    `  section: ${section}`,
    '  page: 8',
    '  explanation: A test explanation that is long enough for the schema.',
    '',
  ].join('\n');

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-lint-rules-'));
    fs.copyFileSync(path.join(realDir, 'schema.json'), path.join(dir, 'schema.json'));
    fs.copyFileSync(path.join(realDir, 'whitepaper.yaml'), path.join(dir, 'whitepaper.yaml'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fresh = (name: string) => {
    const d = path.join(dir, name);
    fs.mkdirSync(d);
    fs.copyFileSync(path.join(dir, 'schema.json'), path.join(d, 'schema.json'));
    fs.copyFileSync(path.join(dir, 'whitepaper.yaml'), path.join(d, 'whitepaper.yaml'));
    return d;
  };

  it('loads valid rules, sorted, with their file and whitepaper sections', () => {
    const d = fresh('ok');
    fs.writeFileSync(path.join(d, 'b.two.yaml'), good('b.two'));
    fs.writeFileSync(path.join(d, 'a.one.yaml'), good('a.one'));
    const set = loadRuleSet(d);
    assert.deepEqual(set.rules.map((x) => x.id), ['a.one', 'b.two']);
    assert.equal(set.byId.get('a.one')?.file, path.join(d, 'a.one.yaml'));
    assert.ok(set.sections.has('rds-mysql'));
    assert.equal(loadRuleSet(d), set, 'cached per folder');
  });
  it('a file that does not match the schema', () => {
    const d = fresh('bad-schema');
    fs.writeFileSync(path.join(d, 'a.one.yaml'), good('a.one').replace('severity: warning', 'severity: critical'));
    assert.throws(() => loadRuleSet(d), (e: unknown) => e instanceof RuleLoadError && /^a\.one\.yaml: does not match rules\/schema\.json: \/severity/.test((e as Error).message));
  });
  it('a file named differently from its id', () => {
    const d = fresh('bad-name');
    fs.writeFileSync(path.join(d, 'a.other.yaml'), good('a.one'));
    assert.throws(() => loadRuleSet(d), (e: unknown) => e instanceof RuleLoadError && (e as Error).message === 'a.other.yaml: file name must be a.one.yaml');
  });
  it('a citation of an unknown whitepaper section', () => {
    const d = fresh('bad-section');
    fs.writeFileSync(path.join(d, 'a.one.yaml'), good('a.one', 'no-such-section'));
    assert.throws(() => loadRuleSet(d), (e: unknown) => e instanceof RuleLoadError && (e as Error).message === 'a.one: cites unknown whitepaper section no-such-section');
  });
  it('defaultRulesDir finds the repository rules folder', () => {
    assert.ok(fs.existsSync(path.join(realDir, 'schema.json')));
    assert.throws(() => defaultRulesDir(os.tmpdir()), /rules\/ folder not found/);
  });
});
