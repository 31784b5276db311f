/**
 * L2 adapters beyond the construct's own props: resources made by method calls (subscriptions),
 * values written inside nested objects and call arguments (cache behaviors, origins, listeners,
 * cluster instances), and the fixes that edit them where they are written.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/core/fixes/text-edits';
import { parseCdkSource } from '../../server/src/core/formats/cdk/parse';
import { analyzeCdk, cdkFix } from '../differential/cdk-engine';
import { textAt } from './unit-helpers';

const ALIAS: Record<string, string> = { 'aws-cloudfront-origins': 'origins', 'aws-elasticloadbalancing': 'elb', 'aws-elasticloadbalancingv2': 'elbv2', 'aws-sns-subscriptions': 'subs' };

const stack = (imports: string[], body: string[]) => `import { Stack } from 'aws-cdk-lib';
${imports.map((m) => `import * as ${ALIAS[m] ?? m.slice(4)} from 'aws-cdk-lib/${m}';`).join('\n')}
import type { Construct } from 'constructs';

export class AppStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body.map((l) => `    ${l}`).join('\n')}
  }
}
`;

function findings(text: string, rule: string) {
  return analyzeCdk('stack.ts', text).findings.filter((f) => f.ruleId === rule && !f.suppressed);
}

/** Applies the rule's fixes until it no longer fires (asserting each round has a fix) and returns the text. */
function fixAll(text: string, rule: string): string {
  let out = text;
  for (let round = 0; round < 6; round++) {
    const result = analyzeCdk('stack.ts', out);
    const finding = result.findings.find((f) => f.ruleId === rule && !f.suppressed);
    if (!finding) return out;
    const edits = cdkFix(result, finding);
    assert.ok(edits.length, `${rule} has a fix for: ${finding.message}\n${out}`);
    out = applyEdits(out, edits);
    assert.deepEqual(analyzeCdk('stack.ts', out).template.problems, [], `the fixed source parses:\n${out}`);
  }
  assert.fail(`${rule} still fires after the fixes:\n${out}`);
}

test('SNS: the KMS fix names the AWS managed key through kms.Alias in the construct\'s scope, in the file\'s quotes', () => {
  const text = stack(['aws-sns'], ["new sns.Topic(this, 'Alerts');"]);
  assert.match(fixAll(text, 'sns.encryption-at-rest'), /new sns\.Topic\(this, 'Alerts', \{ masterKey: Alias\.fromAliasName\(this, 'AlertsMasterKey', 'alias\/aws\/sns'\) \}\);/);
  const double = stack(['aws-sns', 'aws-kms'], ['new sns.Topic(this, "Alerts");']).replace(/'/g, '"');
  assert.match(fixAll(double, 'sns.encryption-at-rest'), /masterKey: kms\.Alias\.fromAliasName\(this, "AlertsMasterKey", "alias\/aws\/sns"\)/);
});

test('SNS/SQS: a resource policy without the TLS statement is fixed by enforceSSL on the construct that makes it', () => {
  const text = stack(['aws-sqs', 'aws-iam'], [
    "const intake = new sqs.Queue(this, 'Intake', { enforceSSL: false });",
    "intake.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], principals: [new iam.AnyPrincipal()], resources: [intake.queueArn] }));",
  ]);
  const [f] = findings(text, 'sqs.https-only');
  assert.equal(textAt(text, f.range), "'Intake'");
  assert.match(fixAll(text, 'sqs.https-only'), /new sqs\.Queue\(this, 'Intake', \{ enforceSSL: true \}\);/);
});

test('L1: a new policy construct refers to a construct written as a bare statement through a new variable', () => {
  const text = stack(['aws-sqs'], ["new sqs.CfnQueue(this, 'Intake', { kmsMasterKeyId: 'alias/aws/sqs' });"]);
  const out = fixAll(text, 'sqs.https-only');
  assert.match(out, /const intake = new sqs\.CfnQueue\(this, 'Intake'/);
  assert.match(out, /new sqs\.CfnQueuePolicy\(this, 'IntakeTlsOnlyPolicy', \{\n\s+queues: \[intake\.ref\]/);
  assert.match(out, /Resource: intake\.attrArn,/);
});

test('SNS: addSubscription(new UrlSubscription(url)) is a subscription whose protocol comes from the URL; the fix rewrites the URL', () => {
  const text = stack(['aws-sns', 'aws-sns-subscriptions'], [
    "const alerts = new sns.Topic(this, 'Alerts', { enforceSSL: true });",
    "alerts.addSubscription(new subs.UrlSubscription('http://hooks.example.com/alerts'));",
    "alerts.addSubscription(new subs.EmailSubscription('oncall@example.com', { json: true }));",
  ]);
  const t = parseCdkSource('stack.ts', text);
  const subs = t.resources.filter((r) => r.type === 'AWS::SNS::Subscription');
  assert.deepEqual(subs.map((r) => r.name), ['Alerts/http:----hooks.example.com--alerts', 'Alerts/oncall@example.com']);
  const protocol = (r: typeof subs[0]) => r.properties!.entries.find((e) => e.key === 'Protocol')!.value as { value: unknown };
  assert.deepEqual(subs.map((r) => protocol(r).value), ['http', 'email-json']);
  const [f] = findings(text, 'sns.https-only');
  assert.equal(textAt(text, f.range), "'http://hooks.example.com/alerts'");
  assert.match(fixAll(text, 'sns.https-only'), /new subs\.UrlSubscription\('https:\/\/hooks\.example\.com\/alerts'\)/);
});

test('RDS: a read replica names its source (backup rule does not apply); cluster instances are reported and fixed at their own call', () => {
  const replica = stack(['aws-rds', 'aws-ec2'], [
    "const vpc = new ec2.Vpc(this, 'Vpc');",
    "const main = new rds.DatabaseInstance(this, 'Main', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc });",
    "new rds.DatabaseInstanceReadReplica(this, 'Replica', { sourceDatabaseInstance: main, instanceType: new ec2.InstanceType('t3.micro'), vpc, backupRetention: cdk.Duration.days(0) });",
  ]).replace("import { Stack } from 'aws-cdk-lib';", "import * as cdk from 'aws-cdk-lib';\nimport { Stack } from 'aws-cdk-lib';");
  const r = parseCdkSource('stack.ts', replica).resources.find((x) => x.name === 'Replica')!;
  assert.equal(r.properties!.entries.find((e) => e.key === 'SourceDBInstanceIdentifier')?.value.kind, 'ref');
  assert.deepEqual(findings(replica, 'rds.backup-enabled'), []);

  const cluster = stack(['aws-rds', 'aws-ec2'], [
    "const vpc = new ec2.Vpc(this, 'Vpc');",
    "new rds.DatabaseCluster(this, 'Records', {",
    '  engine: rds.DatabaseClusterEngine.AURORA_POSTGRESQL,',
    '  vpc,',
    "  writer: rds.ClusterInstance.provisioned('Writer'),",
    "  readers: [rds.ClusterInstance.serverlessV2('Reader', { publiclyAccessible: true })],",
    '});',
  ]);
  const found = findings(cluster, 'rds.not-public').map((f) => textAt(cluster, f.range)).sort();
  assert.deepEqual(found, ["'Writer'", 'true']);
  const out = fixAll(cluster, 'rds.not-public');
  assert.match(out, /ClusterInstance\.provisioned\('Writer', \{ publiclyAccessible: false \}\)/);
  assert.match(out, /ClusterInstance\.serverlessV2\('Reader', \{ publiclyAccessible: false \}\)/);
});

test('CloudFront: viewer and origin protocol fixes are written in the behavior and origin options where they belong', () => {
  const text = stack(['aws-cloudfront', 'aws-cloudfront-origins'], [
    "new cloudfront.Distribution(this, 'Portal', {",
    "  defaultBehavior: { origin: new origins.HttpOrigin('portal.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.MATCH_VIEWER }) },",
    "  additionalBehaviors: { 'api/*': { origin: new origins.HttpOrigin('api.example.com', { originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_1] }) } },",
    '});',
  ]);
  const viewer = fixAll(text, 'cloudfront.viewer-https');
  assert.match(viewer, /MATCH_VIEWER \}\), viewerProtocolPolicy: cloudfront\.ViewerProtocolPolicy\.REDIRECT_TO_HTTPS \},/);
  assert.match(viewer, /TLS_V1_1\] \}\), viewerProtocolPolicy: cloudfront\.ViewerProtocolPolicy\.REDIRECT_TO_HTTPS \} \},/);
  const origin = fixAll(text, 'cloudfront.origin-https');
  assert.match(origin, /protocolPolicy: cloudfront\.OriginProtocolPolicy\.HTTPS_ONLY \}/);
  assert.match(origin, /originSslProtocols: \[cloudfront\.OriginSslPolicy\.TLS_V1_2\] \}/);
  const bare = stack(['aws-cloudfront', 'aws-cloudfront-origins', 'aws-s3'], [
    "const site = new s3.Bucket(this, 'Site');",
    "new cloudfront.Distribution(this, 'Portal', { defaultBehavior: { origin: new origins.S3StaticWebsiteOrigin(site) } });",
  ]);
  assert.match(fixAll(bare, 'cloudfront.origin-https'), /new origins\.S3StaticWebsiteOrigin\(site, \{ protocolPolicy: cloudfront\.OriginProtocolPolicy\.HTTPS_ONLY \}\)/);
});

test('Classic ELB: the instance protocol derived from the external port is reported on the listener; fixes set both protocols', () => {
  const text = stack(['aws-ec2', 'aws-elasticloadbalancing'], [
    "const lb = new elb.LoadBalancer(this, 'Portal', { vpc: new ec2.Vpc(this, 'Vpc') });",
    'lb.addListener({ externalPort: 80 });',
  ]);
  const found = findings(text, 'elb.classic-listener-encrypted').map((f) => textAt(text, f.range)).sort();
  assert.deepEqual(found, ['80', '{ externalPort: 80 }']);
  assert.match(fixAll(text, 'elb.classic-listener-encrypted'),
    /lb\.addListener\(\{ externalPort: 80, externalProtocol: elb\.LoadBalancingProtocol\.HTTPS, internalProtocol: elb\.LoadBalancingProtocol\.HTTPS \}\);/);
});

test('ALB: a listener added with addListener is fixed in its own props', () => {
  const text = stack(['aws-ec2', 'aws-elasticloadbalancingv2'], [
    "const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc: new ec2.Vpc(this, 'Vpc') });",
    "alb.addListener('Http', { port: 80 });",
  ]);
  assert.match(fixAll(text, 'elbv2.listener-https'), /alb\.addListener\('Http', \{ port: 80, protocol: elbv2\.ApplicationProtocol\.HTTPS \}\);/);
});

test('DynamoDB: PITR is fixed where it is written (the deprecated flag, or the key in the specification)', () => {
  const flag = stack(['aws-dynamodb'], ["new dynamodb.Table(this, 'T', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecovery: false });"]);
  assert.match(fixAll(flag, 'dynamodb.pitr'), /pointInTimeRecovery: true \}\);/);
  const spec = stack(['aws-dynamodb'], ["new dynamodb.TableV2(this, 'T', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false, recoveryPeriodInDays: 7 } });"]);
  assert.match(fixAll(spec, 'dynamodb.pitr'), /pointInTimeRecoverySpecification: \{ pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 7 \}/);
});
