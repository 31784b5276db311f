/**
 * The CDK fixture apps (apps/<name>/stack.ts, with an optional cdk.json beside), compiled by tsc as
 * part of the test project so that they type-check against the real aws-cdk-lib. They live here, not
 * in test/fixtures/ (which the composite test project cannot include). Only the differential test
 * runs them; the product never executes user or fixture code.
 */
import type { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { FixtureStack as Database } from './apps/database/stack';
import { FixtureStack as L1 } from './apps/l1/stack';
import { FixtureStack as Messaging } from './apps/messaging/stack';
import { FixtureStack as Network } from './apps/network/stack';
import { FixtureStack as Storage } from './apps/storage/stack';

export const FIXTURE_APPS: Record<string, new (scope: Construct, id: string) => Stack> = {
  database: Database,
  l1: L1,
  messaging: Messaging,
  network: Network,
  storage: Storage,
};
