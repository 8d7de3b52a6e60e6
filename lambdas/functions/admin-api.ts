import { makeDynamoAudienceStore } from '#adapters/dynamodb/audience-store.ts';
import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoSendLedger } from '#adapters/dynamodb/send-ledger.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeAudienceAdmin } from '#core/audience-admin.ts';
import { makeStoriesService } from '#core/stories-service.ts';
import { makeSubscribersAdmin } from '#core/subscribers-admin.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import { makeAdminApi } from '#handlers/admin-api.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { readTableName, type Env } from '#lambdas/config.ts';
import {
  awsAccessOf, clockOf, edgeTrustOf, tableStoresOf, telemetryOf, type BuildOptions,
} from './build-options.ts';
import { randomIds } from './ids.ts';
import { liveSuppressionKeys } from './links.ts';

/**
 * Admin API: stories and events, subscriber lookup and erasure, the readers' counters, the clock. It signs no links,
 * holds no signing key, sends no mail and queues nothing (previews and test sends are editor-mail's, send jobs and
 * story updates mail-jobs', proposals the proposals function's, the CSV import and export subscriber-csv's); the
 * suppression secret's keys find an address's suppression (a keyed hash).
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const keys = await liveSuppressionKeys(env, access, clock, telemetry);
  const edge = await edgeTrustOf(env, access);
  const stores = tableStoresOf(access, readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore, suppressions: makeDynamoSuppressionStore,
    subscribers: makeDynamoSubscriberStore, ledger: makeDynamoSendLedger, audience: makeDynamoAudienceStore,
  });
  const events = makeEventsService({ events: stores.events, stories: stores.stories, clock, newId: randomIds });
  const suppressions = makeSuppressions({ store: stores.suppressions, keys: keys.fresh });
  return makeAdminApi({
    events,
    stories: makeStoriesService({ stories: stores.stories, events, clock, newId: randomIds }),
    subscribers: makeSubscribersAdmin({ subscribers: stores.subscribers, deliveries: stores.ledger, suppressions, clock }),
    audience: makeAudienceAdmin({ audience: stores.audience, stories: stores.stories }),
    telemetry,
    clock,
    ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
