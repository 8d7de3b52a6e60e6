import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoJobStore } from '#adapters/dynamodb/job-store.ts';
import { makeDynamoSendLedger } from '#adapters/dynamodb/send-ledger.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { readTokenKeys } from '#adapters/secrets/token-keys.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeStoriesService } from '#core/stories-service.ts';
import { makeJobsAdmin } from '#core/jobs-admin.ts';
import { makeSubscribersAdmin } from '#core/subscribers-admin.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import type { AdminApiDeps } from '#handlers/admin-api.ts';
import { readAwsAccess, readTableName, readTokenSecret, type Env } from '#lambdas/config.ts';
import { randomIds } from './ids.ts';
import { clockOf, documentClient, telemetryOf, type RootOptions } from './shared.ts';

/**
 * Admin API: events, subscriber lookup and erasure, delivery status. It signs no links and sends no mail; it
 * reads the secret's keys only to find an address's suppression (a keyed hash).
 */
export async function adminApiRoot(env: Env, options: RootOptions = {}): Promise<AdminApiDeps> {
  const access = readAwsAccess(env);
  const tableName = readTableName(env);
  const clock = clockOf(options);
  const keys = await readTokenKeys(access, readTokenSecret(env));
  const doc = documentClient(access, options);
  const storyStore = makeDynamoStoryStore(doc, tableName);
  const events = makeEventsService({ events: makeDynamoEventStore(doc, tableName), stories: storyStore, clock, newId: randomIds });
  return {
    events,
    stories: makeStoriesService({ stories: storyStore, events, clock, newId: randomIds }),
    subscribers: makeSubscribersAdmin({
      subscribers: makeDynamoSubscriberStore(doc, tableName), deliveries: makeDynamoSendLedger(doc, tableName),
      suppressions: makeSuppressions({ store: makeDynamoSuppressionStore(doc, tableName), keys }),
    }),
    jobs: makeJobsAdmin(makeDynamoJobStore(doc, tableName)),
    telemetry: telemetryOf(env, options),
  };
}
