import { untilAllProcessed } from '../unprocessed.ts';
import {
  BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '#core/errors.ts';
import { foldedAddress } from '#core/subscriber-id.ts';
import { READER_SHARDS, type Subscriber } from '#core/model/subscriber.ts';
import type { SubscriberBulkStore, SubscriberStore } from '#ports/subscriber-store.ts';
import { audienceDelta, sumDeltas } from '#core/audience-counts.ts';
import { addToAudience } from './audience-store.ts';
import { isConditionFailure } from './client.ts';
import {
  addressKey, fromItem, inactivePartition, key, mailboxPartition, makeDynamoSubscriptionRecords, registerZone, toItem,
  ttlOf, zonePartition,
} from './subscription-records.ts';


/**
 * `SUB#<id>` / `SUB` holds the whole subscription under its opaque id. Only an active reader carries gsi1
 * (`ZONE#<tz>#<shard>` / id): every put replaces the item, so any other status drops it from the fan-out index
 * (a sparse index). `ADDR#<hash>` / `ADDR` names the subscription an address belongs to; written with a
 * condition on the id it names, it is what makes one address one subscription without transactions.
 * Both carry `ttl` while the subscription is pending or has ended. `ZONE#<tz>` / `ZONE` with gsi2 `ZONES` / tz
 * lists the zones the dispatcher has to visit. A subscription that is not active carries gsi2 (`SUBS#<shard>` / id)
 * instead of gsi1, so the export lists every subscription by Query: active ones per zone, the others per shard.
 * An active one also carries gsi3 (`MBX#<hash of its mailbox>` / id): a suppression made under one spelling of a
 * mailbox finds the subscriptions under its other spellings there.
 */
export function makeDynamoSubscriberStore(doc: DynamoDBDocumentClient, tableName: string): SubscriberStore & SubscriberBulkStore {
  // One subscription at a time (get, put, the address entry, a mailbox's spellings): subscription-records.ts.
  const records = makeDynamoSubscriptionRecords(doc, tableName);

  /** Unconditional puts in batches of 25, several in flight, each retried until DynamoDB has processed all of it. */
  async function putAll(items: Record<string, unknown>[], what: string): Promise<void> {
    const requests = items.map((Item) => ({ PutRequest: { Item } }));
    const chunks: (typeof requests)[] = [];
    for (let i = 0; i < requests.length; i += 25) chunks.push(requests.slice(i, i + 25));
    await inParallel(chunks, BULK_PARALLELISM, (chunk) => untilAllProcessed(chunk, async (batch) => {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: batch } }));
      return (out.UnprocessedItems?.[tableName] ?? []) as typeof batch;
    }, { attempts: 9, what }));
  }

  return {
    ...records,

    async activeReaders(timeZone, shard, cursor, limit = 100) {
      const out = await doc.send(new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': zonePartition(timeZone, shard) },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor, 'gsi1', zonePartition(timeZone, shard)) } : {}),
      }));
      const readers = (out.Items ?? []).map((i) => fromItem(i)!).filter((s) => s && s.status === 'active');
      return { readers, ...(out.LastEvaluatedKey ? { cursor: encodeCursor(out.LastEvaluatedKey) } : {}) };
    },

    async backfillMailboxIndex() {
      let indexed = 0;
      for (const zone of await this.zones()) {
        for (let shard = 0; shard < READER_SHARDS; shard++) {
          let ExclusiveStartKey: Record<string, unknown> | undefined;
          do {
            const page = await doc.send(new QueryCommand({
              TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p',
              ExpressionAttributeValues: { ':p': zonePartition(zone, shard) }, ExclusiveStartKey,
            }));
            for (const item of page.Items ?? []) {
              const s = fromItem(item);
              if (!s || s.status !== 'active' || item.gsi3pk !== undefined) continue;
              try {
                await doc.send(new UpdateCommand({
                  TableName: tableName, Key: key(s.id), UpdateExpression: 'SET gsi3pk = :p, gsi3sk = :id',
                  // Only the item as read: a write in between gave it its own keys (or took it out of the index).
                  ConditionExpression: 'updatedAt = :u AND #s = :active',
                  ExpressionAttributeNames: { '#s': 'status' },
                  ExpressionAttributeValues: {
                    ':p': mailboxPartition(s.email), ':id': s.id, ':u': s.updatedAt, ':active': 'active',
                  },
                }));
                indexed++;
              } catch (err) {
                if (!isConditionFailure(err)) throw err;
              }
            }
            ExclusiveStartKey = page.LastEvaluatedKey;
          } while (ExclusiveStartKey);
        }
      }
      return indexed;
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
        const out = await doc.send(new DeleteCommand({
          TableName: tableName, Key: key(id), ReturnValues: 'ALL_OLD',
          ...(expectedUpdatedAt !== undefined ? { ConditionExpression: 'updatedAt = :expected', ExpressionAttributeValues: { ':expected': expectedUpdatedAt } } : {}),
        }));
        await addToAudience(doc, tableName, audienceDelta(fromItem(out.Attributes), undefined));
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },

    async findByAddress(email) {
      const owner = await records.addressOwner(email);
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

    async inactiveReaders(shard, cursor, limit = 100) {
      const out = await doc.send(new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': inactivePartition(shard) },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor, 'gsi2', inactivePartition(shard)) } : {}),
      }));
      const readers = (out.Items ?? []).map((i) => fromItem(i)!).filter((s) => s && s.status !== 'active');
      return { readers, ...(out.LastEvaluatedKey ? { cursor: encodeCursor(out.LastEvaluatedKey) } : {}) };
    },

    async addressOwners(emails) {
      const byKey = new Map(emails.map((e) => [addressKey(e).pk, foldedAddress(e)]));
      const keys = [...byKey.keys()].map((pk) => ({ pk, sk: 'ADDR' }));
      const owners = new Map<string, string>();
      const chunks: (typeof keys)[] = [];
      for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
      await inParallel(chunks, BULK_PARALLELISM, (chunk) => untilAllProcessed(chunk, async (batch) => {
        const out = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: batch, ConsistentRead: true, ProjectionExpression: 'pk, subscriberId' } } }));
        for (const item of out.Responses?.[tableName] ?? []) {
          if (typeof item.subscriberId === 'string') owners.set(byKey.get(String(item.pk))!, item.subscriberId);
        }
        return (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof batch;
      }, { attempts: 9, what: 'address keys' }));
      return owners;
    },

    async putMany(subscribers) {
      await putAll(subscribers.map(toItem), 'subscriptions');
      // Fresh ids only (the port's contract): nothing was replaced, so each counts in full.
      await addToAudience(doc, tableName, sumDeltas(subscribers.map((s) => audienceDelta(undefined, s))));
      const zones = new Set(subscribers.filter((s) => s.status === 'active').map((s) => s.preferences.timeZone));
      for (const zone of zones) await registerZone(doc, tableName, zone);
    },

    async claimFreeAddresses(claims) {
      await putAll(claims.map((c) => ({ ...addressKey(c.email), subscriberId: c.id })), 'address entries');
      const owners = await this.addressOwners(claims.map((c) => c.email));
      return new Set(claims.filter((c) => owners.get(foldedAddress(c.email)) === c.id).map((c) => c.id));
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

/** Batches in flight at once: enough to hide round trips, few enough not to throttle an on-demand table's first minutes. */
const BULK_PARALLELISM = 8;

async function inParallel<T>(items: readonly T[], parallelism: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallelism, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

function encodeCursor(lastKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastKey)).toString('base64url');
}

/**
 * A cursor this store gave for this very Query: the index's key and the table's, all strings, the partition the
 * Query reads. Anything else (a crafted cursor) is a 400 here, not DynamoDB's ValidationException as a 500.
 */
function decodeCursor(cursor: string, index: 'gsi1' | 'gsi2', partition: string): Record<string, unknown> {
  const bad = () => new ValidationError('cursor is not one this listing gave; start again without it');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw bad();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad();
  const key = value as Record<string, unknown>;
  const names = ['pk', 'sk', `${index}pk`, `${index}sk`];
  const exact = Object.keys(key).length === names.length && names.every((n) => typeof key[n] === 'string' && (key[n] as string).length > 0 && (key[n] as string).length <= 1024);
  if (!exact || key[`${index}pk`] !== partition) throw bad();
  return key;
}
