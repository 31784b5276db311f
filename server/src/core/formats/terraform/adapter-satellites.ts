/**
 * Provider v4+ split resources and what they configure on the resource they point at (data only;
 * paths are relative to the parent's properties, or to one item of `item`).
 */
import type { BlockSpec, SatelliteSpec } from './adapter-types';

export const CANNED_ACL = {
  private: 'Private',
  'public-read': 'PublicRead',
  'public-read-write': 'PublicReadWrite',
  'authenticated-read': 'AuthenticatedRead',
  'aws-exec-read': 'AwsExecRead',
  'bucket-owner-read': 'BucketOwnerRead',
  'bucket-owner-full-control': 'BucketOwnerFullControl',
  'log-delivery-write': 'LogDeliveryWrite',
};

export const SSE_RULE: BlockSpec = {
  path: 'ServerSideEncryptionConfiguration',
  list: true,
  attrs: { bucket_key_enabled: 'BucketKeyEnabled' },
  blocks: {
    apply_server_side_encryption_by_default: {
      path: 'ServerSideEncryptionByDefault',
      attrs: { sse_algorithm: 'SSEAlgorithm', kms_master_key_id: 'KMSMasterKeyID' },
    },
  },
};

/** One replica of a DynamoDB global table (a `replica` block or an aws_dynamodb_table_replica). */
export const REPLICA_ATTRS = {
  region_name: 'Region',
  kms_key_arn: 'SSESpecification.KMSMasterKeyId',
  point_in_time_recovery: 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
};

export const SATELLITES: Record<string, SatelliteSpec> = {
  aws_dynamodb_table_replica: {
    parent: 'aws_dynamodb_table',
    via: 'global_table_arn',
    item: 'Replicas',
    attrs: REPLICA_ATTRS,
  },
  aws_s3_bucket_server_side_encryption_configuration: {
    parent: 'aws_s3_bucket',
    via: 'bucket',
    blocks: { rule: { ...SSE_RULE, path: 'BucketEncryption.ServerSideEncryptionConfiguration' } },
  },
  aws_s3_bucket_versioning: {
    parent: 'aws_s3_bucket',
    via: 'bucket',
    blocks: { versioning_configuration: { path: 'VersioningConfiguration', attrs: { status: 'Status' } } },
  },
  aws_s3_bucket_logging: {
    parent: 'aws_s3_bucket',
    via: 'bucket',
    attrs: { target_bucket: { path: 'LoggingConfiguration.DestinationBucketName', refType: 'aws_s3_bucket' }, target_prefix: 'LoggingConfiguration.LogFilePrefix' },
  },
  aws_s3_bucket_public_access_block: {
    parent: 'aws_s3_bucket',
    via: 'bucket',
    attrs: {
      block_public_acls: 'PublicAccessBlockConfiguration.BlockPublicAcls',
      block_public_policy: 'PublicAccessBlockConfiguration.BlockPublicPolicy',
      ignore_public_acls: 'PublicAccessBlockConfiguration.IgnorePublicAcls',
      restrict_public_buckets: 'PublicAccessBlockConfiguration.RestrictPublicBuckets',
    },
  },
  aws_s3_bucket_acl: {
    parent: 'aws_s3_bucket',
    via: 'bucket',
    attrs: { acl: { path: 'AccessControl', values: CANNED_ACL } },
  },
  aws_api_gateway_method_settings: {
    parent: 'aws_api_gateway_stage',
    via: 'stage_name',
    item: 'MethodSettings',
    attrs: { method_path: { path: '', as: 'method-path' } },
    blocks: {
      settings: {
        path: '',
        attrs: {
          caching_enabled: 'CachingEnabled',
          cache_data_encrypted: 'CacheDataEncrypted',
          cache_ttl_in_seconds: 'CacheTtlInSeconds',
          metrics_enabled: 'MetricsEnabled',
          logging_level: 'LoggingLevel',
          data_trace_enabled: 'DataTraceEnabled',
        },
      },
    },
    copy: ['rest_api_id'],
  },
};
