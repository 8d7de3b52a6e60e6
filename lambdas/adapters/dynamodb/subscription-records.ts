import { createHash } from 'node:crypto';
import {
  GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { foldedAddress, mailboxOf, shardOf } from '#core/subscriber-id.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import type { SubscriptionRecords } from '#ports/subscriber-store.ts';
import { audienceDelta } from '#core/audience-counts.ts';
import { addToAudience } from './audience-store.ts';
import { isConditionFailure } from './client.ts';

/*
 * The subscription items as subscriber-store.ts lays them out (its comment says how), and the one-at-a-time part of
 * that store: what a reader's link does to a subscription (confirm, preferences, unsubscribe). Apart, so the
 * functions behind those links bundle neither the fan-out's listings nor the import's batches.
 */

export const key = (id: string) => ({ pk: `SUB#${id}`, sk: 'SUB' });
/**
 * The address entry's key: a hash of the case-folded address. It exists only while the subscription (which holds the
 * address) does.
 */
export const addressKey = (email: string) => ({
  pk: `ADDR#${createHash('sha256').update(`datewatch-address:${foldedAddress(email)}`).digest('hex')}`, sk: 'ADDR',
});
export const zonePartition = (timeZone: string, shard: number) => `ZONE#${timeZone}#${shard}`;
/** An active subscription's mailbox partition (gsi3): a hash of its mailbox, so its spellings are found together. */
export const mailboxPartition = (email: string) =>
  `MBX#${createHash('sha256').update(`datewatch-mailbox:${mailboxOf(email)}`).digest('hex')}`;
/** The listing partition of a subscription that is not active (gsi2): the export reads them from here. */
export const inactivePartition = (shard: number) => `SUBS#${shard}`;
/** DynamoDB's TTL attribute, in epoch seconds. */
export const ttlOf = (expiresAt: string | undefined) =>
  (expiresAt ? { ttl: Math.floor(Date.parse(expiresAt) / 1000) } : {});

export const toItem = (s: Subscriber) => ({
  ...key(s.id),
  updatedAt: s.updatedAt,
  status: s.status,
  subscriber: s,
  ...(s.status === 'active'
    ? {
      gsi1pk: zonePartition(s.preferences.timeZone, shardOf(s.id)), gsi1sk: s.id,
      gsi3pk: mailboxPartition(s.email), gsi3sk: s.id,
    }
    : { gsi2pk: inactivePartition(shardOf(s.id)), gsi2sk: s.id, ...ttlOf(s.expiresAt) }),
});
export const fromItem = (item: Record<string, unknown> | undefined) => item?.subscriber as Subscriber | undefined;

export async function registerZone(doc: DynamoDBDocumentClient, tableName: string, timeZone: string): Promise<void> {
  // Idempotent: rewriting the same item changes nothing the dispatcher reads.
  await doc.send(new PutCommand({
    TableName: tableName,
    Item: { pk: `ZONE#${timeZone}`, sk: 'ZONE', gsi2pk: 'ZONES', gsi2sk: timeZone, timeZone },
  }));
}

export function makeDynamoSubscriptionRecords(doc: DynamoDBDocumentClient, tableName: string): SubscriptionRecords {
  return {
    async get(id) {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }));
      return fromItem(out.Item);
    },

    async put(subscriber, expectedUpdatedAt) {
      const condition = expectedUpdatedAt === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : expectedUpdatedAt !== undefined
          ? {
            ConditionExpression: 'updatedAt = :expected',
            ExpressionAttributeValues: { ':expected': expectedUpdatedAt },
          }
          : {};
      let replaced: Subscriber | undefined;
      try {
        // ALL_OLD: the item this write replaced, exactly; the readers' counters move by the difference.
        const out = await doc.send(new PutCommand({
          TableName: tableName, Item: toItem(subscriber), ReturnValues: 'ALL_OLD', ...condition,
        }));
        replaced = fromItem(out.Attributes);
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
      await addToAudience(doc, tableName, audienceDelta(replaced, subscriber));
      if (subscriber.status === 'active') await registerZone(doc, tableName, subscriber.preferences.timeZone);
      return true;
    },

    async addressOwner(email) {
      const out = await doc.send(new GetCommand({
        TableName: tableName, Key: addressKey(email), ConsistentRead: true,
      }));
      return typeof out.Item?.subscriberId === 'string' ? out.Item.subscriberId : undefined;
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

    async activeInMailbox(email) {
      const readers: Subscriber[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(new QueryCommand({
          TableName: tableName, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :p',
          ExpressionAttributeValues: { ':p': mailboxPartition(email) }, ExclusiveStartKey,
        }));
        readers.push(...(page.Items ?? []).map((i) => fromItem(i)!).filter((s) => s?.status === 'active'));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return readers;
    },
  };
}
