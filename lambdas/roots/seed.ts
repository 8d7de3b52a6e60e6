import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';
import { readAwsAccess, readTableName, type Env } from '#lambdas/config.ts';
import { clockOf, documentClient, telemetryOf, type RootOptions } from './shared.ts';

/** Seed: stores the story's events; DynamoDB only. */
export async function seedRoot(env: Env, options: RootOptions = {}): Promise<{ events: EventStore; clock: Clock; telemetry: InvocationTelemetry }> {
  const access = readAwsAccess(env);
  const doc = documentClient(access, options);
  return { events: makeDynamoEventStore(doc, readTableName(env)), clock: clockOf(options), telemetry: telemetryOf(env, options) };
}
