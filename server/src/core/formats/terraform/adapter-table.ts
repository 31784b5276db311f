/**
 * Terraform AWS provider resources → CloudFormation types and property paths, for every resource
 * type the core rules cover (data only; adapter-types.ts says what each field means): storage and
 * data here, compute and network in adapter-table-compute.ts, the v4+ split resources joined into
 * these in adapter-satellites.ts.
 */
import { CANNED_ACL, REPLICA_ATTRS, SSE_RULE } from './adapter-satellites';
import type { BlockSpec, ResourceSpec } from './adapter-types';
import { COMPUTE_RESOURCES } from './adapter-table-compute';

const PARAMETERS_MAP: BlockSpec = { path: 'Parameters', keyed: { key: 'name', value: 'value' } };

const DB_PARAMETER_GROUP: Omit<ResourceSpec, 'cfn'> = {
  attrs: { name: 'DBParameterGroupName', family: 'Family', description: 'Description' },
  blocks: { parameter: PARAMETERS_MAP },
  nameAttr: 'name',
  refAttr: 'name',
};

export const RESOURCES: Record<string, ResourceSpec> = {
  aws_s3_bucket: {
    cfn: 'AWS::S3::Bucket',
    attrs: { bucket: 'BucketName', acl: { path: 'AccessControl', values: CANNED_ACL } },
    blocks: {
      server_side_encryption_configuration: { path: 'BucketEncryption', v3: true, blocks: { rule: SSE_RULE } },
      versioning: { path: 'VersioningConfiguration', v3: true, attrs: { enabled: { path: 'Status', values: { true: 'Enabled', false: 'Suspended' } } } },
      logging: { path: 'LoggingConfiguration', v3: true, attrs: { target_bucket: { path: 'DestinationBucketName', refType: 'aws_s3_bucket' }, target_prefix: 'LogFilePrefix' } },
    },
    nameAttr: 'bucket',
    inlinePolicy: { attr: 'policy', cfn: 'AWS::S3::BucketPolicy', link: 'Bucket' },
    self: { arn: 'arn:aws:s3:::{name}', id: '{name}', bucket: '{name}' },
  },
  aws_s3_bucket_policy: {
    cfn: 'AWS::S3::BucketPolicy',
    attrs: { bucket: { path: 'Bucket', refType: 'aws_s3_bucket' }, policy: { path: 'PolicyDocument', as: 'policy' } },
  },
  aws_kms_key: {
    cfn: 'AWS::KMS::Key',
    attrs: {
      enable_key_rotation: 'EnableKeyRotation',
      customer_master_key_spec: 'KeySpec',
      key_usage: 'KeyUsage',
      description: 'Description',
      policy: { path: 'KeyPolicy', as: 'policy' },
    },
    refAttr: 'arn',
  },
  aws_sqs_queue: {
    cfn: 'AWS::SQS::Queue',
    attrs: { name: 'QueueName', kms_master_key_id: 'KmsMasterKeyId', sqs_managed_sse_enabled: 'SqsManagedSseEnabled' },
    inlinePolicy: { attr: 'policy', cfn: 'AWS::SQS::QueuePolicy', link: 'Queues', list: true },
    nameAttr: 'name',
    // Region and account are not written: an ARN pattern still matches only this queue (any queue when unnamed).
    self: { arn: 'arn:aws:sqs:*:*:{name?}' },
  },
  aws_sqs_queue_policy: {
    cfn: 'AWS::SQS::QueuePolicy',
    attrs: { queue_url: { path: 'Queues', as: 'list' }, policy: { path: 'PolicyDocument', as: 'policy' } },
  },
  aws_sns_topic: {
    cfn: 'AWS::SNS::Topic',
    attrs: { name: 'TopicName', display_name: 'DisplayName', kms_master_key_id: 'KmsMasterKeyId' },
    refAttr: 'arn',
    inlinePolicy: { attr: 'policy', cfn: 'AWS::SNS::TopicPolicy', link: 'Topics', list: true },
    nameAttr: 'name',
    // SNS requires a Resource matching the topic's ARN; the pattern does without region and account.
    self: { arn: 'arn:aws:sns:*:*:{name?}' },
  },
  aws_sns_topic_policy: {
    cfn: 'AWS::SNS::TopicPolicy',
    attrs: { arn: { path: 'Topics', as: 'list' }, policy: { path: 'PolicyDocument', as: 'policy' } },
  },
  aws_sns_topic_subscription: {
    cfn: 'AWS::SNS::Subscription',
    attrs: { protocol: 'Protocol', endpoint: 'Endpoint', topic_arn: 'TopicArn' },
    refAttr: 'arn',
  },
  aws_elasticache_replication_group: {
    cfn: 'AWS::ElastiCache::ReplicationGroup',
    attrs: {
      replication_group_id: 'ReplicationGroupId',
      description: 'ReplicationGroupDescription',
      engine: 'Engine',
      engine_version: 'EngineVersion',
      node_type: 'CacheNodeType',
      auth_token: 'AuthToken',
      user_group_ids: 'UserGroupIds',
      transit_encryption_enabled: 'TransitEncryptionEnabled',
      transit_encryption_mode: 'TransitEncryptionMode',
      at_rest_encryption_enabled: 'AtRestEncryptionEnabled',
      kms_key_id: 'KmsKeyId',
      global_replication_group_id: 'GlobalReplicationGroupId',
    },
    // The provider encrypts Valkey at rest unless told otherwise.
    defaults: [{ path: 'AtRestEncryptionEnabled', value: true, argument: 'at_rest_encryption_enabled', when: { engine: 'valkey' } }],
  },
  aws_dynamodb_table: {
    cfn: 'AWS::DynamoDB::Table',
    attrs: { name: 'TableName' },
    blocks: {
      server_side_encryption: { path: 'SSESpecification', attrs: { enabled: 'SSEEnabled', kms_key_arn: 'KMSMasterKeyId' } },
      point_in_time_recovery: { path: 'PointInTimeRecoverySpecification', attrs: { enabled: 'PointInTimeRecoveryEnabled' } },
      replica: { path: 'Replicas', list: true, attrs: REPLICA_ATTRS },
    },
    // Each replica has its own point-in-time recovery (off unless set), like a GlobalTable's replicas.
    variant: { cfn: 'AWS::DynamoDB::GlobalTable', list: 'Replicas', own: ['PointInTimeRecoverySpecification'] },
  },
  aws_redshift_cluster: {
    cfn: 'AWS::Redshift::Cluster',
    attrs: {
      cluster_identifier: 'ClusterIdentifier',
      database_name: 'DBName',
      master_username: 'MasterUsername',
      node_type: 'NodeType',
      cluster_type: 'ClusterType',
      encrypted: 'Encrypted',
      kms_key_id: 'KmsKeyId',
      publicly_accessible: 'PubliclyAccessible',
      cluster_parameter_group_name: { path: 'ClusterParameterGroupName', refType: 'aws_redshift_parameter_group' },
    },
    // Provider v6 encrypts new clusters unless told otherwise (v5 and earlier default to false).
    defaults: [{ path: 'Encrypted', value: true, argument: 'encrypted', sinceProvider: 6 }],
  },
  aws_redshift_parameter_group: {
    cfn: 'AWS::Redshift::ClusterParameterGroup',
    attrs: { name: 'ParameterGroupName', family: 'ParameterGroupFamily', description: 'Description' },
    blocks: { parameter: { path: 'Parameters', list: true, attrs: { name: 'ParameterName', value: 'ParameterValue' } } },
    nameAttr: 'name',
    refAttr: 'name',
    required: { name: '{label-dashed}' },
  },
  aws_cloudtrail: {
    cfn: 'AWS::CloudTrail::Trail',
    attrs: {
      name: 'TrailName',
      s3_bucket_name: 'S3BucketName',
      kms_key_id: 'KMSKeyId',
      enable_logging: 'IsLogging',
      enable_log_file_validation: 'EnableLogFileValidation',
      is_multi_region_trail: 'IsMultiRegionTrail',
      include_global_service_events: 'IncludeGlobalServiceEvents',
      cloud_watch_logs_group_arn: 'CloudWatchLogsLogGroupArn',
    },
    // CloudFormation requires IsLogging; the provider starts logging unless told otherwise.
    defaults: [{ path: 'IsLogging', value: true, argument: 'enable_logging' }],
    required: { name: '{label-dashed}' },
  },
  aws_efs_file_system: {
    cfn: 'AWS::EFS::FileSystem',
    attrs: { encrypted: 'Encrypted', kms_key_id: 'KmsKeyId', creation_token: 'FileSystemName' },
  },
  aws_cloudwatch_log_group: {
    cfn: 'AWS::Logs::LogGroup',
    // The provider sends 0 as "never expire", CloudFormation's default.
    attrs: { name: 'LogGroupName', retention_in_days: { path: 'RetentionInDays', unset: [0] }, kms_key_id: 'KmsKeyId' },
    nameAttr: 'name',
    refAttr: 'name',
  },
  aws_db_instance: {
    cfn: 'AWS::RDS::DBInstance',
    attrs: {
      identifier: 'DBInstanceIdentifier',
      engine: 'Engine',
      engine_version: 'EngineVersion',
      instance_class: 'DBInstanceClass',
      storage_encrypted: 'StorageEncrypted',
      kms_key_id: 'KmsKeyId',
      parameter_group_name: { path: 'DBParameterGroupName', refType: 'aws_db_parameter_group' },
      backup_retention_period: 'BackupRetentionPeriod',
      publicly_accessible: 'PubliclyAccessible',
      replicate_source_db: 'SourceDBInstanceIdentifier',
      license_model: 'LicenseModel',
      db_name: 'DBName',
      name: 'DBName',
      username: 'MasterUsername',
      password: 'MasterUserPassword',
      db_subnet_group_name: 'DBSubnetGroupName',
      multi_az: 'MultiAZ',
    },
    // CloudFormation leaves PubliclyAccessible to the subnet group; the provider sends false.
    defaults: [{ path: 'PubliclyAccessible', value: false, argument: 'publicly_accessible' }],
    refAttr: 'identifier',
  },
  aws_rds_cluster_instance: {
    cfn: 'AWS::RDS::DBInstance',
    attrs: {
      identifier: 'DBInstanceIdentifier',
      cluster_identifier: 'DBClusterIdentifier',
      engine: 'Engine',
      engine_version: 'EngineVersion',
      instance_class: 'DBInstanceClass',
      publicly_accessible: 'PubliclyAccessible',
      db_parameter_group_name: { path: 'DBParameterGroupName', refType: 'aws_db_parameter_group' },
    },
    defaults: [{ path: 'PubliclyAccessible', value: false, argument: 'publicly_accessible' }],
  },
  aws_db_parameter_group: { cfn: 'AWS::RDS::DBParameterGroup', ...DB_PARAMETER_GROUP },
  aws_rds_cluster: {
    cfn: 'AWS::RDS::DBCluster',
    attrs: {
      cluster_identifier: 'DBClusterIdentifier',
      engine: 'Engine',
      engine_version: 'EngineVersion',
      engine_mode: 'EngineMode',
      storage_encrypted: 'StorageEncrypted',
      kms_key_id: 'KmsKeyId',
      backup_retention_period: 'BackupRetentionPeriod',
      db_cluster_parameter_group_name: { path: 'DBClusterParameterGroupName', refType: 'aws_rds_cluster_parameter_group' },
      database_name: 'DatabaseName',
      master_username: 'MasterUsername',
    },
    // Serverless v1 clusters are always encrypted; the provider's default follows.
    defaults: [{ path: 'StorageEncrypted', value: true, argument: 'storage_encrypted', when: { engine_mode: 'serverless' } }],
    refAttr: 'cluster_identifier',
  },
  aws_rds_cluster_parameter_group: {
    cfn: 'AWS::RDS::DBClusterParameterGroup',
    ...DB_PARAMETER_GROUP,
    attrs: { name: 'DBClusterParameterGroupName', family: 'Family', description: 'Description' },
  },
  ...COMPUTE_RESOURCES,
};

/** Terraform arguments that configure Terraform itself, not the resource. */
export const META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection', 'timeouts']);

/** The Terraform type a fix should create for a CloudFormation type (the first one listed). */
export function terraformTypeOf(cfnType: string): string | undefined {
  return Object.keys(RESOURCES).find((t) => RESOURCES[t].cfn === cfnType);
}
