/**
 * SNS, SQS and CloudTrail, as aws-cdk-lib 2.276.0 writes them:
 * - sns.Topic (aws-sns/lib/topic.js, topic-base.js): KmsMasterKeyId from `masterKey`, else nothing
 *   (SNS default: unencrypted). `enforceSSL: true` (default false) adds to the topic policy
 *   `<topic>/Policy` a Deny sns:Publish statement for StarPrincipal ("*") on Bool
 *   aws:SecureTransport "false".
 * - sns.Subscription: Protocol from SubscriptionProtocol. `topic.addSubscription(new
 *   subscriptions.UrlSubscription(url, { protocol }))` (aws-sns-subscriptions/lib/url.js) creates
 *   `<topic>/<url>` ('/' in the id becomes '--') with Protocol `protocol ?? (https:// ? https : http)`;
 *   EmailSubscription → email (email-json with `json: true`), SmsSubscription → sms.
 * - sqs.Queue (aws-sqs/lib/queue.js _determineEncryptionProps): `encryption` unset and no
 *   `encryptionMasterKey` → nothing (SQS applies SSE-SQS); UNENCRYPTED → SqsManagedSseEnabled false;
 *   SQS_MANAGED → true; KMS_MANAGED → KmsMasterKeyId alias/aws/sqs; KMS → a key (created as
 *   `<queue>/Key` without rotation when none is given). `enforceSSL: true` adds a Deny sqs:* statement
 *   (AnyPrincipal) to `<queue>/Policy`.
 * - cloudtrail.Trail (aws-cloudtrail/lib/cloudtrail.js): IsLogging true; EnableLogFileValidation,
 *   IsMultiRegionTrail and IncludeGlobalServiceEvents default TRUE (CloudFormation's default for
 *   the first two is false); KMSKeyId only from `encryptionKey`/`kmsKey`; without `bucket` it creates
 *   `<trail>/S3` (an s3.Bucket with enforceSSL: true and nothing else); `sendToCloudWatchLogs`
 *   creates `<trail>/LogGroup` with retention ONE_YEAR unless `cloudWatchLogsRetention`.
 */
import type { Value } from '../../../model/types';
import { entry, type Ir } from '../ir';
import type { Builder } from '../l2';
import { addedStatements, addPolicy, tlsStatement } from '../policy';
import type { L2Adapter } from './types';

function sslPolicy(b: Builder, type: string, link: string, actions: string, principal: unknown, sid?: string): void {
  const ssl = b.get('enforceSSL');
  addPolicy(b, type, link, true, (policy) => {
    const out: Value[] = addedStatements(b, policy);
    if (ssl?.k === 'lit' && ssl.value === true) out.push(tlsStatement(b, actions, principal, b.v.range(ssl.node), 'enforceSSL: true adds this statement', sid));
    else if (ssl && ssl.k !== 'lit') out.push(b.v.unknown(ssl.node, ssl.k === 'unknown' ? ssl.reason : 'enforceSSL is computed'));
    return out;
  });
}

const SUBSCRIPTION_PROTOCOL: Record<string, string> = { HTTP: 'http', HTTPS: 'https', EMAIL: 'email', EMAIL_JSON: 'email-json', SMS: 'sms', SQS: 'sqs', APPLICATION: 'application', LAMBDA: 'lambda', FIREHOSE: 'firehose' };

/** aws-sns-subscriptions classes named by their first argument (the subscriber id), and their protocol. */
const SUBSCRIBERS: Record<string, (first: Ir | undefined, opts: Ir | undefined) => string | undefined> = {
  UrlSubscription: (url) => (url?.k === 'lit' && typeof url.value === 'string' ? (url.value.startsWith('https:') ? 'https' : 'http') : undefined),
  EmailSubscription: (_a, opts) => {
    const json = entry(opts, 'json')?.value;
    return !json ? 'email' : json.k === 'lit' ? (json.value === true ? 'email-json' : 'email') : undefined;
  },
  SmsSubscription: () => 'sms',
};

/** `topic.addSubscription(new subscriptions.UrlSubscription(url))` and the like → `<topic>/<id>` subscriptions. */
function subscriptions(b: Builder): void {
  b.ctx.callsOn(b.site, 'addSubscription').forEach((call, i) => {
    const sub = call.args[0];
    const protocolOf = sub?.k === 'new' && sub.module === 'aws-sns-subscriptions' ? SUBSCRIBERS[sub.path[0]] : undefined;
    if (sub?.k !== 'new' || !protocolOf) return;
    const [first, opts] = sub.args;
    const id = first?.k === 'lit' ? String(first.value).replace(/\//g, '--') : `Subscription${i + 1}`;
    const child = b.child(id, 'AWS::SNS::Subscription');
    b.set('TopicArn', { kind: 'ref', target: b.resource.name, range: b.v.range(call.node), file: b.v.file }, undefined, child);
    if (first) b.set('Endpoint', b.value(first, 'Endpoint', child), undefined, child);
    const written = entry(opts, 'protocol')?.value;
    const derived = protocolOf(first, opts);
    const protocol = written
      ? (written.k === 'sym' && SUBSCRIPTION_PROTOCOL[written.path[1]] ? b.v.scalar(written.node, SUBSCRIPTION_PROTOCOL[written.path[1]]) : b.v.unknown(written.node, 'a protocol computed by code'))
      : derived ? b.v.scalar(first && sub.path[0] === 'UrlSubscription' ? first.node : sub.node, derived, 'default', `${sub.path[0]} derives the protocol from its endpoint`)
        : b.v.unknown(sub.node, 'the subscription protocol depends on a computed value');
    b.set('Protocol', protocol, undefined, child);
    if (written) b.editAt('Protocol', { node: sub.node, arg: 1, key: 'protocol', code: (v) => (v === 'https' ? '{{aws-sns.SubscriptionProtocol}}.HTTPS' : undefined) }, child);
    else if (first?.k === 'lit' && sub.path[0] === 'UrlSubscription') {
      const url = String(first.value);
      b.editAt('Protocol', { node: first.node, code: (v) => (v === 'https' && !url.includes("'") ? `'${url.replace(/^http:/, 'https:')}'` : undefined) }, child);
    }
  });
}

export const SNS_TOPIC: L2Adapter = {
  module: 'aws-sns',
  classes: ['Topic'],
  type: 'AWS::SNS::Topic',
  props: { masterKey: { to: 'KmsMasterKeyId', ref: true }, topicName: { to: 'TopicName' }, displayName: { to: 'DisplayName' } },
  build(b) {
    sslPolicy(b, 'AWS::SNS::TopicPolicy', 'Topics', 'sns:Publish', '*', 'AllowPublishThroughSSLOnly');
    subscriptions(b);
  },
  fixes: [{
    path: 'KmsMasterKeyId', prop: 'masterKey',
    code: (v) => (typeof v === 'string' && /^alias\/[\w/-]+$/.test(v) ? `{{aws-kms.Alias}}.fromAliasName({{scope}}, '{{id}}MasterKey', '${v}')` : undefined),
  }],
  resourceFixes: { 'AWS::SNS::TopicPolicy': { prop: 'enforceSSL', code: 'true' } },
};

export const SNS_SUBSCRIPTION: L2Adapter = {
  module: 'aws-sns',
  classes: ['Subscription'],
  type: 'AWS::SNS::Subscription',
  props: {
    protocol: { to: 'Protocol', enum: 'SubscriptionProtocol', values: SUBSCRIPTION_PROTOCOL },
    endpoint: { to: 'Endpoint' },
    topic: { to: 'TopicArn', ref: true },
  },
  fixes: [{ path: 'Protocol', prop: 'protocol', code: '{{aws-sns.SubscriptionProtocol}}.HTTPS' }],
};

export const SQS_QUEUE: L2Adapter = {
  module: 'aws-sqs',
  classes: ['Queue'],
  type: 'AWS::SQS::Queue',
  props: { queueName: { to: 'QueueName' } },
  build(b) {
    const enc = b.get('encryption');
    const key = b.get('encryptionMasterKey');
    let kind = enc?.k === 'sym' && enc.path[0] === 'QueueEncryption' ? enc.path[1] : undefined;
    if (enc && !kind) b.set('KmsMasterKeyId', b.v.unknown(enc.node, enc.k === 'unknown' ? enc.reason : 'computed'), 'encryption');
    if (key && kind !== 'SQS_MANAGED') kind = 'KMS';
    const node = (enc ?? key)?.node;
    if (node && kind === 'UNENCRYPTED') b.set('SqsManagedSseEnabled', b.v.scalar(node, false), 'encryption');
    if (node && kind === 'SQS_MANAGED') b.set('SqsManagedSseEnabled', b.v.scalar(node, true), 'encryption');
    if (node && kind === 'KMS_MANAGED') b.set('KmsMasterKeyId', b.v.scalar(node, 'alias/aws/sqs'), 'encryption');
    if (node && kind === 'KMS') {
      if (key) b.set('KmsMasterKeyId', b.value(key, 'KmsMasterKeyId'), 'encryptionMasterKey');
      else {
        const k = b.child('Key', 'AWS::KMS::Key');
        b.set('KmsMasterKeyId', { kind: 'ref', target: k.name, attribute: 'Arn', range: b.v.range(node), file: b.v.file }, 'encryption');
      }
    }
    sslPolicy(b, 'AWS::SQS::QueuePolicy', 'Queues', 'sqs:*', { AWS: '*' });
  },
  terms: { KmsMasterKeyId: 'encryptionMasterKey', SqsManagedSseEnabled: 'encryption' },
  fixes: [
    { path: 'KmsMasterKeyId', prop: 'encryption', code: '{{aws-sqs.QueueEncryption}}.KMS_MANAGED' },
    { path: 'SqsManagedSseEnabled', prop: 'encryption', code: '{{aws-sqs.QueueEncryption}}.SQS_MANAGED' },
  ],
  resourceFixes: { 'AWS::SQS::QueuePolicy': { prop: 'enforceSSL', code: 'true' } },
};

const TRAIL_DEFAULT = 'cloudtrail.Trail turns this on unless the prop is set';

export const CLOUDTRAIL_TRAIL: L2Adapter = {
  module: 'aws-cloudtrail',
  classes: ['Trail'],
  type: 'AWS::CloudTrail::Trail',
  props: {
    enableFileValidation: { to: 'EnableLogFileValidation' },
    isMultiRegionTrail: { to: 'IsMultiRegionTrail' },
    includeGlobalServiceEvents: { to: 'IncludeGlobalServiceEvents' },
    encryptionKey: { to: 'KMSKeyId', ref: true },
    kmsKey: { to: 'KMSKeyId', ref: true },
    bucket: { to: 'S3BucketName', ref: true },
    trailName: { to: 'TrailName' },
  },
  defaults: [
    { path: 'IsLogging', value: true, note: 'cloudtrail.Trail always starts logging', unless: [] },
    { path: 'EnableLogFileValidation', value: true, note: TRAIL_DEFAULT, unless: ['enableFileValidation'] },
    { path: 'IsMultiRegionTrail', value: true, note: TRAIL_DEFAULT, unless: ['isMultiRegionTrail'] },
    { path: 'IncludeGlobalServiceEvents', value: true, note: TRAIL_DEFAULT, unless: ['includeGlobalServiceEvents'] },
  ],
  build(b) {
    if (!b.get('bucket')) {
      const bucket = b.child('S3', 'AWS::S3::Bucket');
      const note = 'the bucket that cloudtrail.Trail creates has enforceSSL: true';
      const policy = b.child('S3/Policy', 'AWS::S3::BucketPolicy');
      b.set('Bucket', { kind: 'ref', target: bucket.name, range: b.nameRange, file: b.v.file }, undefined, policy);
      b.set('PolicyDocument', b.json({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Resource: [{ 'Fn::GetAtt': [bucket.name, 'Arn'] }] }],
      }, b.nameRange, note), undefined, policy);
    }
    const cw = b.get('sendToCloudWatchLogs');
    if (cw?.k === 'lit' && cw.value === true && !b.get('cloudWatchLogGroup')) {
      const group = b.child('LogGroup', 'AWS::Logs::LogGroup');
      const retention = b.get('cloudWatchLogsRetention');
      b.set('RetentionInDays', retention ? b.v.unknown(retention.node, 'see the retention enum') : b.def(365, 'the log group that cloudtrail.Trail creates keeps logs one year'), undefined, group);
    }
  },
  fixes: [
    { path: 'EnableLogFileValidation', prop: 'enableFileValidation', code: 'true' },
    { path: 'IsMultiRegionTrail', prop: 'isMultiRegionTrail', code: 'true' },
    { path: 'IncludeGlobalServiceEvents', prop: 'includeGlobalServiceEvents', code: 'true' },
  ],
  terms: { KMSKeyId: 'encryptionKey', CloudWatchLogsLogGroupArn: 'cloudWatchLogGroup' },
};
