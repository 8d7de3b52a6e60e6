import { BatchGetCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { untilAllProcessed } from '../unprocessed.ts';
import type { DepartureRecord, SuppressionRecord, SuppressionStore } from '#ports/suppression-store.ts';
import { isConditionFailure } from './client.ts';

const key = (hash: string) => ({ pk: `SUPPRESSED#${hash}`, sk: 'SUPPRESSED' });

/**
 * `SUPPRESSED#<keyed hash>` / `SUPPRESSED`: a reason and a time, no address; kept for good (no TTL). Departures
 * (reason unsubscribed or erased) share the shape under hashes of their own namespace (core/suppressions.ts).
 */
export function makeDynamoSuppressionStore(doc: DynamoDBDocumentClient, tableName: string): SuppressionStore {
  return {
    async find(hashes) {
      // One consistent GetItem per key of the ring (usually one or two), in parallel.
      const found = await Promise.all(hashes.map(async (hash) => {
        const out = await doc.send(new GetCommand({ TableName: tableName, Key: key(hash), ConsistentRead: true }));
        return out.Item ? { hash, record: { reason: out.Item.reason, at: out.Item.at } as SuppressionRecord | DepartureRecord } : undefined;
      }));
      return found.find((f) => f !== undefined);
    },
    async recorded(hashes) {
      const found = new Set<string>();
      const unique = [...new Set(hashes)];
      const chunks: string[][] = [];
      for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100));
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(8, chunks.length) }, async () => {
        while (next < chunks.length) {
          await untilAllProcessed(chunks[next++]!.map(key), async (keys) => {
            const out = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'pk' } } }));
            for (const item of out.Responses?.[tableName] ?? []) found.add(String(item.pk).slice('SUPPRESSED#'.length));
            return (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof keys;
          }, { attempts: 9, what: 'suppression keys' });
        }
      }));
      return found;
    },
    async add(hash, record) {
      try {
        await doc.send(new PutCommand({
          TableName: tableName,
          Item: { ...key(hash), reason: record.reason, at: record.at },
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
  };
}
