import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeBounces } from '#core/bounces.ts';
import type { SesEventsDeps } from '#handlers/ses-events.ts';
import { readAwsAccess, readTableName, type Env } from '#lambdas/config.ts';
import { clockOf, documentClient, telemetryOf, type RootOptions } from './shared.ts';

/** SES events: bounces and complaints become suppressions. DynamoDB only. */
export async function sesEventsRoot(env: Env, options: RootOptions = {}): Promise<SesEventsDeps> {
  const access = readAwsAccess(env);
  const tableName = readTableName(env);
  const doc = documentClient(access, options);
  const telemetry = telemetryOf(env, options);
  return {
    bounces: makeBounces({ subscribers: makeDynamoSubscriberStore(doc, tableName), clock: clockOf(options), telemetry }),
    telemetry,
  };
}
