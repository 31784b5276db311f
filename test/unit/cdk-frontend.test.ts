/** The CDK frontend: import styles, L1/L2 mapping, exact ranges, unknowns, construct defaults. */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCdk } from '../differential/cdk-engine';
import { parseCdkSource } from '../../server/src/core/formats/cdk/parse';
import type { Value } from '../../server/src/core/model/types';
import { r, textAt } from './unit-helpers';

const stack = (imports: string, body: string) => `${imports}
import { Construct } from 'constructs';

export class AppStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}
  }
}
`;

function at(props: Value | undefined, path: string): Value | undefined {
  let v = props;
  for (const key of path.split('.')) {
    if (v?.kind === 'map') v = v.entries.find((e) => e.key === key)?.value;
    else if (v?.kind === 'seq') v = v.items[Number(key)];
    else return undefined;
  }
  return v;
}

function failing(text: string, rule: string, flags?: Record<string, unknown>): string[] {
  return analyzeCdk('stack.ts', text, { featureFlags: flags }).findings.filter((f) => f.ruleId === rule && !f.suppressed).map((f) => f.resource!.name);
}

test('all import styles resolve to the same construct', () => {
  const bodies = [
    ["import { Stack } from 'aws-cdk-lib';\nimport * as s3 from 'aws-cdk-lib/aws-s3';", 'new s3.Bucket(this, "B", { versioned: true });'],
    ["import { Stack } from 'aws-cdk-lib';\nimport { Bucket } from 'aws-cdk-lib/aws-s3';", 'new Bucket(this, "B", { versioned: true });'],
    ["import { Stack, aws_s3 as s3 } from 'aws-cdk-lib';", 'new s3.Bucket(this, "B", { versioned: true });'],
    ["import * as cdk from 'aws-cdk-lib';\nconst { Stack } = cdk;", 'new cdk.aws_s3.Bucket(this, "B", { versioned: true });'],
    ["import cdk = require('aws-cdk-lib');\nconst Stack = cdk.Stack;", 'new cdk.aws_s3.Bucket(this, "B", { versioned: true });'],
  ];
  for (const [imports, body] of bodies) {
    const t = parseCdkSource('stack.ts', stack(imports, `    ${body}`));
    assert.equal(t.resources.length, 1, imports);
    assert.equal(t.resources[0].type, 'AWS::S3::Bucket');
    assert.equal((at(t.resources[0].properties, 'VersioningConfiguration.Status') as { value: unknown }).value, 'Enabled', imports);
  }
});

test('a file without aws-cdk-lib imports is not CDK code and has no resources', () => {
  const t = parseCdkSource('x.ts', 'class Bucket {}\nnew Bucket();\n');
  assert.equal(t.detection.isTemplate, false);
  assert.equal(t.resources.length, 0);
});

test('L1 props map one to one with PascalCase keys from the schema, with exact ranges', () => {
  const text = stack("import { Stack } from 'aws-cdk-lib';\nimport * as dynamodb from 'aws-cdk-lib/aws-dynamodb';", [
    "    new dynamodb.CfnTable(this, 'Table', {",
    "      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],",
    '      sseSpecification: { sseEnabled: false },',
    '    });',
  ].join('\n'));
  const t = parseCdkSource('stack.ts', text);
  const table = t.resources[0];
  assert.equal(table.type, 'AWS::DynamoDB::Table');
  assert.equal(textAt(text, table.nameRange), "'Table'");
  const sse = table.properties!.entries.find((e) => e.key === 'SSESpecification')!;
  assert.equal(textAt(text, sse.keyRange), 'sseSpecification');
  const enabled = at(table.properties, 'SSESpecification.SSEEnabled')!;
  assert.equal(textAt(text, enabled.range), 'false');
  assert.equal(at(table.properties, 'KeySchema.0.AttributeName')?.kind, 'scalar');
  const [finding] = analyzeCdk('stack.ts', text).findings.filter((f) => f.ruleId === 'dynamodb.encryption-kms');
  assert.equal(textAt(text, finding.range), 'false');
});

test('JSON-typed L1 props keep their keys (policy documents, parameters)', () => {
  const text = stack("import { Stack } from 'aws-cdk-lib';\nimport * as rds from 'aws-cdk-lib/aws-rds';",
    "    new rds.CfnDBParameterGroup(this, 'Pg', { family: 'postgres14', description: 'd', parameters: { 'rds.force_ssl': '1' } });");
  const pg = parseCdkSource('stack.ts', text).resources[0];
  assert.equal((at(pg.properties, 'Parameters') as { entries: { key: string }[] }).entries[0].key, 'rds.force_ssl');
});

test('a missing L2 prop points at the construct id; a wrong one at the prop value', () => {
  const text = stack("import { Stack } from 'aws-cdk-lib';\nimport * as rds from 'aws-cdk-lib/aws-rds';\nimport * as ec2 from 'aws-cdk-lib/aws-ec2';", [
    '    const vpc = ec2.Vpc.fromLookup(this, "Vpc", { isDefault: true });',
    "    new rds.DatabaseInstance(this, 'Missing', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc });",
    "    new rds.DatabaseInstance(this, 'Off', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc, storageEncrypted: false });",
  ].join('\n'));
  const found = analyzeCdk('stack.ts', text).findings.filter((f) => f.ruleId === 'rds.storage-encrypted');
  assert.deepEqual(found.map((f) => textAt(text, f.range)), ["'Missing'", 'false']);
  assert.equal(r(found[0].range), '9:35-9:44');
});

test('variables holding constructs become references (access logs target, scoped names)', () => {
  const text = stack("import { Stack } from 'aws-cdk-lib';\nimport * as s3 from 'aws-cdk-lib/aws-s3';", [
    "    const logs = new s3.Bucket(this, 'Logs');",
    "    new s3.Bucket(this, 'Data', { serverAccessLogsBucket: logs });",
    "    const group = new s3.Bucket(logs, 'Nested');",
  ].join('\n'));
  const t = parseCdkSource('stack.ts', text);
  assert.deepEqual(t.resources.map((x) => x.name), ['Logs', 'Data', 'Logs/Nested']);
  const dest = at(t.resources[1].properties, 'LoggingConfiguration.DestinationBucketName');
  assert.deepEqual(dest && dest.kind === 'ref' ? dest.target : undefined, 'Logs');
  assert.deepEqual(failing(text, 's3.access-logging'), ['Logs/Nested']);
});

test('unknown values (parameters, computed expressions, spreads) never fail a rule', () => {
  const text = `import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as rds from 'aws-cdk-lib/aws-rds';
export function make(stack: Stack, versioned: boolean, opts: s3.BucketProps, enc: boolean, engine: rds.IInstanceEngine, vpc: any) {
  new s3.Bucket(stack, 'FromParam', { versioned });
  new s3.Bucket(stack, 'Spread', { ...opts });
  new s3.Bucket(stack, 'Whole', opts);
  new rds.DatabaseInstance(stack, 'Db', { engine, vpc, storageEncrypted: enc || process.env.X === '1' });
}
`;
  assert.deepEqual(failing(text, 's3.versioning'), []);
  assert.deepEqual(failing(text, 'rds.storage-encrypted'), []);
  const outcomes = analyzeCdk('stack.ts', text).outcomes.filter((o) => o.ruleId === 's3.versioning');
  assert.deepEqual(outcomes.map((o) => o.status), ['unknown', 'unknown', 'unknown']);
});

test('enum members and Duration values are read', () => {
  const text = stack("import { Duration, Stack } from 'aws-cdk-lib';\nimport * as logs from 'aws-cdk-lib/aws-logs';\nimport * as rds from 'aws-cdk-lib/aws-rds';", [
    "    new logs.LogGroup(this, 'Short', { retention: logs.RetentionDays.ONE_WEEK });",
    "    new logs.LogGroup(this, 'Forever', { retention: logs.RetentionDays.INFINITE });",
    "    new rds.DatabaseInstance(this, 'Db', { engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_35 }), vpc: undefined as any, backupRetention: Duration.days(0) });",
  ].join('\n'));
  const t = parseCdkSource('stack.ts', text);
  assert.equal((at(t.resources[0].properties, 'RetentionInDays') as { value: unknown }).value, 7);
  assert.equal(at(t.resources[1].properties, 'RetentionInDays'), undefined);
  assert.equal((at(t.resources[2].properties, 'BackupRetentionPeriod') as { value: unknown }).value, 0);
  assert.equal((at(t.resources[2].properties, 'EngineVersion') as { value: unknown }).value, '8.0.35');
  assert.deepEqual(failing(text, 'logs.retention'), ['Forever']);
  assert.deepEqual(failing(text, 'rds.backup-enabled'), ['Db']);
});

test('construct defaults that differ from CloudFormation are values in state "default" with a note', () => {
  const text = stack("import { Stack } from 'aws-cdk-lib';\nimport * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';\nimport * as logs from 'aws-cdk-lib/aws-logs';",
    "    new cloudtrail.Trail(this, 'Trail');\n    new logs.LogGroup(this, 'Logs');");
  const t = parseCdkSource('stack.ts', text);
  const validation = at(t.resources.find((x) => x.name === 'Trail')!.properties, 'EnableLogFileValidation');
  assert.equal(validation?.kind === 'scalar' && validation.state, 'default');
  assert.match(validation!.note ?? '', /cloudtrail\.Trail/);
  assert.equal(textAt(text, validation!.range), "'Trail'");
  assert.deepEqual(failing(text, 'cloudtrail.log-file-validation'), []);
  assert.deepEqual(t.resources.map((x) => x.name), ['Trail', 'Trail/S3', 'Trail/S3/Policy', 'Logs']);
  assert.equal((at(t.resources[3].properties, 'RetentionInDays') as { value: unknown; state: string }).state, 'default');
});

test('efs.FileSystem encryption follows the feature flag (on when cdk.json does not set it)', () => {
  const text = stack("import { Stack } from 'aws-cdk-lib';\nimport * as efs from 'aws-cdk-lib/aws-efs';", "    new efs.FileSystem(this, 'Fs', { vpc: undefined as any });");
  assert.deepEqual(failing(text, 'efs.encryption-at-rest'), []);
  assert.deepEqual(failing(text, 'efs.encryption-at-rest', { '@aws-cdk/aws-efs:defaultEncryptionAtRest': false }), ['Fs']);
});

test('props that create resources count: enforceSSL makes the TLS-only bucket policy', () => {
  const text = stack("import { Stack } from 'aws-cdk-lib';\nimport * as s3 from 'aws-cdk-lib/aws-s3';\nimport * as iam from 'aws-cdk-lib/aws-iam';", [
    "    new s3.Bucket(this, 'Safe', { enforceSSL: true });",
    "    const open = new s3.Bucket(this, 'Open');",
    "    open.addToResourcePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:*'], conditions: { Bool: { 'aws:SecureTransport': 'false' } } }));",
    "    new s3.Bucket(this, 'Plain');",
  ].join('\n'));
  const t = parseCdkSource('stack.ts', text);
  assert.deepEqual(t.resources.filter((x) => x.type === 'AWS::S3::BucketPolicy').map((x) => x.name), ['Safe/Policy', 'Open/Policy']);
  assert.deepEqual(failing(text, 's3.ssl-requests-only'), ['Plain']);
});
