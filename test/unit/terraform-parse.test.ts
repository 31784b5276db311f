/** Terraform parsing: the top-level scanner, the per-block HCL tree with exact ranges, and recovery. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { HAttr, HBlock, HExpr } from '../../server/src/core/formats/terraform/hcl-ast';
import { parseHclFile } from '../../server/src/core/formats/terraform/hcl-file';
import { initTerraform, locateWasm } from '../../server/src/core/formats/terraform/runtime';
import { splitTopLevel } from '../../server/src/core/formats/terraform/scanner';
import type { Range } from '../../server/src/core/model/types';

const r = (x: Range) => `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}`;
const blocks = (text: string) => parseHclFile('/m/main.tf', text).items.filter((i): i is HBlock => i.kind === 'block');
const attr = (b: HBlock, name: string) => b.items.find((i): i is HAttr => i.kind === 'attribute' && i.name === name)!;

before(async () => {
  await initTerraform();
});

describe('top-level scanner', () => {
  it('splits blocks and tfvars attributes, skipping comments, strings with braces and heredocs', () => {
    const text = [
      '# a comment with { braces',
      'resource "a" "b" {',
      '  x = "}${jsonencode({ k = "}" })}"',
      '  y = <<EOF',
      '}',
      'EOF',
      '}',
      '/* block { comment */',
      'name = "v"',
      'list = [',
      '  1,',
      ']',
    ].join('\n');
    const chunks = splitTopLevel(text).map((c) => [c.line, c.column, text.slice(c.start, c.end).split('\n')[0]]);
    assert.deepEqual(chunks, [
      [1, 0, 'resource "a" "b" {'],
      [8, 0, 'name = "v"'],
      [9, 0, 'list = ['],
    ]);
  });

  it('ends an unclosed string at the end of its line and a lost brace at the next column-0 block', () => {
    const text = 'resource "a" "b" {\n  x = "oops\n}\n\nresource "c" "d" {\n  nested {\n\nresource "e" "f" {\n}\n';
    const starts = splitTopLevel(text).map((c) => c.line);
    assert.deepEqual(starts, [0, 4, 7]);
  });
});

describe('HCL tree', () => {
  it('keeps exact ranges of block types, labels, attributes, nested blocks and values', () => {
    const [b] = blocks('resource "aws_s3_bucket" "logs" {\n  bucket = "logs-bucket"\n  acl    = var.acl\n\n  versioning {\n    enabled = true\n  }\n}\n');
    assert.equal(b.type, 'resource');
    assert.deepEqual(b.labels, ['aws_s3_bucket', 'logs']);
    assert.deepEqual(b.labelRanges.map(r), ['0:9-0:24', '0:25-0:31']);
    assert.equal(r(b.range), '0:0-7:1');
    assert.equal(r(attr(b, 'bucket').nameRange), '1:2-1:8');
    assert.equal(r(attr(b, 'bucket').expr.range), '1:11-1:24');
    assert.equal(r(attr(b, 'acl').eqRange), '2:9-2:10');
    const v = b.items.find((i): i is HBlock => i.kind === 'block')!;
    assert.equal(r(v.typeRange), '4:2-4:12');
    assert.equal(r(attr(v, 'enabled').expr.range), '5:14-5:18');
  });

  it('reads literals, escapes, templates, traversals, conditionals, calls, tuples and objects', () => {
    const [b] = blocks([
      'locals {',
      '  s = "a\\"b\\n$${x}"',
      '  n = 1.5',
      '  t = "x-${var.env}"',
      '  r = aws_s3_bucket.b[0].arn',
      '  c = var.on ? "a" : null',
      '  f = jsonencode({ "aws:k" = [1, true] })',
      '  o = { Name = "n" }',
      '}',
    ].join('\n'));
    const e = (name: string) => attr(b, name).expr;
    assert.deepEqual(e('s'), { kind: 'literal', value: 'a"b\n${x}', range: e('s').range, quoted: true });
    assert.equal((e('n') as { value: number }).value, 1.5);
    const t = e('t') as Extract<HExpr, { kind: 'template' }>;
    assert.equal(t.parts[0], 'x-');
    assert.equal((t.parts[1] as { root: string }).root, 'var');
    const ref = e('r') as Extract<HExpr, { kind: 'traversal' }>;
    assert.equal(ref.root, 'aws_s3_bucket');
    assert.equal(ref.steps.length, 3);
    const c = e('c') as Extract<HExpr, { kind: 'conditional' }>;
    assert.equal(c.conditionText, 'var.on');
    assert.equal(c.else.kind, 'literal');
    const f = e('f') as Extract<HExpr, { kind: 'call' }>;
    assert.equal(f.name, 'jsonencode');
    const obj = f.args[0] as Extract<HExpr, { kind: 'object' }>;
    assert.equal(obj.entries[0].key, 'aws:k');
    assert.equal(r(obj.entries[0].keyRange), '6:19-6:26');
    assert.equal((e('o') as Extract<HExpr, { kind: 'object' }>).entries[0].key, 'Name');
  });

  it('keeps heredoc bodies and where they start; <<- strips the indentation', () => {
    const [b] = blocks('locals {\n  p = <<EOF\n{"a": "${var.x}"}\nEOF\n  q = <<-EOT\n    one\n      two\n  EOT\n}\n');
    const p = attr(b, 'p').expr as Extract<HExpr, { kind: 'template' }>;
    assert.equal(p.heredoc?.body, '{"a": "${var.x}"}\n');
    assert.deepEqual(p.heredoc?.bodyStart, { line: 2, character: 0 });
    const q = attr(b, 'q').expr as Extract<HExpr, { kind: 'template' }>;
    assert.deepEqual(q.parts, ['one\n  two\n']);
  });

  it('a broken block does not hide the blocks after it, and its error is reported', () => {
    const text = 'resource "aws_efs_file_system" "a" {\n  creation_token = "oops\n  encrypted = true\n}\n\nresource "aws_efs_file_system" "b" {\n  encrypted = false\n}\n';
    const file = parseHclFile('/m/main.tf', text);
    const [a, b] = file.items as HBlock[];
    assert.equal(a.broken, true);
    assert.equal(b.broken, undefined);
    assert.deepEqual(b.labels, ['aws_efs_file_system', 'b']);
    assert.equal(r(attr(b, 'encrypted').expr.range), '6:14-6:19');
    assert.ok(file.problems.length >= 1);
    assert.ok(file.problems.every((p) => p.range.start.line <= 3), JSON.stringify(file.problems));
  });

  it('reuses parsed blocks: unchanged blocks at other lines get shifted ranges', () => {
    const block = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n';
    const once = blocks(block)[0];
    const moved = blocks(`# header\n\n${block}`)[0];
    assert.equal(r(attr(once, 'enable_key_rotation').expr.range), '1:24-1:28');
    assert.equal(r(attr(moved, 'enable_key_rotation').expr.range), '3:24-3:28');
  });

  it('finds both wasm files', () => {
    assert.match(locateWasm('runtime'), /web-tree-sitter\.wasm$/);
    assert.match(locateWasm('grammar'), /tree-sitter-terraform\.wasm$/);
  });
});
