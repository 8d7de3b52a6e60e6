import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { makeTableStores } from '#adapters/dynamodb/table-stores.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeEventsService } from '#core/events-service.ts';
import { storeSeed } from '#core/seed.ts';
import { limaSeed, SEED_STORY_ID } from '#core/model/story.ts';
import { makeSeedHandler } from '#handlers/seed.ts';
import { startTestTable, type TestTable } from '../support/dynalite.ts';
import { addActiveReader } from '../support/readers.ts';

let table: TestTable;
beforeAll(async () => { table = await startTestTable(); });
beforeEach(async () => { await table.reset(); });
afterAll(async () => { await table?.close(); });

const seed = limaSeed();
const limaStory = seed.story;
const stores = () => {
  const { events, stories } = makeTableStores(table.doc, table.tableName);
  return { events, stories };
};
const SEED_IDS = ['kishida-visits-russia', 'abe-putin-summit-yamaguchi', 'abe-putin-economic-talks-tokyo'];

describe('seeding the story (npm start, and the custom resource on every deploy)', () => {
  it('stores the story and its three events once: seeding again changes nothing, and an edited event keeps its edit', async () => {
    const { events, stories } = stores();
    const clock = { now: () => new Date('2016-11-20T00:00:00+09:00') };

    const first = await storeSeed({ events, stories, clock }, seed);
    const changeSource = { publisher: 'Kyodo News', quote: 'The economic talks move to Dec. 17' };
    const edited = await makeEventsService({ events, stories, clock, newId: (p) => p })
      .update('abe-putin-economic-talks-tokyo', '"1"', { date: '2016-12-17', changeSource });
    const second = await storeSeed({ events, stories, clock: { now: () => new Date('2016-12-01T00:00:00Z') } }, seed);

    expect(first).toEqual({ created: [`story:${SEED_STORY_ID}`, ...SEED_IDS], kept: [], migrated: 0 });
    expect(second).toEqual({ created: [], kept: [`story:${SEED_STORY_ID}`, ...SEED_IDS], migrated: 0 });
    const all = await events.listAll();
    expect(all.map((e) => [e.id, e.storyId, e.version])).toEqual([
      ['kishida-visits-russia', SEED_STORY_ID, 1], ['abe-putin-summit-yamaguchi', SEED_STORY_ID, 1], ['abe-putin-economic-talks-tokyo', SEED_STORY_ID, 2],
    ]);
    expect(all.at(-1)!.date).toBe(edited.date);
    expect(all.at(-1)!.history!.map((c) => c.kind)).toEqual(['created', 'moved']);
  });

  it('stores the story once, active and as written on the first run; a second run leaves it (and an editor\'s change) alone', async () => {
    const { events, stories } = stores();
    await storeSeed({ events, stories, clock: { now: () => new Date('2016-11-20T00:00:00Z') } }, seed);
    const stored = (await stories.get(SEED_STORY_ID))!;
    expect(stored).toMatchObject({
      id: SEED_STORY_ID, title: limaStory.title, publisher: limaStory.publisher, background: limaStory.background,
      status: 'active', version: 1, createdAt: '2016-11-20T00:00:00.000Z',
    });
    expect(await stories.replace({ ...stored, title: 'Edited title', version: 2 }, 1)).toBe(true);

    await storeSeed({ events, stories, clock: { now: () => new Date('2016-12-01T00:00:00Z') } }, seed);

    const list = await stories.list();
    expect(list.map((s) => s.id)).toEqual([SEED_STORY_ID]);
    expect(list[0]).toMatchObject({ title: 'Edited title', version: 2, createdAt: '2016-11-20T00:00:00.000Z' });
    expect((await events.listByStory(SEED_STORY_ID)).map((e) => e.id)).toEqual(SEED_IDS);
  });

  it('backfills an event written before stories existed: it joins the seed story and its index, once', async () => {
    const { events, stories } = stores();
    // An item as the release before stories wrote it: no storyId in the event, no gsi3 entry.
    const legacy = {
      id: 'old-event', title: 'An event from before stories', summary: 'Stored by the previous release.', date: '2016-12-10',
      timeZone: 'Asia/Tokyo', place: 'Tokyo', source: { publisher: 'Kyodo News', quote: 'q' },
      status: 'scheduled', version: 3, createdAt: '2016-11-19T00:00:00.000Z', updatedAt: '2016-11-21T00:00:00.000Z',
    };
    const startsAt = '2016-12-09T15:00:00.000Z';
    await table.doc.send(new PutCommand({
      TableName: table.tableName,
      Item: { pk: 'EVENT#old-event', sk: 'EVENT', gsi1pk: 'EVENTS', gsi1sk: `${startsAt}#old-event`, endsAt: '2016-12-10T15:00:00.000Z', event: legacy },
    }));
    expect(await events.listByStory(SEED_STORY_ID)).toEqual([]);

    const first = await storeSeed({ events, stories, clock: { now: () => new Date('2016-11-22T00:00:00Z') } }, seed);
    const second = await storeSeed({ events, stories, clock: { now: () => new Date('2016-11-23T00:00:00Z') } }, seed);

    expect(first.migrated).toBe(1);
    expect(second.migrated).toBe(0);
    const own = await events.listByStory(SEED_STORY_ID);
    expect(own.map((e) => e.id)).toEqual(['kishida-visits-russia', 'old-event', 'abe-putin-summit-yamaguchi', 'abe-putin-economic-talks-tokyo']);
    // The item itself now names its story and has its index entry; nothing else about the event changed.
    const item = (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: 'EVENT#old-event', sk: 'EVENT' } }))).Item!;
    expect(item).toMatchObject({ gsi3pk: `STORY#${SEED_STORY_ID}`, gsi3sk: `${startsAt}#old-event`, event: { ...legacy, storyId: SEED_STORY_ID } });
    expect(await events.get('old-event')).toEqual({ ...legacy, storyId: SEED_STORY_ID });
  });

  it('answers CloudFormation through the Provider framework and does nothing on Delete', async () => {
    const { events, stories } = stores();
    await storeSeed({ events, stories, clock: { now: () => new Date('2016-11-20T00:00:00Z') } }, seed);
    const handler = makeSeedHandler({ events, stories, clock: { now: () => new Date('2016-12-02T00:00:00Z') } });
    const update = await handler({ RequestType: 'Update', PhysicalResourceId: 'datewatch-story-seed' } as never);
    const del = await handler({ RequestType: 'Delete', PhysicalResourceId: 'datewatch-story-seed' } as never);
    expect(update).toEqual({ PhysicalResourceId: 'datewatch-story-seed', Data: { created: 0, kept: 4, migrated: 0 } });
    expect(del).toEqual({ PhysicalResourceId: 'datewatch-story-seed' });
    expect(await events.listAll()).toHaveLength(3);
    expect(await stories.list()).toHaveLength(1);
  });
  it('puts active readers stored before the mailbox index into it, once, where every spelling is found', async () => {
    // Prepare: two spellings of one mailbox, written as before the index (no gsi3 on their items), one of them left.
    const { subscribers } = makeTableStores(table.doc, table.tableName);
    const old = await addActiveReader(subscribers, 'Bob.Smith@gmail.com', { timeZone: 'UTC' });
    const other = await addActiveReader(subscribers, 'bobsmith+news@googlemail.com', { timeZone: 'Asia/Tokyo' });
    for (const id of [old.id, other.id]) {
      await table.doc.send(new UpdateCommand({
        TableName: table.tableName, Key: { pk: `SUB#${id}`, sk: 'SUB' }, UpdateExpression: 'REMOVE gsi3pk, gsi3sk',
      }));
    }
    await subscribers.put({ ...other, status: 'unsubscribed', updatedAt: '2016-11-20T00:00:00.000Z' }, other.updatedAt);
    expect(await subscribers.activeInMailbox('bobsmith@gmail.com')).toEqual([]);
    // Act: the deploy's seed, twice.
    const { events, stories } = stores();
    const logged: string[] = [];
    const telemetry = {
      invocation: (_: unknown, run: () => unknown) => run(),
      info: (_m: string, f: object) => logged.push(JSON.stringify(f)),
    };
    const clock = { now: () => new Date('2016-11-20T00:00:00Z') };
    const handler = makeSeedHandler({ events, stories, subscribers, clock, telemetry: telemetry as never });
    await handler({ RequestType: 'Update', PhysicalResourceId: 'datewatch-story-seed' } as never);
    await handler({ RequestType: 'Update', PhysicalResourceId: 'datewatch-story-seed' } as never);
    // Assess: the active one is indexed (and only it), by the first run alone.
    expect((await subscribers.activeInMailbox('BOBSMITH@gmail.com')).map((s) => s.id)).toEqual([old.id]);
    expect(logged.map((l) => JSON.parse(l).mailboxesIndexed)).toEqual([1, 0]);
  });
});
