/**
 * A reminder's text part links to its event on the story page (?lang, ?timeZone, #event-<id>). The link outlives
 * the mail: the event moves, is cancelled, its story is withdrawn. Each time the page says what the store holds,
 * and offers the calendar only an event still to come, at the time it now has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_STORY_ID } from '#core/model/story.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

const EVENT = 'kishida-visits-russia';
const SOURCE = { publisher: 'Kyodo News', quote: 'The schedule changed, officials said.' };
const SYDNEY = 'sydney-ru@example.com';

let stack: LocalStack;
let token: string;
let link = '';

/** The event's item on the page the link opens, and the page's status and language. */
async function follow(url: string, id = EVENT) {
  const res = await fetch(url);
  const html = await res.text();
  const start = html.indexOf(`<li id="event-${id}"`);
  const item = start === -1 ? '' : html.slice(start, html.indexOf('</li>', start));
  const google = /<p class="calendar">[^]*?href="([^"]+)"/.exec(item)?.[1];
  const dates = google ? new URL(google.replace(/&amp;/g, '&')).searchParams : undefined;
  return { status: res.status, language: res.headers.get('content-language'), html, item, dates };
}

async function version(path: string): Promise<string> {
  const res = await api(stack, 'GET', path, { token });
  return res.headers.get('etag')!;
}

beforeAll(async () => {
  stack = await startTestStack();
  token = await stack.adminToken();
  // Sydney keeps daylight saving time in December (UTC+11): the Moscow day is a span on its clock.
  await addActiveReader(stack.deps.subscriberStore, SYDNEY, {
    timeZone: 'Australia/Sydney', reminders: ['P1D'], digest: 'none', events: [EVENT], language: 'ru',
  });
  await stack.dispatch(new Date('2016-12-02T08:00:00+11:00'));
  const sesPort = Number(new URL(stack.sesUrl).port);
  const mail = (await readSesStore(sesPort)).find((m) => m.destination.to.includes(SYDNEY));
  link = /https?:\/\/\S+#event-\S+/.exec(mail?.body.text ?? '')?.[0] ?? '';
});
afterAll(async () => { await stack?.close(); });

describe('the event link of a reminder mailed earlier', () => {
  it('opens the event in the reader\'s language and zone, with calendar links for its day on their clock', async () => {
    const url = new URL(link);
    expect([url.pathname, url.searchParams.get('lang'), url.searchParams.get('timeZone'), url.hash])
      .toEqual([`/stories/${SEED_STORY_ID}`, 'ru', 'Australia/Sydney', `#event-${EVENT}`]);
    const page = await follow(link);
    expect([page.status, page.language]).toEqual([200, 'ru']);
    // 3 December in Moscow is 08:00 on the 3rd to 08:00 on the 4th in Sydney (AEDT).
    expect([page.dates?.get('dates'), page.dates?.get('ctz')])
      .toEqual(['20161202T210000Z/20161203T210000Z', 'Australia/Sydney']);
  });

  it('after the event moves, offers the new day, never the one the mail gave', async () => {
    const moved = await api(stack, 'PATCH', `/admin/events/${EVENT}`, {
      token, body: { date: '2016-12-05', changeSource: SOURCE },
      headers: { 'if-match': await version(`/admin/events/${EVENT}`) },
    });
    expect(moved.status).toBe(200);
    const page = await follow(link);
    expect(page.dates?.get('dates')).toBe('20161204T210000Z/20161205T210000Z');
    expect(page.item).not.toContain('20161202T210000Z');
  });

  it('after the event is cancelled, shows it cancelled and offers no calendar link', async () => {
    const cancelled = await api(stack, 'DELETE', `/admin/events/${EVENT}`, {
      token, body: { changeSource: SOURCE }, headers: { 'if-match': await version(`/admin/events/${EVENT}`) },
    });
    expect(cancelled.status).toBe(200);
    const page = await follow(link);
    expect(page.status).toBe(200);
    expect(page.item).toContain('class="cancelled"');
    expect(page.item).not.toContain('class="calendar"');
    expect(page.item).not.toContain('calendar.google.com');
  });

  it('after the story is withdrawn, says so, and no event of it is offered to a calendar', async () => {
    const withdrawn = await api(stack, 'PATCH', `/admin/stories/${SEED_STORY_ID}`, {
      token, body: { status: 'cancelled', changeSource: SOURCE },
      headers: { 'if-match': await version(`/admin/stories/${SEED_STORY_ID}`) },
    });
    expect(withdrawn.status).toBe(200);
    const page = await follow(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('class="notice error" role="status"');
    expect(page.html).not.toContain('class="calendar"');
  });

  it('with an event id the story no longer holds, still opens the story page', async () => {
    const gone = link.replace(/#event-.*$/, '#event-no-such-event');
    const page = await follow(gone, 'no-such-event');
    expect([page.status, page.language, page.item]).toEqual([200, 'ru', '']);
  });
});
