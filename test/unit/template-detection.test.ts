/** Whether a YAML/JSON file is a CloudFormation template, and what the engine does when it is not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, mergeConfig } from '../../server/src/core/config/config';
import { parseCloudFormation } from '../../server/src/core/formats/cloudformation/template';
import { formatOf, isSupportedFile } from '../../server/src/core/formats/detect';
import { RDS_RULE, lines, ruleSet, run } from './unit-helpers';

const detect = (text: string, file = '/ws/t.yaml') =>
  parseCloudFormation(text, file, file.endsWith('.json') ? 'cloudformation-json' : 'cloudformation-yaml').detection;

describe('template detection', () => {
  it('AWSTemplateFormatVersion', () => {
    assert.deepEqual(detect(lines("AWSTemplateFormatVersion: '2010-09-09'", 'Description: x')), { isTemplate: true, reason: 'has AWSTemplateFormatVersion' });
  });
  it('SAM Transform as a string', () => {
    assert.deepEqual(detect(lines('Transform: AWS::Serverless-2016-10-31', 'Resources:', '  F:', '    Type: Whatever')), { isTemplate: true, reason: 'has a SAM Transform' });
  });
  it('SAM Transform in a list', () => {
    assert.deepEqual(detect(lines('Transform:', '  - AWS::LanguageExtensions', '  - AWS::Serverless-2016-10-31')), { isTemplate: true, reason: 'has a SAM Transform' });
  });
  it('a non-SAM transform alone is not enough', () => {
    assert.equal(detect(lines('Transform: AWS::LanguageExtensions')).isTemplate, false);
  });
  it('Resources with AWS:: types', () => {
    assert.deepEqual(detect(lines('Resources:', '  B:', '    Type: AWS::S3::Bucket')), { isTemplate: true, reason: 'has Resources with AWS:: types' });
  });
  it('Resources with Custom:: types', () => {
    assert.equal(detect(lines('Resources:', '  C:', '    Type: Custom::Thing')).isTemplate, true);
  });
  it('Resources whose types are not CloudFormation types', () => {
    assert.equal(detect(lines('Resources:', '  C:', '    Type: Thing')).isTemplate, false);
  });
  it('JSON with AWSTemplateFormatVersion', () => {
    assert.equal(detect('{ "AWSTemplateFormatVersion": "2010-09-09" }', '/ws/t.json').isTemplate, true);
  });
});

describe('non-templates are skipped with a reason', () => {
  const rules = ruleSet([RDS_RULE]);
  const REASON = 'not a CloudFormation template (no AWSTemplateFormatVersion, SAM Transform, or Resources with AWS:: types)';

  const samples: Record<string, string> = {
    'docker-compose.yml': lines("version: '3.8'", 'services:', '  web:', '    image: nginx:latest', '    ports:', '      - "80:80"'),
    'k8s.yaml': lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: app', 'spec:', '  containers:', '    - name: app', '      image: app:1', '---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: svc'),
    '.github/workflows/ci.yml': lines('name: CI', 'on:', '  push:', '    branches: [main]', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - run: npm test'),
    'package.json': '{ "name": "x", "version": "1.0.0", "scripts": { "test": "node --test" } }',
  };
  for (const [name, text] of Object.entries(samples)) {
    it(name, () => {
      const result = run(text, rules, { file: `/ws/${name}` });
      assert.equal(result.status, 'skipped');
      assert.equal(result.reason, REASON);
      assert.deepEqual(result.findings, []);
    });
  }

  it('force analyses a non-template', () => {
    const text = lines('Resources:', '  Db:', '    Type: Thing', '    Properties: {}');
    const result = run(text, rules, { force: true });
    assert.equal(result.status, 'analysed');
  });

  it('config include forces a non-template in (relative to the config file)', () => {
    const text = lines('services:', '  web:', '    image: nginx');
    const config = { ...mergeConfig(defaultConfig(), { include: ['infra/**/*.yaml'] }, 'test'), source: '/ws/.hipaa-lint.yaml' };
    const inc = run(text, rules, { file: '/ws/infra/a/b.yaml', config });
    assert.equal(inc.status, 'analysed');
    assert.equal(inc.reason, 'included by configuration');
    const other = run(text, rules, { file: '/ws/other/b.yaml', config });
    assert.equal(other.status, 'skipped');
  });

  it('files of other kinds are skipped before parsing', () => {
    const result = run('resource "aws_s3_bucket" "b" {}', rules, { file: '/ws/main.txt' });
    assert.equal(result.status, 'skipped');
    assert.equal(result.reason, 'not a CloudFormation, Terraform or CDK file');
  });
});

describe('format detection', () => {
  it('by extension, and by first character for .template', () => {
    assert.equal(formatOf('/a/B.YML', ''), 'cloudformation-yaml');
    assert.equal(formatOf('/a/b.json', ''), 'cloudformation-json');
    assert.equal(formatOf('/a/b.template', '  {"a":1}'), 'cloudformation-json');
    assert.equal(formatOf('/a/b.template', 'Resources: {}'), 'cloudformation-yaml');
    assert.equal(formatOf('/a/b.txt', ''), undefined);
    assert.equal(isSupportedFile('/a/x.cfn'), true);
    assert.equal(isSupportedFile('/a/x.tf.json.bak'), false);
  });
});
