import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeSeedHandler } from '#handlers/seed.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { readTableName, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';

/**
 * Seed: stores the first story and its events, moves events from before stories into it, and puts readers from
 * before the mailbox index into it; DynamoDB only.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const { events, stories, subscribers } = tableStoresOf(awsAccessOf(env, options), readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore, subscribers: makeDynamoSubscriberStore,
  });
  const telemetry = telemetryOf(env, options);
  return makeSeedHandler({ events, stories, subscribers, clock: clockOf(options), telemetry });
}

export const handler = lazyHandler(() => build(process.env));
