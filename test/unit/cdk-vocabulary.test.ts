import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inCdkTerms } from '../../server/src/core/formats/cdk/vocabulary';

describe('rule messages in CDK terms', () => {
  it('names the L2 prop instead of the CloudFormation property (props table)', () => {
    assert.equal(inCdkTerms('StorageEncrypted is false.', 'AWS::RDS::DBInstance'), 'storageEncrypted is false.');
    assert.equal(inCdkTerms('KmsMasterKeyId is not set.', 'AWS::SNS::Topic'), 'masterKey is not set.');
  });
  it('names the prop for a top-level property and for its leaf path', () => {
    assert.equal(inCdkTerms('VersioningConfiguration is not set.', 'AWS::S3::Bucket'), 'versioned is not set.');
    assert.equal(inCdkTerms('VersioningConfiguration.Status is Suspended.', 'AWS::S3::Bucket'), 'versioned is Suspended.');
  });
  it('replaces a dotted path as a whole by the prop of its longest named prefix (fixes table)', () => {
    assert.equal(inCdkTerms('SSESpecification.SSEEnabled is false.', 'AWS::DynamoDB::Table'), 'encryption is false.');
  });
  it('uses the adapter terms for what build code writes, per resource type', () => {
    assert.equal(inCdkTerms('BackupRetentionPeriod is 0.', 'AWS::RDS::DBCluster'), 'backup.retention is 0.');
    assert.equal(inCdkTerms('BackupRetentionPeriod is 0.', 'AWS::RDS::DBInstance'), 'backupRetention is 0.');
    assert.equal(inCdkTerms('InstanceProtocol is http; use an SSLCertificateId.', 'AWS::ElasticLoadBalancing::LoadBalancer'), 'internalProtocol is http; use an sslCertificateArn.');
    assert.equal(inCdkTerms('ViewerProtocolPolicy is allow-all.', 'AWS::CloudFront::Distribution'), 'viewerProtocolPolicy is allow-all.');
    assert.equal(inCdkTerms('Neither KmsMasterKeyId nor SqsManagedSseEnabled is set.', 'AWS::SQS::Queue'), 'Neither encryptionMasterKey nor encryption is set.');
  });
  it('leaves resource types, words that are not property names of that type, and types without an L2 adapter alone', () => {
    assert.equal(inCdkTerms('No AWS::SNS::TopicPolicy denies Publish.', 'AWS::SNS::Topic'), 'No AWS::SNS::TopicPolicy denies Publish.');
    assert.equal(inCdkTerms('PHI in Amazon S3 is Encrypted', 'AWS::S3::Bucket'), 'PHI in Amazon S3 is Encrypted');
    assert.equal(inCdkTerms('StorageEncrypted is false.', 'AWS::Redshift::Cluster'), 'StorageEncrypted is false.');
  });
});
