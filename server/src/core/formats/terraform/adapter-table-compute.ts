/**
 * Compute and network resources of the adapter table (data only; see adapter-table.ts): instances
 * and their disks, launch templates, load balancers and listeners, CloudFront, API Gateway stages,
 * Auto Scaling groups and Step Functions.
 */
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
  // The provider listens on HTTP unless told otherwise, in front of an application load balancer.
  defaults: [{
    path: 'Protocol',
    value: 'HTTP',
    argument: 'protocol',
    of: { via: 'load_balancer_arn', types: ['aws_lb', 'aws_alb'], when: { load_balancer_type: 'application' }, defaults: { load_balancer_type: 'application' }, describe: 'the type of its load balancer', is: 'an application load balancer' },
  }],
};

export const COMPUTE_RESOURCES: Record<string, ResourceSpec> = {
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
    attrs: { name: 'LaunchTemplateName', description: 'VersionDescription' },
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
  aws_autoscaling_group: {
    cfn: 'AWS::AutoScaling::AutoScalingGroup',
    attrs: { name: 'AutoScalingGroupName', launch_configuration: 'LaunchConfigurationName' },
    blocks: { tag: { path: 'Tags', list: true, attrs: { key: 'Key', value: 'Value', propagate_at_launch: 'PropagateAtLaunch' } } },
  },
  aws_sfn_state_machine: {
    cfn: 'AWS::StepFunctions::StateMachine',
    attrs: { name: 'StateMachineName', role_arn: 'RoleArn', definition: { path: 'Definition', as: 'json' } },
  },
  aws_lb_listener: { cfn: 'AWS::ElasticLoadBalancingV2::Listener', ...LISTENER_V2 },
  aws_alb_listener: { cfn: 'AWS::ElasticLoadBalancingV2::Listener', ...LISTENER_V2 },
};
