/**
 * DynamoDB, EBS volumes, EFS, KMS keys and log groups, as aws-cdk-lib 2.276.0 writes them:
 * - dynamodb.Table (aws-dynamodb/lib/table.js parseEncryption, validatePitr): `encryption` unset and
 *   no `encryptionKey` → NO SSESpecification (AWS-owned key); DEFAULT → SSEEnabled false;
 *   AWS_MANAGED → true; CUSTOMER_MANAGED → true + a kms.Key `<table>/Key` with rotation on.
 *   PITR only from `pointInTimeRecovery(Specification)`, else nothing.
 * - dynamodb.TableV2 (table-v2.js, encryption.js) → AWS::DynamoDB::GlobalTable: TableEncryptionV2
 *   dynamoOwnedKey() → SSEEnabled false, awsManagedKey()/customerManagedKey() → true; PITR per replica.
 * - ec2.Volume (volume.js): `encrypted` as written, else nothing (EBS default: unencrypted).
 * - efs.FileSystem (efs-file-system.js): `encrypted ?? (flag @aws-cdk/aws-efs:defaultEncryptionAtRest
 *   ? true : undefined)`; the flag is on when cdk.json does not set it (v2 default).
 * - kms.Key (key.js): EnableKeyRotation = `enableKeyRotation`, or true when `rotationPeriod` is set.
 * - logs.LogGroup (log-group.js): `retention` unset → RetentionDays.TWO_YEARS (731) unless
 *   logGroupClass DELIVERY; INFINITE → nothing written.
 */
import type { Builder } from '../l2';
import { entry } from '../ir';
import type { L2Adapter } from './types';

const RETENTION: Record<string, number | null> = {
  ONE_DAY: 1, THREE_DAYS: 3, FIVE_DAYS: 5, ONE_WEEK: 7, TWO_WEEKS: 14, ONE_MONTH: 30, TWO_MONTHS: 60, THREE_MONTHS: 90,
  FOUR_MONTHS: 120, FIVE_MONTHS: 150, SIX_MONTHS: 180, ONE_YEAR: 365, THIRTEEN_MONTHS: 400, EIGHTEEN_MONTHS: 545,
  TWO_YEARS: 731, THREE_YEARS: 1096, FIVE_YEARS: 1827, SIX_YEARS: 2192, SEVEN_YEARS: 2557, EIGHT_YEARS: 2922,
  NINE_YEARS: 3288, TEN_YEARS: 3653, INFINITE: null,
};

function tableEncryption(b: Builder): void {
  const enc = b.get('encryption');
  const key = b.get('encryptionKey');
  const sse = b.get('serverSideEncryption');
  let kind = enc?.k === 'sym' && enc.path[0] === 'TableEncryption' ? enc.path[1] : undefined;
  if (enc && !kind) return b.set('SSESpecification', b.v.unknown(enc.node, enc.k === 'unknown' ? enc.reason : 'computed'), 'encryption');
  if (!kind && key) kind = 'CUSTOMER_MANAGED';
  if (!kind && sse?.k === 'lit' && sse.value === true) kind = 'AWS_MANAGED';
  const node = (enc ?? key ?? sse)?.node;
  if (!kind || !node) return;
  const prop = enc ? 'encryption' : key ? 'encryptionKey' : 'serverSideEncryption';
  b.set('SSESpecification.SSEEnabled', b.v.scalar(node, kind !== 'DEFAULT'), prop);
  if (kind === 'CUSTOMER_MANAGED' && !key) {
    const k = b.child('Key', 'AWS::KMS::Key');
    b.set('EnableKeyRotation', b.v.scalar(node, true, 'default', 'the key that TableEncryption.CUSTOMER_MANAGED creates has rotation on'), undefined, k);
  }
}

const PITR_PATH = 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled';
const PITR_PROP = 'pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled';

/**
 * A PITR fix edits what is written: the deprecated `pointInTimeRecovery` flag (aws-cdk-lib rejects it
 * beside `pointInTimeRecoverySpecification`), or the key inside the specification object.
 */
function pitrEdit(b: Builder, path: string): void {
  const spec = b.get('pointInTimeRecoverySpecification');
  const flag = b.get('pointInTimeRecovery');
  const code = (v: unknown) => (v === true || (v && typeof v === 'object') ? 'true' : undefined);
  if (spec?.k === 'obj') b.editAt(path, { node: spec.node, key: 'pointInTimeRecoveryEnabled', code });
  else if (!spec && flag) b.editAt(path, { node: flag.node, code });
}

function pitr(b: Builder, base = ''): void {
  const spec = b.get('pointInTimeRecoverySpecification');
  const flag = b.get('pointInTimeRecovery');
  const path = `${base}PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled`;
  if (spec) {
    const enabled = spec.k === 'obj' ? entry(spec, 'pointInTimeRecoveryEnabled')?.value : spec;
    b.set(path, enabled ? b.value(enabled, path) : undefined, 'pointInTimeRecoverySpecification');
  } else if (flag) b.set(path, b.value(flag, path), 'pointInTimeRecovery');
  pitrEdit(b, `${base}PointInTimeRecoverySpecification`);
}

export const DYNAMODB_TABLE: L2Adapter = {
  module: 'aws-dynamodb',
  classes: ['Table'],
  type: 'AWS::DynamoDB::Table',
  props: { tableName: { to: 'TableName' } },
  build(b) {
    tableEncryption(b);
    pitr(b);
  },
  fixes: [
    { path: 'SSESpecification', prop: 'encryption', code: '{{aws-dynamodb.TableEncryption}}.AWS_MANAGED' },
    { path: 'PointInTimeRecoverySpecification', prop: 'pointInTimeRecoverySpecification', code: '{ pointInTimeRecoveryEnabled: true }' },
  ],
  terms: { KMSMasterKeyId: 'encryptionKey', PointInTimeRecoveryEnabled: 'pointInTimeRecoveryEnabled', [PITR_PATH]: PITR_PROP },
};

export const DYNAMODB_TABLE_V2: L2Adapter = {
  module: 'aws-dynamodb',
  classes: ['TableV2'],
  type: 'AWS::DynamoDB::GlobalTable',
  props: { tableName: { to: 'TableName' } },
  build(b) {
    const enc = b.get('encryption');
    if (enc?.k === 'call' && enc.path[0] === 'TableEncryptionV2') {
      b.set('SSESpecification.SSEEnabled', b.v.scalar(enc.node, enc.path[1] !== 'dynamoOwnedKey'), 'encryption');
    } else if (enc) b.set('SSESpecification.SSEEnabled', b.v.unknown(enc.node, enc.k === 'unknown' ? enc.reason : 'computed'), 'encryption');
    // One replica in the stack's region, carrying the table-level PITR setting.
    const replica = b.v.map(b.nameRange);
    b.set('Replicas', { kind: 'seq', items: [replica], range: b.nameRange, file: b.v.file });
    b.v.mark(replica, b.resource, ['Replicas', '0']);
    const spec = b.get('pointInTimeRecoverySpecification') ?? b.get('pointInTimeRecovery');
    const enabled = spec?.k === 'obj' ? entry(spec, 'pointInTimeRecoveryEnabled')?.value : spec;
    if (enabled) b.setUnder(replica, ['Replicas', '0'], 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', b.value(enabled, 'Replicas.0.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled'), 'pointInTimeRecoverySpecification');
    pitrEdit(b, 'Replicas.0.PointInTimeRecoverySpecification');
  },
  fixes: [
    { path: 'SSESpecification', prop: 'encryption', code: '{{aws-dynamodb.TableEncryptionV2}}.awsManagedKey()' },
    { path: 'Replicas', prop: 'pointInTimeRecoverySpecification', code: '{ pointInTimeRecoveryEnabled: true }' },
  ],
  terms: { Replicas: 'replicas', KMSMasterKeyId: 'encryption', PointInTimeRecoveryEnabled: 'pointInTimeRecoveryEnabled', [PITR_PATH]: PITR_PROP },
};

export const EC2_VOLUME: L2Adapter = {
  module: 'aws-ec2',
  classes: ['Volume'],
  type: 'AWS::EC2::Volume',
  props: { encrypted: { to: 'Encrypted' }, encryptionKey: { to: 'KmsKeyId', ref: true } },
  fixes: [{ path: 'Encrypted', prop: 'encrypted', code: 'true' }],
};

export const EFS_FILE_SYSTEM: L2Adapter = {
  module: 'aws-efs',
  classes: ['FileSystem'],
  type: 'AWS::EFS::FileSystem',
  props: { encrypted: { to: 'Encrypted' }, kmsKey: { to: 'KmsKeyId', ref: true } },
  build(b) {
    if (b.get('encrypted') || !b.flag('@aws-cdk/aws-efs:defaultEncryptionAtRest')) return;
    b.set('Encrypted', b.def(true, 'efs.FileSystem encrypts by default (feature flag @aws-cdk/aws-efs:defaultEncryptionAtRest)'));
  },
  fixes: [{ path: 'Encrypted', prop: 'encrypted', code: 'true' }],
};

export const KMS_KEY: L2Adapter = {
  module: 'aws-kms',
  classes: ['Key'],
  type: 'AWS::KMS::Key',
  props: {
    enableKeyRotation: { to: 'EnableKeyRotation' },
    keySpec: { to: 'KeySpec', enum: 'KeySpec', values: Object.fromEntries(['SYMMETRIC_DEFAULT', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'SM2'].map((k) => [k, k])) },
    description: { to: 'Description' },
  },
  build(b) {
    const period = b.get('rotationPeriod');
    if (period && !b.get('enableKeyRotation')) b.set('EnableKeyRotation', b.v.scalar(period.node, true, 'default', 'rotationPeriod turns key rotation on'), 'rotationPeriod');
  },
  fixes: [{ path: 'EnableKeyRotation', prop: 'enableKeyRotation', code: 'true' }],
};

export const LOG_GROUP: L2Adapter = {
  module: 'aws-logs',
  classes: ['LogGroup'],
  type: 'AWS::Logs::LogGroup',
  props: {
    retention: { to: 'RetentionInDays', enum: 'RetentionDays', values: RETENTION },
    logGroupName: { to: 'LogGroupName' },
    encryptionKey: { to: 'KmsKeyId', ref: true },
  },
  build(b) {
    const cls = b.get('logGroupClass');
    if (b.get('retention') || (cls?.k === 'sym' && cls.path[1] === 'DELIVERY')) return;
    b.set('RetentionInDays', cls && cls.k !== 'sym'
      ? b.v.unknown(cls.node, 'the log group class is computed')
      : b.def(731, 'logs.LogGroup keeps logs for two years (RetentionDays.TWO_YEARS) unless retention is set'));
  },
  fixes: [{
    path: 'RetentionInDays', prop: 'retention',
    code: (v) => {
      const name = Object.entries(RETENTION).find(([, days]) => days === v)?.[0] ?? (typeof v === 'number' ? Object.entries(RETENTION).find(([, d]) => d !== null && d >= v)?.[0] : undefined);
      return name ? `{{aws-logs.RetentionDays}}.${name}` : undefined;
    },
  }],
};
