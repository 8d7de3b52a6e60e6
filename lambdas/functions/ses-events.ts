import { makeDynamoJobStats } from '#adapters/dynamodb/job-stats.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeBounces } from '#core/bounces.ts';
import { makeJobFeedback } from '#core/job-feedback.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { makeSesEventsHandler } from '#handlers/ses-events.ts';
import { readTableName, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';
import { liveSuppressionKeys } from './links.ts';

/**
 * SES events: bounces and complaints become suppressions, keyed hashes under the suppression secret (it holds no
 * signing key); deliveries, bounces and complaints are counted against the job their mail was tagged with.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const clock = clockOf(options);
  const stores = tableStoresOf(access, readTableName(env), options, {
    subscribers: makeDynamoSubscriberStore, suppressions: makeDynamoSuppressionStore,
    jobStats: makeDynamoJobStats,
  });
  const telemetry = telemetryOf(env, options);
  const keys = await liveSuppressionKeys(env, access, clock, telemetry);
  return makeSesEventsHandler({
    bounces: makeBounces({
      subscribers: stores.subscribers, clock, telemetry,
      suppressions: makeSuppressions({ store: stores.suppressions, keys: keys.fresh }),
    }),
    feedback: makeJobFeedback({ stats: stores.jobStats, clock, telemetry }),
    telemetry,
  });
}

export const handler = lazyHandler(() => build(process.env));
