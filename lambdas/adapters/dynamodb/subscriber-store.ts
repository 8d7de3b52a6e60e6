import { createHash } from 'node:crypto';
import { untilAllProcessed } from '../unprocessed.ts';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { foldedAddress, shardOf } from '#core/subscriber-id.ts';
import type { Subscriber } from '#core/subscriber.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import { isConditionFailure } from './client.ts';

const key = (id: string) => ({ pk: `SUB#${id}`, sk: 'SUB' });
/** The address entry's key: a hash of the case-folded address. It exists only while the subscription (which holds the address) does. */
const addressKey = (email: string) => ({ pk: `ADDR#${createHash('sha256').update(`datewatch-address:${foldedAddress(email)}`).digest('hex')}`, sk: 'ADDR' });
export const zonePartition = (timeZone: string, shard: number) => `ZONE#${timeZone}#${shard}`;
/** DynamoDB's TTL attribute, in epoch seconds. */
const ttlOf = (expiresAt: string | undefined) => (expiresAt ? { ttl: Math.floor(Date.parse(expiresAt) / 1000) } : {});

/**
 * `SUB#<id>` / `SUB` holds the whole subscription under its opaque id. Only an active reader carries gsi1
 * (`ZONE#<tz>#<shard>` / id): every put replaces the item, so any other status drops it from the fan-out index
 * (a sparse index). `ADDR#<hash>` / `ADDR` names the subscription an address belongs to; written with a
 * condition on the id it names, it is what makes one address one subscription without transactions.
 * Both carry `ttl` while the subscription is pending or has ended. `ZONE#<tz>` / `ZONE` with gsi2 `ZONES` / tz
 * lists the zones the dispatcher has to visit.
 */
export function makeDynamoSubscriberStore(doc: DynamoDBDocumentClient, tableName: string): SubscriberStore {
  const toItem = (s: Subscriber) => ({
    ...key(s.id),
    updatedAt: s.updatedAt,
    status: s.status,
    subscriber: s,
    ...(s.status === 'active' ? { gsi1pk: zonePartition(s.preferences.timeZone, shardOf(s.id)), gsi1sk: s.id } : ttlOf(s.expiresAt)),
  });
  const fromItem = (item: Record<string, unknown> | undefined) => item?.subscriber as Subscriber | undefined;

  async function registerZone(timeZone: string): Promise<void> {
    // Idempotent: rewriting the same item changes nothing the dispatcher reads.
    await doc.send(new PutCommand({
      TableName: tableName,
      Item: { pk: `ZONE#${timeZone}`, sk: 'ZONE', gsi2pk: 'ZONES', gsi2sk: timeZone, timeZone },
    }));
  }

  async function addressOwner(email: string): Promise<string | undefined> {
    const out = await doc.send(new GetCommand({ TableName: tableName, Key: addressKey(email), ConsistentRead: true }));
    return typeof out.Item?.subscriberId === 'string' ? out.Item.subscriberId : undefined;
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

    async remove(id, expectedUpdatedAt) {
      try {
        await doc.send(new DeleteCommand({
          TableName: tableName, Key: key(id),
          ...(expectedUpdatedAt !== undefined ? { ConditionExpression: 'updatedAt = :expected', ExpressionAttributeValues: { ':expected': expectedUpdatedAt } } : {}),
        }));
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },

    addressOwner,

    async findByAddress(email) {
      const owner = await addressOwner(email);
      if (!owner) return undefined;
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: key(owner), ConsistentRead: true }));
      const s = fromItem(out.Item);
      return s && foldedAddress(s.email) === foldedAddress(email) ? s : undefined;
    },

    async claimAddress(email, id, expectedOwner, expiresAt) {
      try {
        await doc.send(new PutCommand({
          TableName: tableName,
          Item: { ...addressKey(email), subscriberId: id, ...ttlOf(expiresAt) },
          ...(expectedOwner === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'subscriberId = :owner', ExpressionAttributeValues: { ':owner': expectedOwner } }),
        }));
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },

    async setAddressExpiry(email, id, expiresAt) {
      try {
        await doc.send(new UpdateCommand({
          TableName: tableName,
          Key: addressKey(email),
          UpdateExpression: expiresAt ? 'SET #ttl = :ttl' : 'REMOVE #ttl',
          ConditionExpression: 'subscriberId = :id',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':id': id, ...(expiresAt ? { ':ttl': ttlOf(expiresAt).ttl } : {}) },
        }));
      } catch (err) {
        // The entry names another subscription now (or none): it is not ours to change.
        if (!isConditionFailure(err)) throw err;
      }
    },

    async releaseAddress(email, id) {
      try {
        await doc.send(new DeleteCommand({
          TableName: tableName, Key: addressKey(email),
          ConditionExpression: 'subscriberId = :id', ExpressionAttributeValues: { ':id': id },
        }));
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
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
