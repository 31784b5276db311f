/**
 * Where Terraform writes names that CloudFormation has no property for (data only): name prefixes,
 * S3 object keys, and the provider's default_tags. The model keeps them under keys the PHI name and
 * tag checks read (names end in Name or Identifier, tags in Tags); messages say the argument again.
 */
import type { ResourceSpec } from './adapter-types';

/** tfType (or `*`: any resource) → argument → top-level key. The table's own attributes win. */
export const NAME_ARGS: Record<string, Record<string, string>> = {
  '*': { name_prefix: 'PrefixOfName', bucket_prefix: 'PrefixOfBucketName', identifier_prefix: 'PrefixOfIdentifier' },
  aws_s3_object: { key: 'ObjectKeyName' },
  aws_s3_bucket_object: { key: 'ObjectKeyName' },
  aws_s3_object_copy: { key: 'ObjectKeyName' },
};

export function nameArg(tfType: string, arg: string): string | undefined {
  return NAME_ARGS[tfType]?.[arg] ?? NAME_ARGS['*'][arg];
}

/** `provider "aws" { default_tags { tags = {..} } }`: tags on every resource it creates. */
export const PROVIDER: ResourceSpec = {
  cfn: 'Terraform::provider',
  blocks: { default_tags: { path: '', attrs: { tags: 'Tags' } } },
};
