import { untilAllProcessed } from '../unprocessed.ts';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { shardOf } from '#core/subscriber-id.ts';
import type { Subscriber } from '#core/subscriber.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import { isConditionFailure } from './client.ts';

const key = (id: string) => ({ pk: `SUB#${id}`, sk: 'SUB' });
export const zonePartition = (timeZone: string, shard: number) => `ZONE#${timeZone}#${shard}`;

/**
 * `SUB#<id>` / `SUB` holds the whole subscriber. Only an active reader carries gsi1 (`ZONE#<tz>#<shard>` / id):
 * every put replaces the item, so any other status drops it from the fan-out index (a sparse index).
 * `ZONE#<tz>` / `ZONE` with gsi2 `ZONES` / tz lists the zones the dispatcher has to visit.
 */
export function makeDynamoSubscriberStore(doc: DynamoDBDocumentClient, tableName: string): SubscriberStore {
  const toItem = (s: Subscriber) => ({
    ...key(s.id),
    updatedAt: s.updatedAt,
    status: s.status,
    subscriber: s,
    ...(s.status === 'active' ? { gsi1pk: zonePartition(s.preferences.timeZone, shardOf(s.id)), gsi1sk: s.id } : {}),
  });
  const fromItem = (item: Record<string, unknown> | undefined) => item?.subscriber as Subscriber | undefined;

  async function registerZone(timeZone: string): Promise<void> {
    // Idempotent: rewriting the same item changes nothing the dispatcher reads.
    await doc.send(new PutCommand({
      TableName: tableName,
      Item: { pk: `ZONE#${timeZone}`, sk: 'ZONE', gsi2pk: 'ZONES', gsi2sk: timeZone, timeZone },
    }));
  }

  return {
    async get(id) {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }));
      return fromItem(out.Item);
    },

    async put(subscriber, expectedUpdatedAt) {
      const condition = expectedUpdatedAt === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : expectedUpdatedAt !== undefined
          ? { ConditionExpression: 'updatedAt = :expected', ExpressionAttributeValues: { ':expected': expectedUpdatedAt } }
          : {};
      try {
        await doc.send(new PutCommand({ TableName: tableName, Item: toItem(subscriber), ...condition }));
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
      if (subscriber.status === 'active') await registerZone(subscriber.preferences.timeZone);
      return true;
    },

    async activeReaders(timeZone, shard, cursor, limit = 100) {
      const out = await doc.send(new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': zonePartition(timeZone, shard) },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor) } : {}),
      }));
      const readers = (out.Items ?? []).map((i) => fromItem(i)!).filter((s) => s && s.status === 'active');
      return { readers, ...(out.LastEvaluatedKey ? { cursor: encodeCursor(out.LastEvaluatedKey) } : {}) };
    },

    async zones() {
      const zones: string[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :p',
          ExpressionAttributeValues: { ':p': 'ZONES' },
          ExclusiveStartKey,
        }));
        zones.push(...(page.Items ?? []).map((i) => String(i.gsi2sk)));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return zones;
    },

    async getMany(ids) {
      const unique = [...new Set(ids)];
      const found: Subscriber[] = [];
      for (let i = 0; i < unique.length; i += 100) {
        await untilAllProcessed(unique.slice(i, i + 100).map(key), async (keys) => {
          const out = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
          found.push(...(out.Responses?.[tableName] ?? []).map((item) => fromItem(item)!).filter(Boolean));
          return (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof keys;
        }, { attempts: 9, what: 'keys' });
      }
      return found;
    },

    async erase(id, at) {
      // What remains is the hash and the fact that it must never be mailed: no address, no preferences, no consent.
      const tombstone: Subscriber = {
        id,
        email: '',
        status: 'suppressed',
        preferences: { timeZone: 'UTC', reminders: [], digest: 'none', events: [] },
        consent: { requestedAt: '', requestIpHash: '', requestUserAgent: '' },
        createdAt: at,
        updatedAt: at,
        suppressedAt: at,
        suppressionReason: 'erased',
      };
      await doc.send(new PutCommand({ TableName: tableName, Item: toItem(tombstone) }));
    },
  };
}

function encodeCursor(lastKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastKey)).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch { /* fall through */ }
  throw new Error('invalid reader page cursor');
}
