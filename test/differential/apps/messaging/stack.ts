import { Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Topics, queues and trails. */
export class FixtureStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = new kms.Key(this, 'MessagesKey', { enableKeyRotation: true });
    const alerts = new sns.Topic(this, 'Alerts', { masterKey: key, enforceSSL: true });
    new sns.Topic(this, 'Plain');
    new sns.Subscription(this, 'Webhook', { topic: alerts, protocol: sns.SubscriptionProtocol.HTTP, endpoint: 'http://example.com/hook' });
    alerts.addSubscription(new subscriptions.UrlSubscription('http://hooks.example.com/alerts'));
    alerts.addSubscription(new subscriptions.UrlSubscription('https://hooks.example.com/audit'));
    alerts.addSubscription(new subscriptions.EmailSubscription('oncall@example.com', { json: true }));

    new sqs.Queue(this, 'Jobs', { encryption: sqs.QueueEncryption.KMS_MANAGED, enforceSSL: true });
    new sqs.Queue(this, 'Standard');
    new sqs.Queue(this, 'Clear', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    new sqs.Queue(this, 'Managed', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    new sqs.Queue(this, 'OwnKey', { encryption: sqs.QueueEncryption.KMS });

    new cloudtrail.Trail(this, 'Audit', { encryptionKey: key, sendToCloudWatchLogs: true });
    new cloudtrail.Trail(this, 'Minimal', { enableFileValidation: false, isMultiRegionTrail: false });
  }
}
