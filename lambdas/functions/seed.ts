import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeSeedHandler } from '#handlers/seed.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { readTableName, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';

/** Seed: stores the first story and its events, and moves events from before stories into it; DynamoDB only. */
export async function build(env: Env, options: BuildOptions = {}) {
  const { events, stories } = tableStoresOf(awsAccessOf(env, options), readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore,
  });
  return makeSeedHandler({ events, stories, clock: clockOf(options), telemetry: telemetryOf(env, options) });
}

export const handler = lazyHandler(() => build(process.env));
