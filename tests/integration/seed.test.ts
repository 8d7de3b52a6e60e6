import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeEventsService } from '#core/events-service.ts';
import { seedEvents } from '#core/seed.ts';
import { storyEvents } from '#core/story.ts';
import { makeSeedHandler } from '#handlers/seed.ts';
import { startTestTable, type TestTable } from '../support/dynalite.ts';

let table: TestTable;
beforeAll(async () => { table = await startTestTable(); });
afterAll(async () => { await table?.close(); });

describe('seeding the story (npm start, and the custom resource on every deploy)', () => {
  it('stores the three events once: seeding again changes nothing, and an edited event keeps its edit', async () => {
    const events = makeDynamoEventStore(table.doc, table.tableName);
    const clock = { now: () => new Date('2016-11-20T00:00:00+09:00') };

    const first = await seedEvents({ events, clock }, storyEvents);
    const edited = await makeEventsService({ events, clock, newId: (p) => p }).update('abe-putin-economic-talks-tokyo', '"1"', { date: '2016-12-17' });
    const second = await seedEvents({ events, clock: { now: () => new Date('2016-12-01T00:00:00Z') } }, storyEvents);

    expect(first).toEqual({ created: ['kishida-visits-russia', 'abe-putin-summit-yamaguchi', 'abe-putin-economic-talks-tokyo'], kept: [] });
    expect(second.created).toEqual([]);
    const all = await events.listAll();
    expect(all.map((e) => [e.id, e.version])).toEqual([
      ['kishida-visits-russia', 1], ['abe-putin-summit-yamaguchi', 1], ['abe-putin-economic-talks-tokyo', 2],
    ]);
    expect(all.at(-1)!.date).toBe(edited.date);
  });

  it('answers CloudFormation through the Provider framework and does nothing on Delete', async () => {
    const events = makeDynamoEventStore(table.doc, table.tableName);
    const handler = makeSeedHandler({ events, clock: { now: () => new Date('2016-12-02T00:00:00Z') } });
    const update = await handler({ RequestType: 'Update', PhysicalResourceId: 'datewatch-story-seed' } as never);
    const del = await handler({ RequestType: 'Delete', PhysicalResourceId: 'datewatch-story-seed' } as never);
    expect(update).toEqual({ PhysicalResourceId: 'datewatch-story-seed', Data: { created: 0, kept: 3 } });
    expect(del).toEqual({ PhysicalResourceId: 'datewatch-story-seed' });
    expect(await events.listAll()).toHaveLength(3);
  });
});
