import { SQSClient } from '@aws-sdk/client-sqs';
import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoJobStore } from '#adapters/dynamodb/job-store.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoUpdateStore } from '#adapters/dynamodb/update-store.ts';
import { makeSqsSendQueue } from '#adapters/sqs/send-queue.ts';
import { makeDispatcher } from '#core/dispatcher.ts';
import type { DispatcherHandlerDeps } from '#handlers/dispatcher.ts';
import { readFanOut, readTableName, type Env } from '#lambdas/config.ts';
import { clientConfig } from '#adapters/aws-client.ts';
import { awsAccessOf, clockOf, documentClient, telemetryOf, type RootOptions } from './shared.ts';

/** Dispatcher: finds what is due and pages readers into the send queue; it renders and sends nothing. */
export async function dispatcherRoot(env: Env, options: RootOptions = {}): Promise<DispatcherHandlerDeps> {
  const access = awsAccessOf(env, options);
  const tableName = readTableName(env);
  const fanOut = readFanOut(env);
  const doc = documentClient(access, options);
  const sqs = new SQSClient(clientConfig(access));
  const telemetry = telemetryOf(env, options);
  const dispatch = makeDispatcher({
    events: makeDynamoEventStore(doc, tableName),
    stories: makeDynamoStoryStore(doc, tableName),
    subscribers: makeDynamoSubscriberStore(doc, tableName),
    jobs: makeDynamoJobStore(doc, tableName),
    queue: makeSqsSendQueue(sqs, fanOut.queueUrl),
    updates: makeDynamoUpdateStore(doc, tableName),
    recipientsPerMessage: fanOut.recipientsPerMessage,
    clock: clockOf(options), telemetry,
  });
  return { dispatch, telemetry };
}
