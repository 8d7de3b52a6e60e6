import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import { readAwsAccess, readTableName, type Env } from '#lambdas/config.ts';
import { clockOf, documentClient, type RootOptions } from './shared.ts';

/** Seed: stores the story's events; DynamoDB only. */
export async function seedRoot(env: Env, options: RootOptions = {}): Promise<{ events: EventStore; clock: Clock }> {
  const access = readAwsAccess(env);
  const doc = documentClient(access, options);
  return { events: makeDynamoEventStore(doc, readTableName(env)), clock: clockOf(options) };
}
