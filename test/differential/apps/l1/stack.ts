import * as cdk from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** L1 constructs only: one to one with CloudFormation. */
export class FixtureStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const bucket = new cdk.aws_s3.CfnBucket(this, 'Raw', {
      versioningConfiguration: { status: 'Enabled' },
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }] },
      publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: false },
    });
    new cdk.aws_s3.CfnBucketPolicy(this, 'RawPolicy', {
      bucket: bucket.ref,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Deny', Principal: '*', Action: 's3:*',
          Resource: [bucket.attrArn, `${bucket.attrArn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }],
      },
    });
    new cdk.aws_rds.CfnDBInstance(this, 'Db', { engine: 'mysql', dbInstanceClass: 'db.t3.micro', allocatedStorage: '20', storageEncrypted: false, publiclyAccessible: false, masterUsername: 'admin', masterUserPassword: 'change-me-please' });
    new cdk.aws_elasticache.CfnReplicationGroup(this, 'Cache', {
      replicationGroupDescription: 'sessions', engine: 'redis', cacheNodeType: 'cache.t3.micro', numCacheClusters: 1,
      atRestEncryptionEnabled: true, transitEncryptionEnabled: false,
    });
    new cdk.aws_redshift.CfnCluster(this, 'Warehouse', { clusterType: 'single-node', dbName: 'dw', masterUsername: 'admin', masterUserPassword: 'Change-me-1', nodeType: 'dc2.large', encrypted: true });
    new cdk.aws_dynamodb.CfnTable(this, 'Table', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: { sseEnabled: true },
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
  }
}
