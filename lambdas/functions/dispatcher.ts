import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoJobStore } from '#adapters/dynamodb/job-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoUpdateStore } from '#adapters/dynamodb/update-store.ts';
import { makeSqsSendQueue } from '#adapters/sqs/send-queue.ts';
import { makeDispatcher } from '#core/dispatcher.ts';
import { makeDispatcherHandler } from '#handlers/dispatcher.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { readFanOut, readTableName, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, sqsClientOf, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';

/** Dispatcher: finds what is due and pages readers into the send queue; it renders and sends nothing. */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const fanOut = readFanOut(env);
  const stores = tableStoresOf(access, readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore, subscribers: makeDynamoSubscriberStore,
    jobs: makeDynamoJobStore, updates: makeDynamoUpdateStore,
  });
  const telemetry = telemetryOf(env, options);
  const dispatch = makeDispatcher({
    events: stores.events,
    stories: stores.stories,
    subscribers: stores.subscribers,
    jobs: stores.jobs,
    queue: makeSqsSendQueue(sqsClientOf(access, options), fanOut.queueUrl),
    updates: stores.updates,
    recipientsPerMessage: fanOut.recipientsPerMessage,
    clock: clockOf(options), telemetry,
  });
  return makeDispatcherHandler({ dispatch, telemetry });
}

export const handler = lazyHandler(() => build(process.env));
