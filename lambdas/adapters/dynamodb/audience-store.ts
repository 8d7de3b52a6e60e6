import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AudienceStore } from '#ports/audience-store.ts';
import { addCounts } from './counters.ts';

/** One item holds every readers' counter, one attribute per counter name: read in one GetItem. */
const countersKey = { pk: 'AUDIENCE', sk: 'COUNTS' };
const RESERVED = new Set(['pk', 'sk']);

/**
 * Adds a delta to the counters in one UpdateItem (ADD is atomic: concurrent writers never lose a change).
 * Nothing is written for an empty delta, so sign-ups that stay pending cost no write here.
 */
export async function addToAudience(
  doc: DynamoDBDocumentClient,
  tableName: string,
  delta: ReadonlyMap<string, number>,
): Promise<void> {
  await addCounts(doc, tableName, countersKey, delta);
}

export function makeDynamoAudienceStore(doc: DynamoDBDocumentClient, tableName: string): AudienceStore {
  return {
    async counters() {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: countersKey, ConsistentRead: true }));
      const counters = new Map<string, number>();
      for (const [name, value] of Object.entries(out.Item ?? {})) {
        if (!RESERVED.has(name) && typeof value === 'number') counters.set(name, value);
      }
      return counters;
    },
  };
}

/**
 * Replaces every counter with a full count (scripts/recount-audience.ts). A subscription written while the count
 * runs may be missed: run it when sign-ups are quiet, and again if in doubt (it converges).
 */
export async function replaceAudience(
  doc: DynamoDBDocumentClient, tableName: string, counts: ReadonlyMap<string, number>,
): Promise<void> {
  await doc.send(new PutCommand({ TableName: tableName, Item: { ...countersKey, ...Object.fromEntries(counts) } }));
}
