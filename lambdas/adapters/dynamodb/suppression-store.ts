import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SuppressionRecord, SuppressionStore } from '#ports/suppression-store.ts';
import { isConditionFailure } from './client.ts';

const key = (hash: string) => ({ pk: `SUPPRESSED#${hash}`, sk: 'SUPPRESSED' });

/** `SUPPRESSED#<keyed hash>` / `SUPPRESSED`: a reason and a time, no address; kept for good (no TTL). */
export function makeDynamoSuppressionStore(doc: DynamoDBDocumentClient, tableName: string): SuppressionStore {
  return {
    async find(hashes) {
      // One consistent GetItem per key of the ring (usually one or two), in parallel.
      const found = await Promise.all(hashes.map(async (hash) => {
        const out = await doc.send(new GetCommand({ TableName: tableName, Key: key(hash), ConsistentRead: true }));
        return out.Item ? { hash, record: { reason: out.Item.reason, at: out.Item.at } as SuppressionRecord } : undefined;
      }));
      return found.find((f) => f !== undefined);
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
