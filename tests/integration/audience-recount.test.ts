import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { makeDynamoAudienceStore, replaceAudience } from '#adapters/dynamodb/audience-store.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { countAudience } from '#core/audience-recount.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { differences } from '../../scripts/recount-audience.ts';
import { startTestTable, type TestTable } from '../support/dynalite.ts';

/** The store's own writes keep the counters equal to a full count; the recount starts or repairs them. */
let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => {
  await table?.close();
});

const at = '2016-11-20T00:00:00.000Z';
const reader = (id: string, timeZone: string, stories: Subscriber['preferences']['stories'] = 'all'): Subscriber => ({
  id,
  email: `${id}@example.com`,
  status: 'active',
  preferences: { timeZone, reminders: ['P1D'], digest: 'none', events: 'all', stories },
  consent: { requestedAt: at, requestIpHash: 'h', requestUserAgent: 'ua', confirmedAt: at },
  createdAt: at,
  updatedAt: at,
  confirmedAt: at,
});

describe('the readers’ counters and a full count', () => {
  it('stay equal through puts (one of them losing its race), a batch, a status change and a delete', async () => {
    const store = makeDynamoSubscriberStore(table.doc, table.tableName);
    const audience = makeDynamoAudienceStore(table.doc, table.tableName);
    await store.putMany([reader('a', 'Asia/Tokyo'), reader('b', 'UTC', ['s1']), reader('c', 'UTC', ['s1', 's2'])]);
    expect(await store.put(reader('d', 'Europe/Moscow'), null)).toBe(true);
    // A write that loses its race (the id exists) writes nothing and counts nothing.
    expect(await store.put(reader('d', 'Asia/Tokyo'), null)).toBe(false);
    expect(
      await store.put(
        { ...reader('b', 'UTC', ['s1']), status: 'unsubscribed', updatedAt: '2016-11-21T00:00:00.000Z' },
        at,
      ),
    ).toBe(true);
    expect(await store.remove('c')).toBe(true);
    const full = await countAudience(store);
    expect(Object.fromEntries(full)).toEqual({
      total: 2, 'zone:Asia/Tokyo': 1, 'zone:Europe/Moscow': 1, 'story:*': 2, 'lang:en': 2,
    });
    expect(differences(await audience.counters(), full)).toEqual([]);
  });

  it('a recount starts counters that were never kept, and then they agree', async () => {
    const store = makeDynamoSubscriberStore(table.doc, table.tableName);
    const audience = makeDynamoAudienceStore(table.doc, table.tableName);
    await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: 'AUDIENCE', sk: 'COUNTS' } }));
    const full = await countAudience(store);
    expect(differences(await audience.counters(), full)).toContainEqual({ name: 'total', kept: 0, full: 2 });
    await replaceAudience(table.doc, table.tableName, full);
    expect(differences(await audience.counters(), full)).toEqual([]);
  });
});
