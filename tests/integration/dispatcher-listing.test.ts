import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EVENT_SORT_MAX } from '#adapters/dynamodb/catalog-keys.ts';
import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoJobStore } from '#adapters/dynamodb/job-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDispatcher } from '#core/dispatcher.ts';
import { makeEventsService } from '#core/events-service.ts';
import { storeSeed } from '#core/seed.ts';
import { limaSeed } from '#core/model/story.ts';
import type { SendMessage } from '#ports/send-queue.ts';
import { startTestTable, type TestTable } from '../support/dynalite.ts';
import { addActiveReader } from '../support/readers.ts';

const { story: seedStory, events: storyEvents } = limaSeed();

const FAR_STORY = 'far-off-story';
let table: TestTable;

/** Records what each DynamoDB command asked for: the events Query's key condition, the story keys read. */
function recording(doc: DynamoDBDocumentClient) {
  const seen = { eventQueries: [] as string[], storyIdsRead: new Set<string>(), storiesListed: 0 };
  const send = doc.send.bind(doc) as (command: unknown) => Promise<unknown>;
  const wrapped = Object.create(doc) as DynamoDBDocumentClient;
  wrapped.send = (async (command: { constructor: { name: string }; input: Record<string, any> }) => {
    const { input } = command;
    const values = input.ExpressionAttributeValues ?? {};
    // The catalog partition holds events (sorted by their end) and, after them, the stories (STORY#…).
    if (command.constructor.name === 'QueryCommand' && values[':p'] === 'EVENTS') {
      if (values[':prefix'] === 'STORY#') seen.storiesListed++;
      else seen.eventQueries.push(`${input.KeyConditionExpression} until ${values[':until'] ?? 'the stories'}`);
    }
    for (const r of Object.values(input.RequestItems ?? {}) as { Keys?: { pk: string }[] }[]) {
      for (const k of r.Keys ?? []) if (k.pk.startsWith('STORY#')) seen.storyIdsRead.add(k.pk.slice('STORY#'.length));
    }
    return send(command);
  }) as DynamoDBDocumentClient['send'];
  return { doc: wrapped, seen };
}

beforeAll(async () => {
  table = await startTestTable();
  const clock = { now: () => new Date('2016-11-20T00:00:00Z') };
  const events = makeDynamoEventStore(table.doc, table.tableName);
  const stories = makeDynamoStoryStore(table.doc, table.tableName);
  await storeSeed({ events, stories, clock }, { story: seedStory, events: storyEvents });
  // A second story whose one event is half a year off: no reminder of it can fall due in December.
  await storeSeed({ events, stories, clock }, {
    story: { ...seedStory, id: FAR_STORY, title: 'A summit next summer' },
    events: [{ ...storyEvents[0]!, id: 'far-off-summit', date: '2017-06-01' }],
  });
  await addActiveReader(makeDynamoSubscriberStore(table.doc, table.tableName), 'tokyo@example.com', { timeZone: 'Asia/Tokyo', reminders: ['P0D'], digest: 'daily' });
});
afterAll(async () => { await table?.close(); });

describe('what one dispatcher run lists', () => {
  it('without a digest due: only the events whose reminders can fall in the window, and their stories; with one: all', async () => {
    // Prepare
    const { doc, seen } = recording(table.doc);
    const queued: SendMessage[] = [];
    const dispatch = makeDispatcher({
      events: makeDynamoEventStore(doc, table.tableName), stories: makeDynamoStoryStore(doc, table.tableName),
      subscribers: makeDynamoSubscriberStore(doc, table.tableName), jobs: makeDynamoJobStore(doc, table.tableName),
      queue: { sendAll: async (m) => { queued.push(...m); } }, recipientsPerMessage: 10,
    });

    // Act: 20:00 in Tokyo, the summit's same-day reminder; Tokyo's daily digest is at 08:00.
    const reminderRun = await dispatch(new Date('2016-12-14T11:00:00Z'));
    const reminderRunSeen = { eventQueries: [...seen.eventQueries], storyIdsRead: new Set(seen.storyIdsRead), storiesListed: seen.storiesListed };
    seen.eventQueries.length = 0;
    // 08:00 in Tokyo the next morning: the daily digest lists whatever is coming up, however far off.
    const digestRun = await dispatch(new Date('2016-12-14T23:00:00Z'));

    // Assess
    expect(reminderRun.created).toBe(1);
    expect(queued[0]).toMatchObject({ jobId: expect.stringMatching(/^reminder\|abe-putin-summit-yamaguchi\|2016-12-15\|P0D\|Asia\/Tokyo$/) });
    // The window ends at the reminders' horizon, not past every event.
    expect(reminderRunSeen.eventQueries).toEqual([expect.stringMatching(/BETWEEN .* until 2017-01-01T/)]);
    expect([...reminderRunSeen.storyIdsRead]).toEqual([seedStory.id]);
    expect(reminderRunSeen.storiesListed).toBe(0);
    expect(digestRun.created).toBeGreaterThanOrEqual(1);
    expect(seen.eventQueries).toContainEqual(expect.stringContaining(`until ${EVENT_SORT_MAX}`));
    // Stories by key, a digest run too: a list could miss one (the seed moving it) and drop its alerts.
    expect(seen.storiesListed).toBe(0);
    expect([...seen.storyIdsRead]).toEqual([seedStory.id]);
  });

  it('a digest run still sends the alert of a story no listing shows (an upgrade before the seed has moved it)', async () => {
    // Prepare: the far-off event is cancelled (a pending alert), and its story's listing keys are the release
    // before's (gsi1 STORIES), as between the new functions' update and the seed's move on a deploy.
    const clock = { now: () => new Date('2016-12-15T22:00:00Z') };
    const events = makeDynamoEventStore(table.doc, table.tableName);
    const stories = makeDynamoStoryStore(table.doc, table.tableName);
    await makeEventsService({ events, stories, clock, newId: (p) => p }).cancel('far-off-summit', undefined, {
      changeSource: { publisher: 'Kyodo News', quote: 'The summit next summer is off.' },
    });
    const { storyId } = (await events.get('far-off-summit'))!;
    await table.doc.send(new UpdateCommand({
      TableName: table.tableName, Key: { pk: `STORY#${storyId}`, sk: 'STORY' },
      UpdateExpression: 'SET gsi1pk = :old', ExpressionAttributeValues: { ':old': 'STORIES' },
    }));
    expect((await stories.list()).map((s) => s.id)).not.toContain(storyId);
    const queued: SendMessage[] = [];
    const dispatch = makeDispatcher({
      events, stories, subscribers: makeDynamoSubscriberStore(table.doc, table.tableName),
      jobs: makeDynamoJobStore(table.doc, table.tableName),
      queue: { sendAll: async (m) => { queued.push(...m); } }, recipientsPerMessage: 10,
    });

    // Act: 08:00 in Tokyo, a digest due, the alert pending.
    await dispatch(new Date('2016-12-15T23:00:00Z'));

    // Assess: the cancellation went out, and nothing is left pending to be cleared unsent.
    expect(queued.map((m) => m.jobId)).toContainEqual(expect.stringMatching(/^alert\|far-off-summit\|/));
    expect(await events.pendingAlerts()).toEqual([]);
  });
});
