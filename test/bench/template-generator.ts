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
