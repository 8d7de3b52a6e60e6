import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDynamoAudienceStore } from './audience-store.ts';
import { makeDynamoCatalogStore } from './catalog-store.ts';
import { makeDynamoEventStore } from './event-store.ts';
import { makeDynamoJobStats } from './job-stats.ts';
import { makeDynamoJobStore } from './job-store.ts';
import { makeDynamoRateLimiter } from './rate-limiter.ts';
import { makeDynamoSendLedger } from './send-ledger.ts';
import { makeDynamoStoryStore } from './story-store.ts';
import { makeDynamoSubscriberStore } from './subscriber-store.ts';
import { makeDynamoSubscriptionRecords } from './subscription-records.ts';
import { makeDynamoSuppressionStore } from './suppression-store.ts';
import { makeDynamoUpdateStore } from './update-store.ts';
import { makeStores, type StoresOf } from './stores.ts';

/**
 * Every store over the one table, by the name each function's root gives it. A function builds only the stores it
 * uses (`tableStoresOf` with its own makers, so its bundle carries no other adapter); the operator and the tests
 * take every store from here. Building one is a closure over the client, no I/O.
 */
export const ALL_STORE_MAKERS = {
  events: makeDynamoEventStore,
  stories: makeDynamoStoryStore,
  /** Stories and events read together (one Query): readers' lists. */
  catalog: makeDynamoCatalogStore,
  subscribers: makeDynamoSubscriberStore,
  /** The subscriptions one at a time (a part of `subscribers`): what the functions behind readers' links use. */
  subscriptionRecords: makeDynamoSubscriptionRecords,
  suppressions: makeDynamoSuppressionStore,
  jobs: makeDynamoJobStore,
  updates: makeDynamoUpdateStore,
  ledger: makeDynamoSendLedger,
  jobStats: makeDynamoJobStats,
  audience: makeDynamoAudienceStore,
  rateLimiter: makeDynamoRateLimiter,
};

export type StoreMakers = typeof ALL_STORE_MAKERS;

export const makeTableStores = (doc: DynamoDBDocumentClient, tableName: string) =>
  makeStores(doc, tableName, ALL_STORE_MAKERS);

export type TableStores = StoresOf<StoreMakers>;
