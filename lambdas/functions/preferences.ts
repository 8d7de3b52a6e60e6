import { makeDynamoCatalogStore } from '#adapters/dynamodb/catalog-store.ts';
import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoSubscriptionRecords } from '#adapters/dynamodb/subscription-records.ts';
import { makeCatalog } from '#core/catalog.ts';
import { makeEventReads } from '#core/event-reads.ts';
import { makePreferences } from '#core/preferences.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { makePreferencesApi } from '#handlers/preferences.ts';
import { readPublicBaseUrl, readTableName, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, edgeTrustOf, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';
import { liveTokenKeys, makeSignedLinks, methodsKeysFreshFirst } from './links.ts';

/**
 * Preferences: what the preferences link in every email opens, and saving it. It verifies the link and signs the
 * page's unsubscribe link (the token keys); it reads and writes the subscription, and lists the stories and events a
 * reader may choose. No suppression key, no queue, no mail.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const publicBaseUrl = readPublicBaseUrl(env);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const [keys, edge] = await Promise.all([liveTokenKeys(env, access, clock, telemetry), edgeTrustOf(env, access)]);

  const stores = tableStoresOf(access, readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore, catalog: makeDynamoCatalogStore,
    subscriptionRecords: makeDynamoSubscriptionRecords,
  });
  const stories = stores.stories;
  const events = makeEventReads({ events: stores.events, clock });
  const { tokens, links } = makeSignedLinks(keys.last, publicBaseUrl, clock);
  // Every token this function verifies or signs is inside one of these calls (its page links after one).
  const preferences = methodsKeysFreshFirst(keys, makePreferences({
    subscribers: stores.subscriptionRecords, events, stories, tokens, clock,
  }));
  return makePreferencesApi({
    catalog: makeCatalog({ stories, events, listing: stores.catalog, clock }),
    subscriptions: preferences, links, telemetry,
    ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
