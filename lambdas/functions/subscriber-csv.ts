import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeSqsSignUpQueue } from '#adapters/sqs/sign-up-queue.ts';
import { makeSubscriberExporter } from '#core/subscriber-csv/exporter.ts';
import { makeSubscriberImporter } from '#core/subscriber-csv/importer.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { makeSubscriberCsv } from '#handlers/subscriber-csv.ts';
import { readSignUpQueueUrl, readTableName, type Env } from '#lambdas/config.ts';
import {
  awsAccessOf, clockOf, edgeTrustOf, sqsClientOf, tableStoresOf, telemetryOf, type BuildOptions,
} from './build-options.ts';
import { liveSuppressionKeys } from './links.ts';

/**
 * Readers in and out as CSV (`GET /admin/subscribers.csv`, `POST /admin/subscribers/import`): the import's parser,
 * plan and batch writes, the export's pages, and the sign-up queue an import's readers without consent evidence are
 * sent through for their confirmation email. The suppression secret's keys find a mailbox's suppression (a keyed
 * hash); it signs no link, holds no signing key and sends no mail.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const keys = await liveSuppressionKeys(env, access, clock, telemetry);
  const edge = await edgeTrustOf(env, access);
  const stores = tableStoresOf(access, readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore, suppressions: makeDynamoSuppressionStore,
    subscribers: makeDynamoSubscriberStore,
  });
  const suppressions = makeSuppressions({ store: stores.suppressions, keys: keys.fresh });
  // An import queues its confirmations for the sign-up worker, as the public API does; it sends none itself.
  const signUps = makeSqsSignUpQueue(sqsClientOf(access, options), readSignUpQueueUrl(env));
  return makeSubscriberCsv({
    importer: makeSubscriberImporter({
      subscribers: stores.subscribers, suppressions, signUps, events: stores.events, stories: stores.stories, clock,
    }),
    exporter: makeSubscriberExporter({ subscribers: stores.subscribers }),
    telemetry,
    ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
