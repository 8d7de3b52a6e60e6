/**
 * A withdraw that stops half-way (the admin function dies between two events' cancellations), on the local stack:
 * what readers get in the meantime, what the admin API, the story page and its calendar say, and how the editor
 * finishes it. The fault is the one mock: the events store's cancelling write fails once, as a crash would leave it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSesStore, type StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { alertJobId } from '#core/model/job.ts';
import type { EventStore } from '#ports/event-store.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

const STORY = 'vienna-gas-talks-2016';
const SOURCE = { publisher: 'Reuters', quote: 'Reuters withdraws its report of gas talks in Vienna.' };
const TITLES = ['Gas talks open in Vienna', 'Gas ministers meet in Vienna', 'Gas deal signed in Vienna'];
const FOLLOWER = 'follower@example.com';
const EVERYTHING = 'everything@example.com';

let stack: LocalStack;
let followerId = '';
let sesPort: number;
let token: string;
/** Cancelling writes still allowed before the next one fails; undefined: no fault. */
let cancelsBeforeCrash: number | undefined;
const ids: string[] = [];

/** The admin function stops after `cancelsBeforeCrash` cancellations: the next write never reaches the table. */
const crashingBetweenCancels = (events: EventStore): EventStore => ({
  ...events,
  replace: async (event, expected, alert) => {
    if (alert?.kind === 'cancelled' && cancelsBeforeCrash !== undefined) {
      if (cancelsBeforeCrash === 0) {
        cancelsBeforeCrash = undefined;
        throw new Error('the function stopped before this cancellation');
      }
      cancelsBeforeCrash--;
    }
    return events.replace(event, expected, alert);
  },
});

const mails = async (to: string): Promise<StoredEmail[]> =>
  (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));
const about = (list: StoredEmail[], title: string) =>
  list.filter((m) => m.subject.includes(title) || (m.body.text ?? '').includes(title));
const admin = (method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) =>
  api(stack, method, path, { token, ...init });

beforeAll(async () => {
  stack = await startTestStack({
    wrap: { wrapStores: (s) => (s.events ? { ...s, events: crashingBetweenCancels(s.events) } : s) },
  });
  sesPort = Number(new URL(stack.sesUrl).port);
  token = await stack.adminToken();
  const story = await admin('POST', '/admin/stories', {
    body: { id: STORY, title: 'Gas producers talk in Vienna', publisher: 'Reuters', publishedOn: '2016-11-19' },
  });
  expect(story.status, story.text).toBe(201);
  // One day each, in Tokyo: the first is near, the other two after the "meantime" below.
  for (const [i, date] of ['2016-11-25', '2016-12-20', '2016-12-22'].entries()) {
    const res = await admin('POST', '/admin/events', {
      body: {
        storyId: STORY,
        title: TITLES[i],
        summary: 'Producers meet.',
        date,
        timeZone: 'Asia/Tokyo',
        place: 'Vienna',
        source: { publisher: 'Reuters', quote: 'Producers will meet in Vienna.' },
      },
    });
    expect(res.status, res.text).toBe(201);
    ids.push(res.json.id);
  }
  // A live event after the meantime, so the digests the other reader gets have something in them.
  const live = await admin('POST', '/admin/events', {
    body: {
      storyId: 'abe-putin-lima-2016',
      title: 'Year-end talks in Tokyo',
      summary: 'Talks go on.',
      date: '2016-12-28',
      timeZone: 'Asia/Tokyo',
      place: 'Tokyo',
      source: { publisher: 'Kyodo News', quote: 'Talks go on in Tokyo.' },
    },
  });
  expect(live.status, live.text).toBe(201);
  followerId = (
    await addActiveReader(stack.deps.subscriberStore, FOLLOWER, {
      timeZone: 'Asia/Tokyo',
      reminders: ['P1D'],
      digest: 'daily',
      stories: [STORY],
    })
  ).id;
  await addActiveReader(stack.deps.subscriberStore, EVERYTHING, { timeZone: 'UTC', reminders: [], digest: 'daily' });
});
afterAll(async () => {
  await stack?.close();
});

describe('a withdraw that stopped half-way', () => {
  let before = '';

  it('the crash leaves two events scheduled under the withdrawn story; the API says so', async () => {
    // Prepare: the last event was moved just before (its alert not yet sent); the withdraw will die after one event.
    const moved = await admin('PATCH', `/admin/events/${ids[2]}`, {
      headers: { 'if-match': '"1"' },
      body: { date: '2016-12-23', changeSource: SOURCE },
    });
    expect(moved.status, moved.text).toBe(200);
    before = (await admin('GET', `/admin/stories/${STORY}`)).headers.get('etag')!;
    cancelsBeforeCrash = 1;
    // Act
    const withdraw = await admin('PATCH', `/admin/stories/${STORY}`, {
      headers: { 'if-match': before },
      body: { status: 'cancelled', changeSource: SOURCE },
    });
    // Assess: a 500 that says nothing inside; the story is withdrawn, the first event cancelled, two left.
    expect(withdraw.status).toBe(500);
    const statuses = await Promise.all(ids.map(async (id) => (await admin('GET', `/admin/events/${id}`)).json.status));
    expect(statuses).toEqual(['cancelled', 'scheduled', 'scheduled']);
    const story = await admin('GET', `/admin/stories/${STORY}`);
    expect(story.json).toMatchObject({
      status: 'cancelled',
      withdrawal: { source: SOURCE, eventsLeft: [ids[1], ids[2]] },
    });
    const listed = (await admin('GET', '/admin/stories')).json.stories.find((s: { id: string }) => s.id === STORY);
    expect(listed.withdrawal.eventsLeft).toEqual([ids[1], ids[2]]);
  });

  it('a move alert queued before the withdraw and delivered after it is skipped as it goes out', async () => {
    // Prepare: the job a dispatcher run made of the move before the withdraw; its message reaches the sender now.
    const event = (await admin('GET', `/admin/events/${ids[2]}`)).json;
    const job = {
      id: alertJobId(event.id, 2),
      kind: 'alert' as const,
      dueAt: '2016-11-19T15:00:00.000Z',
      storyId: STORY,
      eventId: event.id,
      alert: {
        kind: 'moved' as const,
        previous: { date: '2016-12-22', timeZone: 'Asia/Tokyo', place: 'Vienna' },
        version: 2,
      },
      status: 'queued' as const,
      createdAt: '2016-11-19T15:00:00.000Z',
    };
    await stack.deps.jobStore.createOnce(job);
    // Act
    await stack.queue.sendAll([{ jobId: job.id, recipients: [followerId] }]);
    await stack.queue.drain();
    // Assess
    expect(about(await mails(FOLLOWER), TITLES[2]!)).toEqual([]);
    const [record] = await stack.deps.ledger.recentFor(followerId, 1);
    expect(record).toMatchObject({
      jobId: job.id,
      status: 'SKIPPED',
      reason: 'story withdrawn: only its cancellations go out',
    });
  });

  it('meanwhile: the one cancellation made, no mail about the events left (move, reminder, digest)', async () => {
    // Act: a run now, then one over the weeks up to the day before the second event (its reminder, daily digests).
    await stack.dispatch(new Date('2016-11-20T00:05:00+09:00'));
    await stack.dispatch(new Date('2016-12-19T12:00:00Z'));
    // Assess
    const follower = await mails(FOLLOWER);
    expect(about(follower, TITLES[0]!).map((m) => m.subject)).toEqual([`Cancelled: ${TITLES[0]}`]);
    expect(about(follower, TITLES[1]!)).toEqual([]);
    expect(about(follower, TITLES[2]!)).toEqual([]);
    const everything = await mails(EVERYTHING);
    expect(about(everything, 'Year-end talks in Tokyo').map((m) => m.subject)).toEqual([
      'Daily digest: 1 upcoming event',
    ]);
    for (const title of TITLES.slice(1)) expect(about(everything, title)).toEqual([]);
  });

  it('the story page and its calendar show the events left as called off with the story', async () => {
    const page = await (await fetch(`${stack.apiUrl}/stories/${STORY}`)).text();
    for (const id of ids.slice(1)) {
      const start = page.indexOf(`<li id="event-${id}"`);
      const item = page.slice(start, page.indexOf('</li>', start));
      expect(item).not.toContain('(Scheduled)');
      expect(item).toContain('Called off with the story');
    }
    const ics = await (await fetch(`${stack.apiUrl}/stories/${STORY}/events.ics`)).text();
    expect(ics).not.toContain('STATUS:CONFIRMED');
    expect(ics.match(/STATUS:CANCELLED/g)).toHaveLength(3);
  });

  it('an event of the withdrawn story cannot be moved in the meantime (so no alert about it can go out)', async () => {
    const res = await admin('PATCH', `/admin/events/${ids[1]}`, {
      headers: { 'if-match': '"1"' },
      body: { date: '2016-12-21', changeSource: SOURCE },
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/withdrawn/);
  });

  it('the same request again finishes it: each follower gets one cancellation per event, none twice', async () => {
    // Act: the editor's retry, as it was first sent (the version read before the withdraw).
    const retry = await admin('PATCH', `/admin/stories/${STORY}`, {
      headers: { 'if-match': before },
      body: { status: 'cancelled', changeSource: SOURCE },
    });
    // Assess
    expect(retry.status, retry.text).toBe(200);
    expect(retry.json.withdrawal.eventsLeft).toEqual([]);
    for (const id of ids) expect((await admin('GET', `/admin/events/${id}`)).json.status).toBe('cancelled');
    // The story's own version did not move again: the resume changed its events only.
    expect(retry.headers.get('etag')).toBe(`"${Number(before.replace(/\D/g, '')) + 1}"`);
    await stack.dispatch(new Date('2016-12-19T12:30:00Z'));
    const follower = await mails(FOLLOWER);
    for (const title of TITLES) expect(about(follower, title).map((m) => m.subject)).toEqual([`Cancelled: ${title}`]);
    expect(follower.filter((m) => /^Moved/.test(m.subject))).toEqual([]);
    // Once more, finished: 200, nothing changes, nobody is mailed.
    const count = (await readSesStore(sesPort)).length;
    const third = await admin('PATCH', `/admin/stories/${STORY}`, {
      headers: { 'if-match': retry.headers.get('etag')! },
      body: { status: 'cancelled' },
    });
    expect(third.status, third.text).toBe(200);
    await stack.dispatch(new Date('2016-12-19T13:00:00Z'));
    expect((await readSesStore(sesPort)).length).toBe(count);
  });

  it('other changes to the withdrawn story are still refused', async () => {
    const etag = (await admin('GET', `/admin/stories/${STORY}`)).headers.get('etag')!;
    const res = await admin('PATCH', `/admin/stories/${STORY}`, {
      headers: { 'if-match': etag },
      body: { title: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/cancelled|withdrawn/);
  });
});
