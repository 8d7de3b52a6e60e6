import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { parseFeed } from '@rowanmanning/feed-parser';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';
import { clearSesStore, readSesStore, type StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { routeKey, routes } from '#lambdas/routes.ts';

/**
 * Issue 13 as a new user would check it, on the local stack: a second story with two events, a reader who follows
 * only it, a move with its source on the page and in the Atom feed, the story's own calendar.
 */
let stack: LocalStack;
let sesPort: number;
let token: string;
let storyId: string;
const eventIds: string[] = [];

const inbox = async (to: string): Promise<StoredEmail[]> => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));
const at = (iso: string) => stack.dispatch(new Date(iso));
const source = { publisher: 'Reuters', quote: 'The ministers will now meet on Dec. 9, a spokesman said.', url: 'https://www.reuters.com/example' };

beforeAll(async () => {
  stack = await startTestStack();
  sesPort = Number(new URL(stack.sesUrl).port);
  token = await stack.adminToken();
  // An editor creates a second story with two events.
  const story = await api(stack, 'POST', '/admin/stories', {
    token,
    body: {
      id: 'opec-vienna-2016', title: 'OPEC agrees first output cut since 2008', publisher: 'Reuters', publishedOn: '2016-11-30',
      url: 'https://www.reuters.com/opec', summary: 'OPEC members agreed in Vienna to cut oil output.', language: 'en',
      background: ['Non-OPEC producers are to be asked to join the cut.'],
    },
  });
  expect(story.status, story.text).toBe(201);
  storyId = story.json.id;
  for (const e of [
    { title: 'OPEC and non-OPEC ministers meet', date: '2016-12-10', timeZone: 'Europe/Vienna', place: 'Vienna, Austria' },
    { title: 'Output cut takes effect', date: '2017-01-01', timeZone: 'Europe/Vienna', place: 'Vienna, Austria' },
  ]) {
    const res = await api(stack, 'POST', '/admin/events', { token, body: { storyId, ...e, summary: `${e.title}.`, source: { publisher: 'Reuters', quote: 'as announced' } } });
    expect(res.status, res.text).toBe(201);
    eventIds.push(res.json.id);
  }
  // One reader follows only the new story; one follows everything (as every reader from before stories does).
  await addActiveReader(stack.deps.subscriberStore, 'opec@example.com', { timeZone: 'America/Chicago', reminders: ['P1D'], digest: 'weekly', stories: [storyId] });
  await addActiveReader(stack.deps.subscriberStore, 'all@example.com', { timeZone: 'America/Chicago', reminders: ['P1D'], digest: 'weekly' });
});
afterAll(async () => { await stack?.close(); });
beforeEach(async () => { await clearSesStore(sesPort); });

describe('stories as data, through the admin API', () => {
  it('lists both stories, newest publication first, and refuses a duplicate id, a bad slug and a stale If-Match', async () => {
    const list = await api(stack, 'GET', '/admin/stories', { token });
    expect(list.json.stories.map((s: { id: string }) => s.id)).toEqual([storyId, 'abe-putin-lima-2016']);
    const again = await api(stack, 'POST', '/admin/stories', { token, body: { id: storyId, title: 'x', publisher: 'y', publishedOn: '2016-12-01' } });
    expect(again.status).toBe(409);
    const bad = await api(stack, 'POST', '/admin/stories', { token, body: { id: 'Not A Slug', title: 'x', publisher: 'y', publishedOn: '2016-12-01' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/id must be a slug/);
    const stale = await api(stack, 'PATCH', `/admin/stories/${storyId}`, { token, body: { summary: 'changed' }, headers: { 'if-match': '"9"' } });
    expect(stale.status).toBe(412);
    expect((await api(stack, 'GET', '/stories/no-such-story/events.ics')).status).toBe(404);
    expect((await api(stack, 'GET', '/admin/stories', {})).status).toBe(401);
  });

  it('public /stories and /events name each event\'s story; /events?story= filters', async () => {
    const stories = await api(stack, 'GET', '/stories');
    expect(stories.json.stories.map((s: { id: string }) => s.id)).toContain(storyId);
    const events = await api(stack, 'GET', `/events?story=${storyId}`);
    expect(events.json.events.map((e: { id: string; storyId: string }) => [e.id, e.storyId])).toEqual(eventIds.map((id) => [id, storyId]));
  });

  it('serves the story\'s own calendar, which a third-party parser reads, with only its events', async () => {
    const res = await api(stack, 'GET', `/stories/${storyId}/events.ics`);
    expect(res.status).toBe(200);
    const cal = new ICAL.Component(ICAL.parse(res.text));
    const uids = cal.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));
    expect(uids).toEqual(eventIds.map((id) => `${id}@datewatch`));
    expect(cal.getFirstPropertyValue('x-wr-calname')).toMatch(/OPEC agrees/);
  });
});

describe('the API described', () => {
  it('serves /openapi.json on the local stack, OpenAPI 3.1, with every route of routes.ts', async () => {
    const res = await api(stack, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toMatch(/^3\.1\./);
    const described = Object.entries(res.json.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
    expect(described.sort()).toEqual(routes.map(routeKey).sort());
  });
});

describe('choosing stories when subscribing', () => {
  it('the subscribe page lists each live story with its events and a stories choice; ?story= presets one', async () => {
    const home = await api(stack, 'GET', '/', { headers: { accept: 'text/html' } });
    expect(home.text).toContain('OPEC agrees first output cut since 2008');
    expect(home.text).toContain('Abe and Putin meet in Lima');
    expect(home.text).toMatch(/<legend>Which stories<\/legend>/);
    const preset = await api(stack, 'GET', `/?story=${storyId}`, { headers: { accept: 'text/html' } });
    expect(preset.text).toMatch(new RegExp(`name="stories" value="${storyId}" checked`));
    expect(preset.text).toMatch(/<h1>Follow “OPEC agrees first output cut since 2008”<\/h1>/);
  });

  it('a subscription naming an unknown story is refused with the field named, and nothing is queued', async () => {
    const res = await api(stack, 'POST', '/subscriptions', { body: { email: 'who@example.com', stories: ['no-such-story'] } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/stories: no story with id "no-such-story"/);
    const ok = await api(stack, 'POST', '/subscriptions', { body: { email: 'who@example.com', stories: [storyId] } });
    expect(ok.status).toBe(202);
    await stack.cloud.drainQueues(10_000); // the sign-up worker stores the pending subscription with its choice
    const pending = await api(stack, 'GET', '/admin/subscribers/who%40example.com', { token });
    expect(pending.json).toMatchObject({ status: 'pending', preferences: { stories: [storyId], events: 'all' } });
  });
});

describe('readers follow stories (the dispatcher\'s clock moves forward through these tests)', () => {
  it('a reader following only the new story gets no reminder of the Lima story; a reader following all does', async () => {
    // Kishida's visit (Lima story) is 3 December in Moscow: in Chicago it begins on 2 December; P1D is 1 December 08:00.
    await at('2016-12-01T08:00:00-06:00');
    expect(await inbox('opec@example.com')).toEqual([]);
    expect((await inbox('all@example.com')).map((m) => m.subject)).toEqual(['Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov']);
  });

  it('the weekly digest holds only the followed story for one reader, and both stories, grouped, for the other', async () => {
    // Monday 5 December 2016, 08:00 in Chicago.
    await at('2016-12-05T08:00:00-06:00');
    const [opec] = await inbox('opec@example.com');
    expect(opec!.subject).toMatch(/^Weekly digest/);
    expect(opec!.body.text).toContain('== OPEC agrees first output cut since 2008 (Reuters) ==');
    expect(opec!.body.text).not.toContain('Abe and Putin');
    const [all] = await inbox('all@example.com');
    expect(all!.body.text).toContain('== OPEC agrees first output cut since 2008 (Reuters) ==');
    expect(all!.body.text).toContain('== Abe and Putin meet in Lima');
    expect(all!.body.text).toContain('Non-OPEC producers are to be asked to join the cut.');
  });

  it('moving an event needs a source; the move alerts the story\'s followers, and the reminder follows the new date', async () => {
    const unsourced = await api(stack, 'PATCH', `/admin/events/${eventIds[0]}`, { token, body: { date: '2016-12-09' }, headers: { 'if-match': '"1"' } });
    expect(unsourced.status).toBe(400);
    const moved = await api(stack, 'PATCH', `/admin/events/${eventIds[0]}`, { token, body: { date: '2016-12-09', changeSource: source }, headers: { 'if-match': '"1"' } });
    expect(moved.status, moved.text).toBe(200);
    await at('2016-12-05T12:00:00-06:00');
    expect((await inbox('opec@example.com')).map((m) => m.subject)).toEqual(['Moved: OPEC and non-OPEC ministers meet']);
    expect((await inbox('all@example.com')).map((m) => m.subject)).toEqual(['Moved: OPEC and non-OPEC ministers meet']);
    await clearSesStore(sesPort);
    // 9 December in Vienna begins on 8 December at 17:00 in Chicago: P1D is 7 December 08:00.
    await at('2016-12-07T08:00:00-06:00');
    const opec = await inbox('opec@example.com');
    expect(opec.map((m) => m.subject)).toEqual(['Tomorrow: OPEC and non-OPEC ministers meet']);
    expect(opec[0]!.body.text).toContain('From the story "OPEC agrees first output cut since 2008" (Reuters)');
  });

  it('the move shows on the story page, with its source, in the reader\'s chosen zone, without scripts', async () => {
    const res = await api(stack, 'GET', `/stories/${storyId}?timeZone=Asia/Tokyo`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = res.text;
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="http[^"]*\/stories\/opec-vienna-2016\/changes\.atom"/);
    expect(html).toMatch(/<link rel="alternate" type="text\/calendar"/);
    expect(html).toContain('The ministers will now meet on Dec. 9, a spokesman said.');
    expect(html).toContain('href="https://www.reuters.com/example"');
    expect(html).toMatch(/Asia\/Tokyo/);
    expect(html).toMatch(/Moved/);
  });

  it('the move is an entry of the story\'s Atom feed, read by a third-party parser, with an id that does not change', async () => {
    const first = await api(stack, 'GET', `/stories/${storyId}/changes.atom`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const feed = parseFeed(first.text);
    const move = feed.items.find((i) => i.title === 'Moved: OPEC and non-OPEC ministers meet')!;
    expect(move).toBeDefined();
    expect(move.content ?? move.description ?? '').toMatch(/spokesman/);
    expect(feed.items.map((i) => i.title)).toEqual(expect.arrayContaining(['Announced: OPEC and non-OPEC ministers meet', 'Announced: Output cut takes effect']));
    const again = parseFeed((await api(stack, 'GET', `/stories/${storyId}/changes.atom`)).text);
    expect(again.items.map((i) => i.id)).toEqual(feed.items.map((i) => i.id));
  });

  it('archiving a story stops its mail and keeps its calendar readable', async () => {
    const current = await api(stack, 'GET', `/admin/stories/${storyId}`, { token });
    const archived = await api(stack, 'PATCH', `/admin/stories/${storyId}`, { token, body: { status: 'archived' }, headers: { 'if-match': `"${current.json.version}"` } });
    expect(archived.status, archived.text).toBe(200);
    // The output cut (1 January 2017) would have had its P1D reminder on 31 December 2016 at 08:00 Chicago.
    await at('2016-12-31T08:00:00-06:00');
    expect(await inbox('opec@example.com')).toEqual([]);
    expect((await api(stack, 'GET', `/stories/${storyId}/events.ics`)).status).toBe(200);
    const events = await api(stack, 'GET', '/events');
    expect(events.json.events.map((e: { storyId: string }) => e.storyId)).not.toContain(storyId);
  });
});
