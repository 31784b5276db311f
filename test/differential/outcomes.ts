/**
 * Rule outcomes keyed by construct path, from either frontend, and their comparison: the CDK
 * source frontend (no synth) against the CloudFormation frontend run on the template that
 * aws-cdk-lib synthesizes from the same app.
 */
import type { RuleOutcome } from '../../server/src/core/engine';
import type { RuleSet } from '../../server/src/core/rules/loader';

export type Status = RuleOutcome['status'];

/** `${path}|${ruleId}` → the combined status (fail beats unknown beats pass over a rule's targets). */
export function keyed(outcomes: RuleOutcome[], pathOf: (resource: string) => string | undefined, core: Set<string>): Map<string, Status> {
  const rank: Record<Status, number> = { pass: 0, unknown: 1, fail: 2 };
  const out = new Map<string, Status>();
  for (const o of outcomes) {
    const path = pathOf(o.resource);
    if (!path || !core.has(o.ruleId)) continue;
    const key = `${path}|${o.ruleId}`;
    const prev = out.get(key);
    if (!prev || rank[o.status] > rank[prev]) out.set(key, o.status);
  }
  return out;
}

export function coreRules(rules: RuleSet): Set<string> {
  return new Set(rules.rules.filter((r) => r.core).map((r) => r.id));
}

/** Resource types some core rule targets by name (not `*`). */
export function coreTypes(rules: RuleSet): Set<string> {
  return new Set(rules.rules.filter((r) => r.core).flatMap((r) => r.targets.flatMap((t) => t.types)).filter((t) => t !== '*'));
}

export interface Difference {
  fixture: string;
  resource: string;
  rule: string;
  cfn?: Status | 'absent';
  cdk?: Status | 'absent';
}

export interface AllowEntry {
  fixture: string;
  resource: string;
  rule: string;
  reason: string;
}

export function allowed(d: Difference, list: AllowEntry[]): AllowEntry | undefined {
  return list.find((a) => a.fixture === d.fixture && (a.resource === d.resource || a.resource === '*') && (a.rule === d.rule || a.rule === '*'));
}

/** CloudFormation logical id → construct path without the stack and the trailing `/Resource`. */
export function constructPath(template: { Resources?: Record<string, { Metadata?: Record<string, unknown> }> }, stack: string): (id: string) => string | undefined {
  return (id) => {
    const path = template.Resources?.[id]?.Metadata?.['aws:cdk:path'];
    if (typeof path !== 'string' || !path.startsWith(`${stack}/`)) return undefined;
    return path.slice(stack.length + 1).replace(/\/Resource$/, '');
  };
}

/** cdk-nag HIPAA.Security rules that check what one of our core rules checks. */
export const NAG_TO_RULE: Record<string, string> = {
  S3BucketLoggingEnabled: 's3.access-logging',
  S3BucketVersioningEnabled: 's3.versioning',
  S3BucketSSLRequestsOnly: 's3.ssl-requests-only',
  S3DefaultEncryptionKMS: 's3.encryption-at-rest',
  S3BucketLevelPublicAccessProhibited: 's3.public-access-block',
  RDSStorageEncrypted: 'rds.storage-encrypted',
  RDSInstanceBackupEnabled: 'rds.backup-enabled',
  RDSInstancePublicAccess: 'rds.not-public',
  DynamoDBPITREnabled: 'dynamodb.pitr',
  EFSEncrypted: 'efs.encryption-at-rest',
  CloudWatchLogGroupRetentionPeriod: 'logs.retention',
  CloudTrailLogFileValidationEnabled: 'cloudtrail.log-file-validation',
  CloudTrailEncryptionEnabled: 'cloudtrail.encryption',
  SNSEncryptedKMS: 'sns.encryption-at-rest',
  ELBTlsHttpsListenersOnly: 'elb.classic-listener-encrypted',
  ALBHttpToHttpsRedirection: 'elbv2.listener-https',
  APIGWCacheEnabledAndEncrypted: 'apigw.cache-encrypted',
  RedshiftRequireTlsSSL: 'redshift.require-ssl',
  RedshiftClusterConfiguration: 'redshift.encryption-at-rest',
};

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n');
}
