import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeBounces } from '#core/bounces.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import type { SesEventsDeps } from '#handlers/ses-events.ts';
import { readAwsAccess, readTableName, type Env } from '#lambdas/config.ts';
import { liveSuppressionKeys } from './links.ts';
import { clockOf, documentClient, telemetryOf, type RootOptions } from './shared.ts';

/** SES events: bounces and complaints become suppressions, keyed hashes under the suppression secret (it holds no signing key). */
export async function sesEventsRoot(env: Env, options: RootOptions = {}): Promise<SesEventsDeps> {
  const access = readAwsAccess(env);
  const tableName = readTableName(env);
  const doc = documentClient(access, options);
  const telemetry = telemetryOf(env, options);
  const keys = await liveSuppressionKeys(env, clockOf(options), telemetry);
  return {
    bounces: makeBounces({
      subscribers: makeDynamoSubscriberStore(doc, tableName), clock: clockOf(options), telemetry,
      suppressions: makeSuppressions({ store: makeDynamoSuppressionStore(doc, tableName), keys: keys.fresh }),
    }),
    telemetry,
  };
}
