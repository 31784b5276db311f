import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inTerraformTerms } from '../../server/src/core/formats/terraform/vocabulary';

describe('rule messages in Terraform terms', () => {
  it('names the argument instead of the CloudFormation property', () => {
    assert.equal(inTerraformTerms('StorageEncrypted is false.', 'AWS::RDS::DBInstance'), 'storage_encrypted is false.');
  });
  it('names the split resource for a top-level S3 setting, not the provider v3 inline block', () => {
    assert.equal(inTerraformTerms('VersioningConfiguration is not set.', 'AWS::S3::Bucket'), 'aws_s3_bucket_versioning is not set.');
  });
  it('leaves words that are not property names of that type alone', () => {
    assert.equal(inTerraformTerms('PHI in Amazon S3 is Encrypted', 'AWS::S3::Bucket'), 'PHI in Amazon S3 is Encrypted');
  });
  it('names Terraform resource types instead of CloudFormation ones', () => {
    assert.equal(inTerraformTerms('No AWS::SNS::TopicPolicy denies it.', 'AWS::SNS::Topic'), 'No aws_sns_topic_policy denies it.');
  });
  it('leaves types without an adapter alone', () => {
    assert.equal(inTerraformTerms('StorageEncrypted is false.', 'AWS::Unknown::Thing'), 'StorageEncrypted is false.');
  });
});
