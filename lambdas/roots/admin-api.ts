import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoUpdateStore } from '#adapters/dynamodb/update-store.ts';
import { makeDynamoJobStore } from '#adapters/dynamodb/job-store.ts';
import { makeDynamoSendLedger } from '#adapters/dynamodb/send-ledger.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeStoriesService } from '#core/stories-service.ts';
import { makeJobsAdmin } from '#core/jobs-admin.ts';
import { makeStoryUpdates } from '#core/story-updates.ts';
import { makeSubscribersAdmin } from '#core/subscribers-admin.ts';
import { makePreviews } from '#core/previews.ts';
import { makeTestSends } from '#core/test-sends.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import type { AdminApiDeps } from '#handlers/admin-api.ts';
import { readAwsAccess, readMail, readPublicBaseUrl, readTableName, type Env } from '#lambdas/config.ts';
import { randomIds } from './ids.ts';
import { liveSuppressionKeys } from './links.ts';
import { clockOf, documentClient, edgeTrustOf, sesMailer, telemetryOf, type RootOptions } from './shared.ts';
import { SQSClient } from '@aws-sdk/client-sqs';
import { makeSqsSignUpQueue } from '#adapters/sqs/sign-up-queue.ts';
import { makeSubscriberExporter } from '#core/subscriber-csv/exporter.ts';
import { makeSubscriberImporter } from '#core/subscriber-csv/importer.ts';
import { readSignUpQueueUrl } from '#lambdas/config.ts';

/**
 * Admin API: events, subscriber lookup and erasure, delivery status, previews and test sends. It signs no links
 * (previews link with a fake token) and holds no signing key; the suppression secret's keys find an address's
 * suppression (a keyed hash); its only mail is a test send to the signed-in editor, through SES and the configuration set.
 */
export async function adminApiRoot(env: Env, options: RootOptions = {}): Promise<AdminApiDeps> {
  const access = readAwsAccess(env);
  const tableName = readTableName(env);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const keys = (await liveSuppressionKeys(env, clock, telemetry)).fresh;
  const edge = await edgeTrustOf(env, access);
  const doc = documentClient(access, options);
  const storyStore = makeDynamoStoryStore(doc, tableName);
  const eventStore = makeDynamoEventStore(doc, tableName);
  const events = makeEventsService({ events: eventStore, stories: storyStore, clock, newId: randomIds });
  const mail = readMail(env);
  const updateStore = makeDynamoUpdateStore(doc, tableName);
  const previews = makePreviews({ events: eventStore, stories: storyStore, clock, updates: updateStore, publicBaseUrl: readPublicBaseUrl(env) });
  return {
    events,
    stories: makeStoriesService({ stories: storyStore, events, clock, newId: randomIds }),
    subscribers: makeSubscribersAdmin({
      subscribers: makeDynamoSubscriberStore(doc, tableName), deliveries: makeDynamoSendLedger(doc, tableName),
      suppressions: makeSuppressions({ store: makeDynamoSuppressionStore(doc, tableName), keys }),
    }),
    jobs: makeJobsAdmin(makeDynamoJobStore(doc, tableName)),
    updates: makeStoryUpdates({ updates: updateStore, stories: storyStore, jobs: makeDynamoJobStore(doc, tableName), clock }),
    previews,
    testSends: makeTestSends({
      previews, mailer: sesMailer(access, mail, options), rateLimiter: makeDynamoRateLimiter(doc, tableName), clock, from: mail.sender,
    }),
    // An import queues its confirmations for the sign-up worker, as the public API does; it sends none itself.
    subscriberCsv: subscriberCsvOf(access, readSignUpQueueUrl(env), {
      store: makeDynamoSubscriberStore(doc, tableName), suppressions: makeSuppressions({ store: makeDynamoSuppressionStore(doc, tableName), keys }),
      events, stories: storyStore, clock,
    }),
    telemetry,
    ...(edge ? { edge } : {}),
  };
}

function subscriberCsvOf(
  access: ReturnType<typeof readAwsAccess>, signUpQueueUrl: string,
  deps: Omit<Parameters<typeof makeSubscriberImporter>[0], 'subscribers' | 'signUps'> & { store: ReturnType<typeof makeDynamoSubscriberStore> },
): NonNullable<AdminApiDeps['subscriberCsv']> {
  const sqs = new SQSClient({ region: access.region, endpoint: access.endpoint, credentials: access.credentials });
  const { store, ...rest } = deps;
  return {
    importer: makeSubscriberImporter({ ...rest, subscribers: store, signUps: makeSqsSignUpQueue(sqs, signUpQueueUrl) }),
    exporter: makeSubscriberExporter({ subscribers: store }),
  };
}
