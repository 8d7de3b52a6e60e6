import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';

/**
 * GET /events reads the stories and the upcoming events in one Query (catalog-store.ts). After each admin route
 * that changes either, the next GET /events must show the change, and agree with what the story list and the
 * events' own listing (the two reads it replaced) give at that moment.
 */
let stack: LocalStack;
let token: string;
const NEW = 'opec-vienna-2016';
const OTHER = 'us-election-2016';
const source = { publisher: 'Reuters', quote: 'as announced' };
const changeSource = { publisher: 'Reuters', quote: 'The ministers will now meet on Dec. 12, a spokesman said.' };

interface Listed {
  stories: { id: string; title: string }[];
  events: { id: string; storyId: string; status: string; startsAt: string; endsAt: string }[];
}

/** GET /events, checked against the two separate reads (stories, then events ending after now) of this moment. */
async function listed(): Promise<Listed> {
  const res = await api(stack, 'GET', '/events');
  expect(res.status).toBe(200);
  const body = res.json as Listed;
  const now = stack.clock.now();
  const [stories, upcoming] = await Promise.all([stack.deps.storyStore.list(), stack.deps.eventStore.listFrom(now)]);
  expect(await stack.deps.catalogStore.storiesAndEventsFrom(now)).toEqual({ stories, events: upcoming });
  const live = stories.filter((s) => s.status === 'active');
  expect(body.stories.map((s) => s.id)).toEqual(live.map((s) => s.id));
  const liveIds = new Set(live.map((s) => s.id));
  expect(body.events.map((e) => e.id)).toEqual(upcoming.filter((e) => liveIds.has(e.storyId)).map((e) => e.id));
  return body;
}

const storyOf = (body: Listed, id: string) => body.stories.find((s) => s.id === id);
const eventOf = (body: Listed, id: string) => body.events.find((e) => e.id === id);
async function versionOf(path: string): Promise<string> {
  return `"${(await api(stack, 'GET', path, { token })).json.version}"`;
}

beforeAll(async () => {
  stack = await startTestStack();
  stack.clock.set(new Date('2016-11-25T00:00:00Z'));
  token = await stack.adminToken();
});
afterAll(async () => { await stack?.close(); });

describe('GET /events right after each admin change', () => {
  let eventId: string;

  it('a new story, then a new event under it', async () => {
    const story = await api(stack, 'POST', '/admin/stories', {
      token, body: { id: NEW, title: 'OPEC agrees an output cut', publisher: 'Reuters', publishedOn: '2016-11-30' },
    });
    expect(story.status, story.text).toBe(201);
    expect(storyOf(await listed(), NEW)).toMatchObject({ title: 'OPEC agrees an output cut' });

    const event = await api(stack, 'POST', '/admin/events', {
      token,
      body: {
        storyId: NEW, title: 'Ministers meet', summary: 'Talks.', date: '2016-12-10', timeZone: 'Europe/Vienna',
        place: 'Vienna', source,
      },
    });
    expect(event.status, event.text).toBe(201);
    eventId = event.json.id;
    expect(eventOf(await listed(), eventId))
      .toMatchObject({ storyId: NEW, status: 'scheduled', startsAt: '2016-12-09T23:00:00.000Z' });
  });

  it('a story edit and an event move', async () => {
    const edited = await api(stack, 'PATCH', `/admin/stories/${NEW}`, {
      token, body: { title: 'OPEC agrees its first cut since 2008' },
      headers: { 'if-match': await versionOf(`/admin/stories/${NEW}`) },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(storyOf(await listed(), NEW)).toMatchObject({ title: 'OPEC agrees its first cut since 2008' });

    const moved = await api(stack, 'PATCH', `/admin/events/${eventId}`, {
      token, body: { date: '2016-12-12', changeSource },
      headers: { 'if-match': await versionOf(`/admin/events/${eventId}`) },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(eventOf(await listed(), eventId)).toMatchObject({ startsAt: '2016-12-11T23:00:00.000Z' });
  });

  it('an event cancelled stays listed as cancelled; an archived story leaves with its events', async () => {
    const cancelled = await api(stack, 'DELETE', `/admin/events/${eventId}`, { token, body: { changeSource } });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(eventOf(await listed(), eventId)).toMatchObject({ status: 'cancelled' });

    const archived = await api(stack, 'PATCH', `/admin/stories/${NEW}`, {
      token, body: { status: 'archived' }, headers: { 'if-match': await versionOf(`/admin/stories/${NEW}`) },
    });
    expect(archived.status, archived.text).toBe(200);
    const after = await listed();
    expect(storyOf(after, NEW)).toBeUndefined();
    expect(eventOf(after, eventId)).toBeUndefined();
  });

  it('a withdrawn story leaves with its events', async () => {
    const story = { id: OTHER, title: 'Trump wins', publisher: 'AP', publishedOn: '2016-11-09' };
    expect((await api(stack, 'POST', '/admin/stories', { token, body: story })).status).toBe(201);
    const event = await api(stack, 'POST', '/admin/events', {
      token,
      body: {
        storyId: OTHER, title: 'Electors vote', summary: 'Votes.', date: '2016-12-19', timeZone: 'America/New_York',
        place: 'Capitals', source,
      },
    });
    expect(eventOf(await listed(), event.json.id)).toMatchObject({ storyId: OTHER });
    const withdrawn = await api(stack, 'PATCH', `/admin/stories/${OTHER}`, {
      token, body: { status: 'cancelled', changeSource },
      headers: { 'if-match': await versionOf(`/admin/stories/${OTHER}`) },
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    const after = await listed();
    expect(storyOf(after, OTHER)).toBeUndefined();
    expect(eventOf(after, event.json.id)).toBeUndefined();
  });

  it('an event leaves the list the moment it is over, and the other lists never hold a story', async () => {
    const first = (await listed()).events[0]!;
    stack.clock.set(new Date(new Date(first.endsAt).getTime() - 1));
    expect(eventOf(await listed(), first.id)).toBeDefined();
    stack.clock.set(new Date(first.endsAt));
    expect(eventOf(await listed(), first.id)).toBeUndefined();

    // Every event (the seed's three and the two made here), and no story, however wide the window.
    const all = await stack.deps.eventStore.listAll();
    expect(all).toHaveLength(5);
    expect(all.map((e) => e.id)).not.toContain(NEW);
    const window = await stack.deps.eventStore.listEndingBetween(new Date('2016-01-01'), new Date('9999-12-31'));
    expect(window.map((e) => e.id).sort()).toEqual(all.map((e) => e.id).sort());
    expect((await api(stack, 'GET', '/admin/events', { token })).json.events).toHaveLength(all.length);
  });

  it('GET /events.ics holds every event of a story not withdrawn, read with the stories in one Query', async () => {
    const [stories, all] = await Promise.all([stack.deps.storyStore.list(), stack.deps.eventStore.listAll()]);
    expect(await stack.deps.catalogStore.storiesAndEventsFrom()).toEqual({ stories, events: all });
    const kept = new Set(stories.filter((s) => s.status !== 'cancelled').map((s) => s.id));
    const feed = (await api(stack, 'GET', '/events.ics')).text;
    const uids = [...feed.matchAll(/^UID:(.+?)@datewatch\r?$/gm)].map((m) => m[1]);
    expect(uids.sort()).toEqual(all.filter((e) => kept.has(e.storyId)).map((e) => e.id).sort());
    expect(uids).toContain(all.find((e) => e.storyId === NEW)!.id); // archived: its calendar stays
  });
});
