/**
 * s3.Bucket, as aws-cdk-lib 2.276.0 writes it (aws-s3/lib/bucket.js, constructor and
 * parseEncryption / parseServerAccessLogs / allowLogDelivery / enforceSSLStatement):
 * - `encryption` unset and no `encryptionKey`: UNENCRYPTED, so NO BucketEncryption is written
 *   (the docs' "S3_MANAGED by default" is S3's own default, not the template's);
 * - KMS without `encryptionKey` creates a kms.Key `<bucket>/Key` with enableKeyRotation: true;
 *   DSSE creates one without rotation;
 * - `versioned` default false (nothing written); `blockPublicAccess` default: nothing written;
 * - `enforceSSL: true` adds a Deny s3:* statement with Bool aws:SecureTransport "false" (principal
 *   AnyPrincipal = {AWS: "*"}) to the bucket policy `<bucket>/Policy`; default false;
 * - `serverAccessLogsBucket`/`serverAccessLogsPrefix` → LoggingConfiguration; the target bucket gets
 *   a log-delivery Allow statement (flag @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy) or
 *   AccessControl LogDeliveryWrite (flag unset, its v2 default).
 */
import type { Value } from '../../../model/types';
import { addedStatements, addPolicy, tlsStatement } from '../policy';
import type { Builder } from '../l2';
import type { L2Adapter } from './types';

const ACL = {
  PRIVATE: 'Private', PUBLIC_READ: 'PublicRead', PUBLIC_READ_WRITE: 'PublicReadWrite', AUTHENTICATED_READ: 'AuthenticatedRead',
  LOG_DELIVERY_WRITE: 'LogDeliveryWrite', BUCKET_OWNER_READ: 'BucketOwnerRead', BUCKET_OWNER_FULL_CONTROL: 'BucketOwnerFullControl', AWS_EXEC_READ: 'AwsExecRead',
};

const SSE: Record<string, string | null> = { UNENCRYPTED: null, S3_MANAGED: 'AES256', KMS_MANAGED: 'aws:kms', KMS: 'aws:kms', DSSE_MANAGED: 'aws:kms:dsse', DSSE: 'aws:kms:dsse' };

const BPA: Record<string, Record<string, boolean>> = {
  BLOCK_ALL: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
  BLOCK_ACLS: { BlockPublicAcls: true, IgnorePublicAcls: true },
  BLOCK_ACLS_ONLY: { BlockPublicAcls: true, BlockPublicPolicy: false, IgnorePublicAcls: true, RestrictPublicBuckets: false },
};

function encryption(b: Builder): void {
  const enc = b.get('encryption');
  const key = b.get('encryptionKey');
  let kind: string | undefined;
  if (enc?.k === 'sym' && enc.module === 'aws-s3' && enc.path[0] === 'BucketEncryption') kind = enc.path[1];
  else if (enc) return b.set('BucketEncryption', b.v.unknown(enc.node, enc.k === 'unknown' ? enc.reason : 'not a BucketEncryption member'), 'encryption');
  else if (key) kind = 'KMS';
  if (kind === undefined || SSE[kind] === null) return;
  if (SSE[kind] === undefined) return b.set('BucketEncryption', b.v.unknown(enc!.node, `BucketEncryption.${kind} is not known to hipaa-lint`), 'encryption');
  const node = enc?.node ?? key!.node;
  const prop = enc ? 'encryption' : 'encryptionKey';
  const base = ['BucketEncryption', 'ServerSideEncryptionConfiguration'];
  const rule = b.v.map(node);
  b.set(base.join('.'), { kind: 'seq', items: [rule], range: rule.range, file: b.v.file }, prop);
  b.v.mark(rule, b.resource, [...base, '0']);
  b.setUnder(rule, [...base, '0'], 'ServerSideEncryptionByDefault.SSEAlgorithm', b.v.scalar(node, SSE[kind]!), prop);
  const bucketKey = b.get('bucketKeyEnabled');
  if (bucketKey) b.setUnder(rule, [...base, '0'], 'BucketKeyEnabled', b.value(bucketKey, 'BucketKeyEnabled'), 'bucketKeyEnabled');
  if ((kind === 'KMS' || kind === 'DSSE') && !key) {
    const k = b.child('Key', 'AWS::KMS::Key');
    if (kind === 'KMS') b.set('EnableKeyRotation', b.v.scalar(node, true, 'default', 'the key that BucketEncryption.KMS creates has rotation on'), undefined, k);
  }
}

function accessLogs(b: Builder): void {
  const target = b.get('serverAccessLogsBucket');
  const prefix = b.get('serverAccessLogsPrefix');
  if (!target && !prefix) return;
  if (target) b.set('LoggingConfiguration.DestinationBucketName', target.k === 'construct' && !target.attr
    ? { kind: 'ref', target: target.site.name, range: b.v.range(target.node), file: b.v.file }
    : b.v.unknown(target.node, target.k === 'unknown' ? target.reason : 'a bucket not defined in this file'), 'serverAccessLogsBucket');
  if (prefix) b.set('LoggingConfiguration.LogFilePrefix', b.value(prefix, 'LogFilePrefix'), 'serverAccessLogsPrefix');
}

/** Buckets that log into this one make it a log-delivery target. */
function logTarget(b: Builder, policy: { resource?: Value[] }): void {
  const sources = b.ctx.sitesReferring(b.site).filter((s) => s.adapter === S3_BUCKET);
  const selfPrefix = !b.get('serverAccessLogsBucket') && b.get('serverAccessLogsPrefix');
  if (!sources.length && !selfPrefix) return;
  const note = 'aws-cdk-lib grants S3 log delivery to a bucket that receives access logs';
  if (b.flag('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy')) {
    policy.resource = [b.json({ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' }, b.nameRange, note)];
  } else if (!b.get('accessControl')) {
    b.set('AccessControl', b.def('LogDeliveryWrite', note));
  }
}

export const S3_BUCKET: L2Adapter = {
  module: 'aws-s3',
  classes: ['Bucket'],
  type: 'AWS::S3::Bucket',
  props: {
    bucketName: { to: 'BucketName' },
    versioned: { to: 'VersioningConfiguration.Status', bool: ['Enabled', null] },
    accessControl: { to: 'AccessControl', enum: 'BucketAccessControl', values: ACL },
  },
  build(b) {
    encryption(b);
    accessLogs(b);
    const bpa = b.get('blockPublicAccess');
    if (bpa?.k === 'sym' && bpa.path[0] === 'BlockPublicAccess' && BPA[bpa.path[1]]) {
      b.set('PublicAccessBlockConfiguration', b.json(BPA[bpa.path[1]], b.v.range(bpa.node), `BlockPublicAccess.${bpa.path[1]}`), 'blockPublicAccess');
      const pab = b.resource.properties!.entries.find((e) => e.key === 'PublicAccessBlockConfiguration')!.value;
      if (pab.kind === 'map') pab.entries.forEach((e) => { if (e.value.kind === 'scalar') e.value.state = 'literal'; });
    } else if (bpa?.k === 'new' && bpa.path[0] === 'BlockPublicAccess' && bpa.args[0]) {
      b.set('PublicAccessBlockConfiguration', b.value(bpa.args[0], 'PublicAccessBlockConfiguration'), 'blockPublicAccess');
    } else if (bpa) b.set('PublicAccessBlockConfiguration', b.v.unknown(bpa.node, bpa.k === 'unknown' ? bpa.reason : 'computed'), 'blockPublicAccess');
    const extra: { resource?: Value[] } = {};
    logTarget(b, extra);
    const ssl = b.get('enforceSSL');
    addPolicy(b, 'AWS::S3::BucketPolicy', 'Bucket', false, (policy) => {
      const out: Value[] = [...(extra.resource ?? []), ...addedStatements(b, policy)];
      if (ssl?.k === 'lit' && ssl.value === true) out.push(tlsStatement(b, 's3:*', { AWS: '*' }, b.v.range(ssl.node), 'enforceSSL: true adds this statement'));
      else if (ssl && ssl.k !== 'lit') out.push(b.v.unknown(ssl.node, ssl.k === 'unknown' ? ssl.reason : 'enforceSSL is computed'));
      return out;
    });
  },
  fixes: [
    { path: 'VersioningConfiguration', prop: 'versioned', code: 'true' },
    { path: 'BucketEncryption', prop: 'encryption', code: '{{aws-s3.BucketEncryption}}.KMS_MANAGED' },
    { path: 'PublicAccessBlockConfiguration', prop: 'blockPublicAccess', code: '{{aws-s3.BlockPublicAccess}}.BLOCK_ALL' },
    { path: 'AccessControl', prop: 'accessControl', code: '{{aws-s3.BucketAccessControl}}.PRIVATE' },
  ],
  resourceFixes: { 'AWS::S3::BucketPolicy': { prop: 'enforceSSL', code: 'true' } },
  terms: { LoggingConfiguration: 'serverAccessLogsBucket', DestinationBucketName: 'serverAccessLogsBucket', KMSMasterKeyID: 'encryptionKey', ServerSideEncryptionByDefault: 'encryption', SSEAlgorithm: 'encryption' },
};
