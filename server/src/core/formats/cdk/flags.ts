/**
 * CDK feature flags that the adapters read. A flag missing from cdk.json behaves as its
 * `unconfiguredBehavesLike.v2` value in aws-cdk-lib 2.276.0 (cx-api/lib/features.js), else false.
 * The caller reads cdk.json (readCdkFeatureFlags) and passes the flags to parseCdkSource.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const UNCONFIGURED: Record<string, boolean> = {
  '@aws-cdk/aws-efs:defaultEncryptionAtRest': true,
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': false,
  '@aws-cdk/aws-s3:publicAccessBlockedByDefault': false,
  '@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps': false,
  '@aws-cdk/aws-autoscaling:generateLaunchTemplateInsteadOfLaunchConfig': false,
  '@aws-cdk/aws-kms:defaultKeyPolicies': true,
};

export function flagReader(flags: Record<string, unknown> | undefined): (name: string) => boolean {
  return (name) => {
    const v = flags?.[name];
    if (v === undefined) return UNCONFIGURED[name] ?? false;
    return v === true || v === 'true';
  };
}

/** The `context` of the nearest cdk.json at or above the file's folder (undefined when none). */
export function readCdkFeatureFlags(file: string, stopAt?: string): Record<string, unknown> | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const candidate = path.join(dir, 'cdk.json');
    if (fs.existsSync(candidate)) {
      try {
        const json = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { context?: Record<string, unknown> };
        return json.context ?? {};
      } catch {
        return {};
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir || (stopAt && path.resolve(stopAt) === dir)) return undefined;
    dir = parent;
  }
}
