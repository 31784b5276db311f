/**
 * Split resources joined into the right parent: API Gateway method settings by stage name *and*
 * REST API, reported at the stage or the settings' labels; DynamoDB replicas (blocks and
 * aws_dynamodb_table_replica) checked one by one, the table then being a global table.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseTerraformModule } from '../../server/src/core/formats/terraform/module';
import { initTerraform } from '../../server/src/core/formats/terraform/runtime';
import { loadRuleSet } from '../../server/src/core/rules/loader';
import { analyzeFiles, applyRuleFixes } from '../helpers/fixes';

const rules = loadRuleSet();
type Files = Record<string, string>;
const list = (files: Files) => Object.entries(files).map(([file, text]) => ({ file: `/m/${file}`, text }));
/** `file:line:col-line:col` (1-based) of each finding of the rule. */
const findings = (files: Files, ruleId: string) => analyzeFiles(list(files), rules).findings
  .filter((f) => f.ruleId === ruleId)
  .map((f) => `${f.file.slice(3)}:${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`);
const fixed = (files: Files, ruleId: string) => Object.fromEntries(applyRuleFixes(list(files), ruleId, rules).map((f) => [f.file.slice(3), f.text]));

before(async () => {
  await initTerraform();
});

const stage = (label: string, api: string) => [
  `resource "aws_api_gateway_stage" "${label}" {`,
  `  rest_api_id           = aws_api_gateway_rest_api.${api}.id`,
  `  deployment_id         = aws_api_gateway_deployment.${api}.id`,
  '  stage_name            = "prod"',
  '  cache_cluster_enabled = true',
  '}',
  '',
].join('\n');

const settings = (label: string, api: string, stageName: string, path: string, body: string) => [
  `resource "aws_api_gateway_method_settings" "${label}" {`,
  `  rest_api_id = ${api}`,
  `  stage_name  = ${stageName}`,
  `  method_path = "${path}"`,
  '',
  '  settings {',
  body,
  '  }',
  '}',
  '',
].join('\n');

describe('API Gateway method settings', () => {
  const encrypted = '    caching_enabled      = true\n    cache_data_encrypted = true';

  it('join the stage of their own REST API when two stages share a name', () => {
    const files = { 'main.tf': stage('patients_prod', 'patients') + stage('billing_prod', 'billing') + settings('patients', 'aws_api_gateway_rest_api.patients.id', '"prod"', '*/*', encrypted) };
    // Only billing_prod (line 7) lacks a stage-wide setting; patients_prod has one.
    assert.deepEqual(findings(files, 'apigw.cache-encrypted'), ['main.tf:7:10-7:48']);
  });

  it('configure no stage when their REST API is another one (a stage outside the module)', () => {
    const files = { 'main.tf': stage('patients_prod', 'patients') + settings('other', 'aws_api_gateway_rest_api.other.id', '"prod"', '*/*', encrypted) };
    assert.deepEqual(findings(files, 'apigw.cache-encrypted'), ['main.tf:1:10-1:49']);
  });

  it('make both stages unknown when the REST API cannot be told apart', () => {
    const files = { 'main.tf': stage('patients_prod', 'patients') + stage('billing_prod', 'billing') + settings('any', 'var.api_id', '"prod"', '*/*', '    caching_enabled = true') };
    assert.deepEqual(findings(files, 'apigw.cache-encrypted'), []);
  });

  it('say "no stage-wide setting" at the stage, and a missing cache_data_encrypted at the settings labels', () => {
    const files = {
      'main.tf': stage('prod', 'patients'),
      'api-cache.tf': settings('patients_get', 'aws_api_gateway_rest_api.patients.id', 'aws_api_gateway_stage.prod.stage_name', 'patients/GET', '    caching_enabled = true'),
    };
    assert.deepEqual(findings(files, 'apigw.cache-encrypted'), ['api-cache.tf:1:10-1:58', 'main.tf:1:10-1:40']);
  });
});

const table = (replicas: string) => [
  'resource "aws_dynamodb_table" "records" {',
  '  name         = "patient-records"',
  '  billing_mode = "PAY_PER_REQUEST"',
  '  hash_key     = "id"',
  '',
  '  server_side_encryption {',
  '    enabled = true',
  '  }',
  '',
  '  point_in_time_recovery {',
  '    enabled = true',
  '  }',
  replicas,
  '}',
  '',
].join('\n');

describe('DynamoDB replicas', () => {
  const replicas = '\n  replica {\n    region_name            = "us-west-2"\n    point_in_time_recovery = false\n  }\n\n  replica {\n    region_name = "eu-west-1"\n  }';
  const separate = 'resource "aws_dynamodb_table_replica" "ca" {\n  global_table_arn = aws_dynamodb_table.records.arn\n}\n';

  it('make the table a global table whose first replica is its own region', () => {
    const m = parseTerraformModule(list({ 'main.tf': table(replicas) + separate }));
    const t = m.resources.find((r) => r.name === 'aws_dynamodb_table.records')!;
    assert.equal(t.type, 'AWS::DynamoDB::GlobalTable');
    const items = t.properties!.entries.find((e) => e.key === 'Replicas')!.value;
    assert.equal(items.kind, 'seq');
    assert.equal(items.kind === 'seq' && items.items.length, 4);
    assert.deepEqual(t.properties!.entries.map((e) => e.key), ['TableName', 'BillingMode', 'HashKey', 'SSESpecification', 'Replicas']);
  });

  it('are checked one by one: false, left out (the provider default is off), and a separate replica', () => {
    const files = { 'main.tf': table(replicas) + separate };
    assert.deepEqual(findings(files, 'dynamodb.pitr'), ['main.tf:16:30-16:35', 'main.tf:19:3-19:10', 'main.tf:23:10-23:43']);
    assert.deepEqual(findings(files, 'dynamodb.encryption-kms'), []);
  });

  it('get point_in_time_recovery = true from the fix, in the replica block or resource', () => {
    const out = fixed({ 'main.tf': table(replicas) + separate }, 'dynamodb.pitr')['main.tf'];
    assert.match(out, /region_name {12}= "us-west-2"\n {4}point_in_time_recovery = true\n/);
    assert.match(out, /region_name {12}= "eu-west-1"\n {4}point_in_time_recovery = true\n/);
    assert.match(out, /global_table_arn {7}= aws_dynamodb_table\.records\.arn\n {2}point_in_time_recovery = true\n/);
  });

  it('leave the table\'s own point-in-time recovery checked, and fixed in the table', () => {
    const own = table(replicas.replace('= false', '= true')).replace('  point_in_time_recovery {\n    enabled = true\n  }\n', '').replace('  replica {\n    region_name = "eu-west-1"\n  }', '');
    const files = { 'main.tf': own };
    assert.deepEqual(findings(files, 'dynamodb.pitr'), ['main.tf:1:10-1:40']);
    assert.match(fixed(files, 'dynamodb.pitr')['main.tf'], /\n {2}point_in_time_recovery \{\n {4}enabled = true\n {2}\}\n/);
  });
});
