import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';
import { clearSesStore, readSesStore, type StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';

/**
 * Issue 15, item 5, as a new user would check it on the local stack: an editor adds an event whose date is not
 * known yet ("the week before Christmas"), readers get no reminder for it, the editor confirms its date, and
 * readers get a "Date confirmed" mail followed by the normal reminder at their lead time.
 * The dispatcher's clock only moves forward, so the tests run in order.
 */
let stack: LocalStack;
let sesPort: number;
let token: string;
let eventId: string;

const TITLE = 'Japan-Russia economic forum';
const STORY_ID = 'abe-putin-lima-2016';
const mailsAbout = async (to: string): Promise<StoredEmail[]> =>
  (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to) && (m.subject.includes(TITLE) || m.body.text?.includes(TITLE)));
const at = (iso: string) => stack.dispatch(new Date(iso));

beforeAll(async () => {
  stack = await startTestStack();
  sesPort = Number(new URL(stack.sesUrl).port);
  token = await stack.adminToken();
  // One reader wants reminders the day before; one wants the weekly digest too. Both follow every story.
  await addActiveReader(stack.deps.subscriberStore, 'tokyo@example.com', { timeZone: 'Asia/Tokyo', reminders: ['P1D'], digest: 'none' });
  await addActiveReader(stack.deps.subscriberStore, 'digest@example.com', { timeZone: 'Asia/Tokyo', reminders: ['P1D'], digest: 'weekly' });
});
afterAll(async () => { await stack?.close(); });

describe('a provisional event on the local stack (in order)', () => {
  it('the editor creates it with a range instead of a date; it reads as "date to be confirmed"', async () => {
    // Act
    const created = await api(stack, 'POST', '/admin/events', {
      token,
      body: {
        storyId: STORY_ID, title: TITLE, summary: 'Business leaders meet to follow up the summit.', timeZone: 'Asia/Tokyo', place: 'Tokyo, Japan',
        range: { from: '2016-12-19', to: '2016-12-23', label: 'the week before Christmas' },
        source: { publisher: 'Kyodo', quote: 'A forum is planned for the week before Christmas.' },
      },
    });

    // Assess
    expect(created.status, created.text).toBe(201);
    eventId = created.json.id;
    expect(created.json.date).toBeUndefined();
    const listed = (await api(stack, 'GET', '/events')).json.events.find((e: { id: string }) => e.id === eventId);
    expect(listed).toMatchObject({ provisional: true, range: { from: '2016-12-19', to: '2016-12-23', label: 'the week before Christmas' } });
    const page = await api(stack, 'GET', '/', { headers: { accept: 'text/html' } });
    expect(page.text).toContain('date to be confirmed (the week before Christmas)');
    // Left out of calendars until it is firm.
    expect((await api(stack, 'GET', '/events.ics')).text).not.toContain(`UID:${eventId}@datewatch`);
  });

  it('refuses two kinds of date at once, and a range that ends before it begins', async () => {
    const both = await api(stack, 'POST', '/admin/events', {
      token, body: { storyId: STORY_ID, title: 'x', summary: 'x', timeZone: 'Asia/Tokyo', place: 'x', date: '2016-12-20', range: { from: '2016-12-19', to: '2016-12-23' }, source: { publisher: 'p', quote: 'q' } },
    });
    expect(both.status).toBe(400);
    expect(both.json.error).toMatch(/exactly one of date \(all-day\), startTime \(timed\) or range/);
    const backwards = await api(stack, 'POST', '/admin/events', {
      token, body: { storyId: STORY_ID, title: 'x', summary: 'x', timeZone: 'Asia/Tokyo', place: 'x', range: { from: '2016-12-23', to: '2016-12-19' }, source: { publisher: 'p', quote: 'q' } },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.json.error).toMatch(/range\.to must be on or after range\.from/);
  });

  it('readers get no reminder for it while its date is to be confirmed; the digest lists it', async () => {
    // Act: the dispatcher runs from the story's date to Monday 19 December, 09:00 in Tokyo: had the event been on
    // any day of its range, a P1D reminder (from 18 December, 08:00) would have fallen due in this window.
    await at('2016-11-20T00:00:00+09:00');
    await at('2016-12-19T09:00:00+09:00');

    // Assess
    expect((await mailsAbout('tokyo@example.com')).map((m) => m.subject)).toEqual([]);
    const digests = (await mailsAbout('digest@example.com')).filter((m) => m.subject.startsWith('Weekly digest'));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.body.text).toContain('Dates to be confirmed:');
    expect(digests[0]!.body.text).toContain('Expected the week before Christmas');
    await clearSesStore(sesPort);
  });

  it('the editor confirms the date (with a source); readers get "Date confirmed" with an invitation', async () => {
    // Prepare
    const change = { date: '2016-12-22' };
    const unsourced = await api(stack, 'PATCH', `/admin/events/${eventId}`, { token, body: change, headers: { 'if-match': '"1"' } });
    expect(unsourced.status).toBe(400);
    expect(unsourced.json.error).toMatch(/changeSource is required when a provisional event is given its date/);

    // Act
    const firm = await api(stack, 'PATCH', `/admin/events/${eventId}`, {
      token, headers: { 'if-match': '"1"' },
      body: { ...change, changeSource: { publisher: 'NHK', quote: 'The forum will open on Dec. 22 in Tokyo.', url: 'https://nhk.example/forum' } },
    });
    await at('2016-12-19T09:05:00+09:00');

    // Assess
    expect(firm.status, firm.text).toBe(200);
    expect(firm.json).toMatchObject({ date: '2016-12-22', version: 2 });
    for (const reader of ['tokyo@example.com', 'digest@example.com']) {
      const mails = await mailsAbout(reader);
      expect(mails.map((m) => m.subject)).toEqual([`Date confirmed: ${TITLE} — Thursday 22 December 2016`]);
      expect(mails[0]!.body.text).toContain('date to be confirmed (the week before Christmas)');
      expect(mails[0]!.body.text).toContain('The forum will open on Dec. 22 in Tokyo.');
      const ics = mails[0]!.attachments?.find((a) => /calendar/.test(a.contentType));
      expect(ics, 'the invite').toBeDefined();
      // The emulator keeps attachments as sent, base64.
      const calendar = new ICAL.Component(ICAL.parse(Buffer.from(ics!.content, 'base64').toString('utf8')));
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(String(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('dtstart'))).toBe('2016-12-22');
    }
    expect((await api(stack, 'GET', '/events.ics')).text).toContain(`UID:${eventId}@datewatch`);
    await clearSesStore(sesPort);
  });

  it('then the normal reminder comes at the lead time', async () => {
    // Act: 22 December in Tokyo; P1D is 21 December, 08:00 Tokyo time.
    await at('2016-12-21T07:59:00+09:00');
    const early = await mailsAbout('tokyo@example.com');
    await at('2016-12-21T08:00:00+09:00');

    // Assess
    expect(early).toEqual([]);
    const mails = await mailsAbout('tokyo@example.com');
    expect(mails.map((m) => m.subject)).toEqual([`Tomorrow: ${TITLE}`]);
    expect(mails[0]!.body.text).toContain('Thursday 22 December 2016, all day (Japan time');
  });

  // The event store indexes what is upcoming by when each event is over, so a range that began long ago is still on.
  it('a provisional event whose range began more than two days ago is still listed while the range runs', async () => {
    const created = await api(stack, 'POST', '/admin/events', {
      token,
      body: {
        storyId: STORY_ID, title: 'Peace treaty working group', summary: 'Officials meet.', timeZone: 'Asia/Tokyo', place: 'Tokyo, Japan',
        range: { from: '2016-12-01', to: '2016-12-31', label: 'in December' }, source: { publisher: 'Kyodo', quote: 'Officials will meet in December.' },
      },
    });
    expect(created.status, created.text).toBe(201);
    const listed = (await api(stack, 'GET', '/events')).json.events.map((e: { id: string }) => e.id);
    expect(listed).toContain(created.json.id);
  });
});
