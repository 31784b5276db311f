/** The L2 adapter tables (aws-cdk-lib 2.276.0), looked up by module and class name. */
import type { CdkModule } from '../imports';
import { AUTOSCALING_GROUP, EC2_INSTANCE, EC2_LAUNCH_TEMPLATE } from './compute';
import { CLOUDTRAIL_TRAIL, SNS_SUBSCRIPTION, SNS_TOPIC, SQS_QUEUE } from './messaging';
import { ALB, ALB_LISTENER, APIGW_REST_API, APIGW_STAGE, CLOUDFRONT_DISTRIBUTION, ELB_CLASSIC } from './network';
import { RDS_CLUSTER, RDS_INSTANCE, RDS_PARAMETER_GROUP } from './rds';
import { S3_BUCKET } from './s3';
import { DYNAMODB_TABLE, DYNAMODB_TABLE_V2, EC2_VOLUME, EFS_FILE_SYSTEM, KMS_KEY, LOG_GROUP } from './storage';
import type { L2Adapter } from './types';

export const ADAPTERS: L2Adapter[] = [
  S3_BUCKET, RDS_INSTANCE, RDS_CLUSTER, RDS_PARAMETER_GROUP, DYNAMODB_TABLE, DYNAMODB_TABLE_V2, EC2_VOLUME, EFS_FILE_SYSTEM,
  KMS_KEY, LOG_GROUP, SNS_TOPIC, SNS_SUBSCRIPTION, SQS_QUEUE, CLOUDTRAIL_TRAIL, EC2_INSTANCE, EC2_LAUNCH_TEMPLATE,
  AUTOSCALING_GROUP, CLOUDFRONT_DISTRIBUTION, ELB_CLASSIC, ALB, ALB_LISTENER, APIGW_REST_API, APIGW_STAGE,
];

const BY_CLASS = new Map<string, L2Adapter>();
for (const a of ADAPTERS) for (const c of a.classes) BY_CLASS.set(`${a.module}.${c}`, a);

export function adapterFor(module: CdkModule, cls: string): L2Adapter | undefined {
  return BY_CLASS.get(`${module}.${cls}`);
}
