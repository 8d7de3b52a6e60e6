import { makeDynamoCatalogStore } from '#adapters/dynamodb/catalog-store.ts';
import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeCatalog } from '#core/catalog.ts';
import { makeEventReads } from '#core/event-reads.ts';
import { makePublicPages } from '#handlers/public-pages.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { readPublicBaseUrl, readTableName, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, edgeTrustOf, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';

/**
 * Readers' pages and feeds: the subscribe page, stories, a story's page, calendars, the Atom feed and the JSON lists.
 * It reads stories and events, nothing else: no secret of ours, no queue, no mail.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const clock = clockOf(options);
  const edge = await edgeTrustOf(env, access);
  const stores = tableStoresOf(access, readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore, catalog: makeDynamoCatalogStore,
  });
  const events = makeEventReads({ events: stores.events, clock });
  return makePublicPages({
    catalog: makeCatalog({ stories: stores.stories, events, listing: stores.catalog, clock }), clock,
    publicBaseUrl: readPublicBaseUrl(env),
    telemetry: telemetryOf(env, options),
    ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
