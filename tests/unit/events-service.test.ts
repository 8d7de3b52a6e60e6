import { describe, expect, it } from 'vitest';
import { makeEventsService } from '#core/events-service.ts';
import { ValidationError, VersionConflictError, NotFoundError, PreconditionRequiredError } from '#core/errors.ts';
import { eventEndsAt, type DatedEvent, type PendingAlert } from '#core/model/event.ts';
import type { Story } from '#core/model/story.ts';
import { errorResponse } from '#handlers/http/errors.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { StoryStore } from '#ports/story-store.ts';

const STORY_ID = 'abe-putin-lima-2016';

/** A map-backed EventStore with the same conditional semantics as the DynamoDB one (the integration tests cover that one). */
function memoryStore(): EventStore & { alerts: Map<string, PendingAlert> } {
  const items = new Map<string, DatedEvent>();
  const alerts = new Map<string, PendingAlert>();
  return {
    alerts,
    async get(id) { return items.get(id); },
    async create(e) { if (items.has(e.id)) return false; items.set(e.id, e); return true; },
    async replace(e, expected, alert) {
      if (items.get(e.id)?.version !== expected) return false;
      items.set(e.id, e);
      if (alert && !alerts.has(e.id)) alerts.set(e.id, alert);
      return true;
    },
    async listFrom() { return [...items.values()]; },
    async listEndingBetween(from, until) { return [...items.values()].filter((e) => eventEndsAt(e) > from && eventEndsAt(e) <= until); },
    async listAll() { return [...items.values()]; },
    async listByStory(storyId) { return [...items.values()].filter((e) => e.storyId === storyId); },
    async backfillStoryIndex() { return 0; },
    async pendingAlerts() { return [...alerts].map(([id, alert]) => ({ event: items.get(id)!, alert })); },
    async clearAlert(id) { alerts.delete(id); },
  };
}

/** A map-backed StoryStore holding the stories given. */
function memoryStories(...stories: Story[]): StoryStore {
  const items = new Map(stories.map((s) => [s.id, s]));
  return {
    async get(id) { return items.get(id); },
    async create(s) { if (items.has(s.id)) return false; items.set(s.id, s); return true; },
    async replace(s, expected) { if (items.get(s.id)?.version !== expected) return false; items.set(s.id, s); return true; },
    async list() { return [...items.values()]; },
    async getMany(ids) { return [...new Set(ids)].flatMap((id) => items.get(id) ?? []); },
    async backfillCatalogIndex() { return 0; },
  };
}

const story = (over: Partial<Story> = {}): Story => ({
  id: STORY_ID, title: 'Abe and Putin meet in Lima', publisher: 'Kyodo News', publishedOn: '2016-11-19', language: 'en', background: [],
  status: 'active', version: 1, createdAt: '2016-11-19T00:00:00.000Z', updatedAt: '2016-11-19T00:00:00.000Z', ...over,
});

const clock = { now: () => new Date('2016-11-20T00:00:00Z') };
const body = { storyId: STORY_ID, title: 'Summit', summary: 'Talks.', date: '2016-12-15', timeZone: 'Asia/Tokyo', place: 'Yamaguchi', source: { publisher: 'Kyodo', quote: 'q' } };
const changeSource = { publisher: 'NHK', quote: 'The summit moves to the afternoon', url: 'https://nhk.example/summit' };

function serviceWith(store = memoryStore(), stories = memoryStories(story())) {
  return makeEventsService({ events: store, stories, clock, newId: (p) => p });
}

/** What the admin API answers for the rejection: its status and error message. */
async function answerTo(attempt: Promise<unknown>): Promise<{ status: number; error: string }> {
  const err = await attempt.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e);
  const res = errorResponse(err);
  return { status: res.statusCode, error: (JSON.parse(String(res.body)) as { error: string }).error };
}

describe('events service', () => {
  it('creates at version 1 stamped with the injected clock, in its story, with a creation entry in its history', async () => {
    const service = makeEventsService({ events: memoryStore(), stories: memoryStories(story()), clock, newId: (p) => `${p}-1` });
    const e = await service.create(body);
    expect(e).toMatchObject({ id: 'summit-1', storyId: STORY_ID, version: 1, status: 'scheduled', createdAt: '2016-11-20T00:00:00.000Z' });
    expect(e.history).toEqual([{ kind: 'created', at: '2016-11-20T00:00:00.000Z', version: 1, source: body.source, to: { date: '2016-12-15', timeZone: 'Asia/Tokyo', place: 'Yamaguchi' } }]);
  });

  it('bumps the version by one per change and records a move as a pending alert; a title fix is no move', async () => {
    const store = memoryStore();
    const service = serviceWith(store);
    await service.create(body);
    const retitled = await service.update('summit', '"1"', { title: 'Summit in Nagato' });
    expect(retitled.version).toBe(2);
    expect(store.alerts.size).toBe(0);
    const moved = await service.update('summit', '2', { startTime: '2016-12-15T15:00', changeSource });
    expect(moved).toMatchObject({ version: 3, startTime: '2016-12-15T15:00' });
    expect(moved.date).toBeUndefined();
    expect(store.alerts.get('summit')).toEqual({ kind: 'moved', previous: { date: '2016-12-15', startTime: undefined, timeZone: 'Asia/Tokyo', place: 'Yamaguchi' } });
  });

  it('refuses a stale or missing If-Match and an unknown id with typed errors', async () => {
    const service = serviceWith();
    await service.create(body);
    await expect(service.update('summit', '"7"', { title: 'x' })).rejects.toBeInstanceOf(VersionConflictError);
    await expect(service.update('summit', undefined, { title: 'x' })).rejects.toBeInstanceOf(PreconditionRequiredError);
    await expect(service.update('summit', 'abc', { title: 'x' })).rejects.toBeInstanceOf(ValidationError);
    await expect(service.get('nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('cancels once: a second cancel returns the event unchanged', async () => {
    const service = serviceWith();
    await service.create(body);
    const first = await service.cancel('summit', undefined, { changeSource });
    const second = await service.cancel('summit', undefined, { changeSource });
    expect(first).toMatchObject({ status: 'cancelled', version: 2 });
    expect(second).toEqual(first);
    await expect(service.update('summit', '2', { title: 'x' })).rejects.toThrow(/cancelled/);
  });

  it('names the field in validation errors', async () => {
    const service = serviceWith();
    await expect(service.create({ ...body, timeZone: 'Nowhere/Land' })).rejects.toThrow(/timeZone must be an IANA time zone/);
    await expect(service.create({ ...body, extra: 1 })).rejects.toThrow(/unknown field "extra"/);
    await expect(service.update('x', '1', {})).rejects.toThrow(/at least one field/);
  });
});

describe('events belong to a story', () => {
  it('refuses to create an event without storyId: 400 naming the field', async () => {
    const store = memoryStore();
    const { storyId: _omitted, ...noStory } = body;
    const answer = await answerTo(serviceWith(store).create(noStory));
    expect(answer).toEqual({ status: 400, error: 'storyId is required' });
    expect(await store.listAll()).toEqual([]);
  });

  it('refuses an event of an unknown story, and of a story no longer active: 400', async () => {
    const store = memoryStore();
    const unknown = await answerTo(serviceWith(store).create({ ...body, storyId: 'no-such-story' }));
    expect(unknown.status).toBe(400);
    expect(unknown.error).toMatch(/^storyId: no story with id "no-such-story"/);
    const archived = await answerTo(serviceWith(store, memoryStories(story({ status: 'archived' }))).create(body));
    expect(archived.status).toBe(400);
    expect(archived.error).toMatch(/^storyId: the story "abe-putin-lima-2016" is archived/);
    expect(await store.listAll()).toEqual([]);
  });

  it('refuses to move an event to another story', async () => {
    const service = serviceWith();
    await service.create(body);
    const answer = await answerTo(service.update('summit', '1', { storyId: 'g20' }));
    expect(answer.status).toBe(400);
    expect(answer.error).toMatch(/^storyId: an event cannot move to another story/);
    // Sending back the story it is in (as GET returns it) is no change of story.
    expect(await service.update('summit', '1', { storyId: STORY_ID, title: 'Summit in Nagato' })).toMatchObject({ version: 2, storyId: STORY_ID });
  });
});

describe('moves and cancellations say on whose word', () => {
  it('refuses a move without changeSource: 400 naming changeSource, and the event stays as it was', async () => {
    const store = memoryStore();
    const service = serviceWith(store);
    await service.create(body);
    for (const move of [{ date: '2016-12-16' }, { startTime: '2016-12-15T15:00' }, { timeZone: 'Asia/Seoul' }, { place: 'Nagato' }]) {
      const answer = await answerTo(service.update('summit', '1', move));
      expect(answer.status, JSON.stringify(move)).toBe(400);
      expect(answer.error, JSON.stringify(move)).toMatch(/^changeSource is required when a change moves the event/);
    }
    expect(await service.get('summit')).toMatchObject({ version: 1, date: '2016-12-15', place: 'Yamaguchi' });
    expect(store.alerts.size).toBe(0);
    // A change that moves nothing needs no source.
    expect(await service.update('summit', '1', { summary: 'Talks on the islands.' })).toMatchObject({ version: 2 });
  });

  it('a move with changeSource adds a "moved" entry to the history: from, to and the source', async () => {
    const service = serviceWith();
    await service.create(body);
    const moved = await service.update('summit', '1', { startTime: '2016-12-15T15:00', place: 'Nagato', changeSource });
    expect(moved.history).toHaveLength(2);
    expect(moved.history![0]).toMatchObject({ kind: 'created', version: 1 });
    expect(moved.history![1]).toEqual({
      kind: 'moved', at: '2016-11-20T00:00:00.000Z', version: 2, source: changeSource,
      from: { date: '2016-12-15', timeZone: 'Asia/Tokyo', place: 'Yamaguchi' },
      to: { startTime: '2016-12-15T15:00', timeZone: 'Asia/Tokyo', place: 'Nagato' },
    });
    // The event's own source is what announced it; the change's source is kept only in its entry.
    expect(moved.source).toEqual(body.source);
    expect(await service.get('summit')).toEqual(moved);
  });

  it('refuses a cancellation without changeSource: 400, and the event stays scheduled', async () => {
    const store = memoryStore();
    const service = serviceWith(store);
    await service.create(body);
    // {} is what the admin API passes for a DELETE without a body.
    for (const cancelBody of [{}, { changeSource: null }, { changeSource: { publisher: 'NHK' } }]) {
      const answer = await answerTo(service.cancel('summit', '1', cancelBody));
      expect(answer.status, JSON.stringify(cancelBody)).toBe(400);
      expect(answer.error, JSON.stringify(cancelBody)).toMatch(/^changeSource/);
    }
    expect(await service.get('summit')).toMatchObject({ status: 'scheduled', version: 1 });
    expect(store.alerts.size).toBe(0);
  });

  it('a cancellation with changeSource adds a "cancelled" entry with where and when it was, and the source', async () => {
    const store = memoryStore();
    const service = serviceWith(store);
    await service.create(body);
    const cancelled = await service.cancel('summit', '1', { changeSource });
    expect(cancelled).toMatchObject({ status: 'cancelled', version: 2 });
    expect(cancelled.history!.map((c) => c.kind)).toEqual(['created', 'cancelled']);
    expect(cancelled.history![1]).toEqual({
      kind: 'cancelled', at: '2016-11-20T00:00:00.000Z', version: 2, source: changeSource,
      from: { date: '2016-12-15', timeZone: 'Asia/Tokyo', place: 'Yamaguchi' },
    });
    expect(store.alerts.get('summit')).toMatchObject({ kind: 'cancelled' });
  });
});
