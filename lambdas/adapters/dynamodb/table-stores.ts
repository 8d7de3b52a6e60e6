import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDynamoAudienceStore } from './audience-store.ts';
import { makeDynamoEventStore } from './event-store.ts';
import { makeDynamoJobStats } from './job-stats.ts';
import { makeDynamoJobStore } from './job-store.ts';
import { makeDynamoRateLimiter } from './rate-limiter.ts';
import { makeDynamoSendLedger } from './send-ledger.ts';
import { makeDynamoStoryStore } from './story-store.ts';
import { makeDynamoSubscriberStore } from './subscriber-store.ts';
import { makeDynamoSuppressionStore } from './suppression-store.ts';
import { makeDynamoUpdateStore } from './update-store.ts';

/**
 * Every store over the one table, built in one place: each function, the operator and the tests take the ones
 * they need from here. Building one is a closure over the client, no I/O, so building all of them costs nothing.
 */
export function makeTableStores(doc: DynamoDBDocumentClient, tableName: string) {
  return {
    events: makeDynamoEventStore(doc, tableName),
    stories: makeDynamoStoryStore(doc, tableName),
    subscribers: makeDynamoSubscriberStore(doc, tableName),
    suppressions: makeDynamoSuppressionStore(doc, tableName),
    jobs: makeDynamoJobStore(doc, tableName),
    updates: makeDynamoUpdateStore(doc, tableName),
    ledger: makeDynamoSendLedger(doc, tableName),
    jobStats: makeDynamoJobStats(doc, tableName),
    audience: makeDynamoAudienceStore(doc, tableName),
    rateLimiter: makeDynamoRateLimiter(doc, tableName),
  };
}

export type TableStores = ReturnType<typeof makeTableStores>;
