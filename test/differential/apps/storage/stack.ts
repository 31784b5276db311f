import { Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { aws_s3 as s3 } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** Buckets, tables, keys, log groups, volumes and file systems: compliant and not. */
export class FixtureStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const logsBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });
    const records = new s3.Bucket(this, 'Records', {
      encryption: s3.BucketEncryption.KMS,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 'records/',
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS,
    });
    records.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], principals: [new iam.AccountRootPrincipal()], resources: [records.arnForObjects('*')] }));
    new s3.Bucket(this, 'Plain');
    new s3.Bucket(this, 'Dsse', { encryption: s3.BucketEncryption.DSSE, accessControl: s3.BucketAccessControl.PUBLIC_READ, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });

    new dynamodb.Table(this, 'Patients', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    new dynamodb.Table(this, 'Sessions', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    new dynamodb.Table(this, 'Cache', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.DEFAULT,
      pointInTimeRecovery: false,
    });
    new dynamodb.TableV2(this, 'Global', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });

    new kms.Key(this, 'RotatedKey', { enableKeyRotation: true });
    new kms.Key(this, 'StaticKey');
    new kms.Key(this, 'PeriodKey', { rotationPeriod: Duration.days(180) });

    new logs.LogGroup(this, 'DefaultRetention');
    new logs.LogGroup(this, 'Forever', { retention: logs.RetentionDays.INFINITE, removalPolicy: RemovalPolicy.DESTROY });
    new logs.LogGroup(this, 'SixYears', { retention: logs.RetentionDays.SIX_YEARS });

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 0 });
    new ec2.Volume(this, 'Unencrypted', { availabilityZone: 'us-east-1a', size: Size.gibibytes(10) });
    new ec2.Volume(this, 'Encrypted', { availabilityZone: 'us-east-1a', size: Size.gibibytes(10), encrypted: true });
    new efs.FileSystem(this, 'Shared', { vpc });
    new efs.FileSystem(this, 'Clear', { vpc, encrypted: false });
  }
}

