import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { readTokenKeys } from '#adapters/secrets/token-keys.ts';
import { makeBounces } from '#core/bounces.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import type { SesEventsDeps } from '#handlers/ses-events.ts';
import { readTableName, readTokenSecret, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, documentClient, telemetryOf, type RootOptions } from './shared.ts';

/** SES events: bounces and complaints become suppressions, keyed hashes under the secret's keys. */
export async function sesEventsRoot(env: Env, options: RootOptions = {}): Promise<SesEventsDeps> {
  const access = awsAccessOf(env, options);
  const tableName = readTableName(env);
  const keys = await readTokenKeys(access, readTokenSecret(env));
  const doc = documentClient(access, options);
  const telemetry = telemetryOf(env, options);
  return {
    bounces: makeBounces({
      subscribers: makeDynamoSubscriberStore(doc, tableName), clock: clockOf(options), telemetry,
      suppressions: makeSuppressions({ store: makeDynamoSuppressionStore(doc, tableName), keys }),
    }),
    telemetry,
  };
}
