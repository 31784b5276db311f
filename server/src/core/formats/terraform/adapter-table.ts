/**
 * Terraform AWS provider resources → CloudFormation types and property paths, for every resource
 * type the core rules cover (data only; adapter-types.ts says what each field means). The v4+ split
 * resources joined into these are in adapter-satellites.ts.
 */
import { CANNED_ACL, SSE_RULE } from './adapter-satellites';
import type { BlockSpec, ResourceSpec } from './adapter-types';

const EBS_ATTRS = {
  encrypted: 'Ebs.Encrypted',
  kms_key_id: 'Ebs.KmsKeyId',
  volume_size: 'Ebs.VolumeSize',
  volume_type: 'Ebs.VolumeType',
  iops: 'Ebs.Iops',
  throughput: 'Ebs.Throughput',
  snapshot_id: 'Ebs.SnapshotId',
  delete_on_termination: 'Ebs.DeleteOnTermination',
};

/** aws_instance and aws_launch_configuration describe disks the same way. */
const INSTANCE_DISKS: Record<string, BlockSpec> = {
  root_block_device: { path: 'BlockDeviceMappings', list: true, ensure: ['Ebs'], attrs: EBS_ATTRS },
  ebs_block_device: { path: 'BlockDeviceMappings', list: true, ensure: ['Ebs'], attrs: { device_name: 'DeviceName', ...EBS_ATTRS } },
  ephemeral_block_device: { path: 'BlockDeviceMappings', list: true, attrs: { device_name: 'DeviceName', virtual_name: 'VirtualName', no_device: 'NoDevice' } },
};

const PARAMETERS_MAP: BlockSpec = { path: 'Parameters', keyed: { key: 'name', value: 'value' } };

const DB_PARAMETER_GROUP: Omit<ResourceSpec, 'cfn'> = {
  attrs: { name: 'DBParameterGroupName', family: 'Family', description: 'Description' },
  blocks: { parameter: PARAMETERS_MAP },
  nameAttr: 'name',
  refAttr: 'name',
};

const LISTENER_V2: Omit<ResourceSpec, 'cfn'> = {
  attrs: { protocol: 'Protocol', port: 'Port', ssl_policy: 'SslPolicy', load_balancer_arn: 'LoadBalancerArn' },
  blocks: {
    default_action: {
      path: 'DefaultActions',
      list: true,
      attrs: { type: 'Type', target_group_arn: 'TargetGroupArn', order: 'Order' },
      blocks: { redirect: { path: 'RedirectConfig', attrs: { protocol: 'Protocol', port: 'Port', host: 'Host', path: 'Path', query: 'Query', status_code: 'StatusCode' } } },
    },
  },
  refAttr: 'arn',
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
  aws_ebs_volume: {
    cfn: 'AWS::EC2::Volume',
    attrs: { encrypted: 'Encrypted', kms_key_id: 'KmsKeyId', availability_zone: 'AvailabilityZone', size: 'Size', type: 'VolumeType' },
  },
  aws_instance: {
    cfn: 'AWS::EC2::Instance',
    attrs: { ami: 'ImageId', instance_type: 'InstanceType' },
    blocks: { ...INSTANCE_DISKS, launch_template: { path: 'LaunchTemplate', attrs: { id: 'LaunchTemplateId', name: 'LaunchTemplateName', version: 'Version' } } },
  },
  aws_launch_template: {
    cfn: 'AWS::EC2::LaunchTemplate',
    prefix: 'LaunchTemplateData',
    attrs: { name: 'LaunchTemplateName', name_prefix: 'LaunchTemplateNamePrefix', description: 'VersionDescription' },
    blocks: {
      block_device_mappings: {
        path: 'LaunchTemplateData.BlockDeviceMappings',
        list: true,
        attrs: { device_name: 'DeviceName', no_device: 'NoDevice', virtual_name: 'VirtualName' },
        blocks: { ebs: { path: 'Ebs', attrs: { encrypted: 'Encrypted', kms_key_id: 'KmsKeyId', volume_size: 'VolumeSize', volume_type: 'VolumeType', snapshot_id: 'SnapshotId', delete_on_termination: 'DeleteOnTermination' } } },
      },
    },
  },
  aws_launch_configuration: {
    cfn: 'AWS::AutoScaling::LaunchConfiguration',
    attrs: { name: 'LaunchConfigurationName', image_id: 'ImageId', instance_type: 'InstanceType' },
    blocks: INSTANCE_DISKS,
    refAttr: 'name',
  },
  aws_cloudfront_distribution: {
    cfn: 'AWS::CloudFront::Distribution',
    prefix: 'DistributionConfig',
    attrs: { web_acl_id: 'DistributionConfig.WebACLId' },
    blocks: {
      default_cache_behavior: { path: 'DistributionConfig.DefaultCacheBehavior', attrs: { viewer_protocol_policy: 'ViewerProtocolPolicy', target_origin_id: 'TargetOriginId' } },
      ordered_cache_behavior: {
        path: 'DistributionConfig.CacheBehaviors',
        list: true,
        attrs: { viewer_protocol_policy: 'ViewerProtocolPolicy', path_pattern: 'PathPattern', target_origin_id: 'TargetOriginId' },
      },
      origin: {
        path: 'DistributionConfig.Origins',
        list: true,
        attrs: { domain_name: 'DomainName', origin_id: 'Id', origin_path: 'OriginPath' },
        blocks: {
          custom_origin_config: {
            path: 'CustomOriginConfig',
            attrs: { origin_protocol_policy: 'OriginProtocolPolicy', origin_ssl_protocols: 'OriginSSLProtocols', http_port: 'HTTPPort', https_port: 'HTTPSPort' },
          },
          s3_origin_config: { path: 'S3OriginConfig', attrs: { origin_access_identity: 'OriginAccessIdentity' } },
        },
      },
      viewer_certificate: {
        path: 'DistributionConfig.ViewerCertificate',
        attrs: { acm_certificate_arn: 'AcmCertificateArn', minimum_protocol_version: 'MinimumProtocolVersion', ssl_support_method: 'SslSupportMethod', cloudfront_default_certificate: 'CloudFrontDefaultCertificate' },
      },
      logging_config: { path: 'DistributionConfig.Logging', attrs: { bucket: 'Bucket', prefix: 'Prefix', include_cookies: 'IncludeCookies' } },
    },
  },
  aws_api_gateway_stage: {
    cfn: 'AWS::ApiGateway::Stage',
    attrs: { stage_name: 'StageName', rest_api_id: 'RestApiId', deployment_id: 'DeploymentId', cache_cluster_enabled: 'CacheClusterEnabled', cache_cluster_size: 'CacheClusterSize' },
    nameAttr: 'stage_name',
    refAttr: 'stage_name',
  },
  aws_dynamodb_table: {
    cfn: 'AWS::DynamoDB::Table',
    attrs: { name: 'TableName' },
    blocks: {
      server_side_encryption: { path: 'SSESpecification', attrs: { enabled: 'SSEEnabled', kms_key_arn: 'KMSMasterKeyId' } },
      point_in_time_recovery: { path: 'PointInTimeRecoverySpecification', attrs: { enabled: 'PointInTimeRecoveryEnabled' } },
      replica: { path: 'Replicas', list: true, attrs: { region_name: 'Region', kms_key_arn: 'SSESpecification.KMSMasterKeyId', point_in_time_recovery: 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled' } },
    },
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
    attrs: { name: 'LogGroupName', retention_in_days: 'RetentionInDays', kms_key_id: 'KmsKeyId' },
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
  aws_elb: {
    cfn: 'AWS::ElasticLoadBalancing::LoadBalancer',
    attrs: { name: 'LoadBalancerName' },
    blocks: {
      listener: {
        path: 'Listeners',
        list: true,
        attrs: { lb_protocol: 'Protocol', lb_port: 'LoadBalancerPort', instance_protocol: 'InstanceProtocol', instance_port: 'InstancePort', ssl_certificate_id: 'SSLCertificateId' },
      },
    },
  },
  aws_lb_listener: { cfn: 'AWS::ElasticLoadBalancingV2::Listener', ...LISTENER_V2 },
  aws_alb_listener: { cfn: 'AWS::ElasticLoadBalancingV2::Listener', ...LISTENER_V2 },
};

/** Terraform arguments that configure Terraform itself, not the resource. */
export const META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection', 'timeouts']);

/** The Terraform type a fix should create for a CloudFormation type (the first one listed). */
export function terraformTypeOf(cfnType: string): string | undefined {
  return Object.keys(RESOURCES).find((t) => RESOURCES[t].cfn === cfnType);
}
