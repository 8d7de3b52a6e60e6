import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import type { StoryStore } from '#ports/story-store.ts';
import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';
import { readTableName, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, documentClient, telemetryOf, type RootOptions } from './shared.ts';

/** Seed: stores the first story and its events, and moves events from before stories into it; DynamoDB only. */
export async function seedRoot(env: Env, options: RootOptions = {}): Promise<{ events: EventStore; stories: StoryStore; clock: Clock; telemetry: InvocationTelemetry }> {
  const access = awsAccessOf(env, options);
  const doc = documentClient(access, options);
  const tableName = readTableName(env);
  return { events: makeDynamoEventStore(doc, tableName), stories: makeDynamoStoryStore(doc, tableName), clock: clockOf(options), telemetry: telemetryOf(env, options) };
}
