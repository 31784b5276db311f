/** Builds large, realistic CloudFormation templates for benchmarks (a mix of compliant and not). */

const BLOCKS = [
  (i: number) => `  Bucket${i}:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub 'records-\${AWS::AccountId}-${i}'
      VersioningConfiguration:
        Status: Enabled
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
      Tags:
        - Key: team
          Value: claims-${i}
`,
  (i: number) => `  Database${i}:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.medium
      AllocatedStorage: '20'
      StorageEncrypted: ${i % 3 === 0 ? 'false' : 'true'}
      BackupRetentionPeriod: 7
      PubliclyAccessible: false
      MasterUsername: admin
      MasterUserPassword: '{{resolve:secretsmanager:db-${i}:SecretString:password}}'
`,
  (i: number) => `  Queue${i}:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: intake-${i}
      KmsMasterKeyId: alias/aws/sqs
      VisibilityTimeout: 60
`,
  (i: number) => `  Table${i}:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: ${i % 2 === 0}
`,
];

export function yamlTemplate(targetLines: number): string {
  let text = "AWSTemplateFormatVersion: '2010-09-09'\nDescription: benchmark template\nResources:\n";
  for (let i = 0; text.split('\n').length < targetLines; i++) text += BLOCKS[i % BLOCKS.length](i);
  return text;
}

/** The same resources as JSON (via the YAML engine-neutral shape would need a converter; keep it simple). */
export function jsonTemplate(targetLines: number): string {
  const resources: Record<string, unknown> = {};
  let lines = 4;
  for (let i = 0; lines < targetLines; i++) {
    resources[`Database${i}`] = {
      Type: 'AWS::RDS::DBInstance',
      Properties: { Engine: 'postgres', StorageEncrypted: i % 3 !== 0, BackupRetentionPeriod: 7, PubliclyAccessible: false, Tags: [{ Key: 'team', Value: `t${i}` }] },
    };
    lines += 15;
  }
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);
}

const TF_BLOCKS = [
  (i: number) => `resource "aws_s3_bucket" "records_${i}" {
  bucket = "records-${i}"
  tags = {
    team = "claims-${i}"
  }
}

resource "aws_s3_bucket_versioning" "records_${i}" {
  bucket = aws_s3_bucket.records_${i}.id
  versioning_configuration {
    status = "Enabled"
  }
}
`,
  (i: number) => `resource "aws_db_instance" "db_${i}" {
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  storage_encrypted       = ${i % 3 === 0 ? 'false' : 'true'}
  backup_retention_period = 7
  publicly_accessible     = false
}
`,
  (i: number) => `resource "aws_sqs_queue" "intake_${i}" {
  name              = "intake-${i}"
  kms_master_key_id = "alias/aws/sqs"
}
`,
];

/** A Terraform module of about `targetLines` lines (one file), with split resources. */
export function terraformModule(targetLines: number): string {
  let text = 'variable "environment" {\n  default = "dev"\n}\n\n';
  for (let i = 0; text.split('\n').length < targetLines; i++) text += `${TF_BLOCKS[i % TF_BLOCKS.length](i)}\n`;
  return text;
}

const CDK_BLOCKS = [
  (i: number) => `    const records${i} = new s3.Bucket(this, 'Records${i}', {
      encryption: s3.BucketEncryption.KMS,
      enforceSSL: true,
      versioned: ${i % 2 === 0},
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });
`,
  (i: number) => `    new rds.DatabaseInstance(this, 'Db${i}', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      storageEncrypted: ${i % 3 !== 0},
      backupRetention: Duration.days(7),
    });
`,
  (i: number) => `    new sqs.Queue(this, 'Queue${i}', {
      encryption: sqs.QueueEncryption.KMS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(${30 + (i % 60)}),
    });
`,
];

/** One CDK stack file of about `targetLines` lines. */
export function cdkStack(targetLines: number): string {
  let body = '';
  let lines = 12;
  for (let i = 0; lines < targetLines; i++) {
    const block = CDK_BLOCKS[i % CDK_BLOCKS.length](i);
    body += block;
    lines += block.split('\n').length - 1;
  }
  return `import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export class BigStack extends Stack {
  constructor(scope: Construct, id: string, vpc: ec2.IVpc) {
    super(scope, id);
${body}  }
}
`;
}
