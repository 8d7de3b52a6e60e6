import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { api, startTestStack } from '../support/local-stack.ts';
import type { LocalStack } from '#local/stack.ts';

let stack: LocalStack;
let token: string;

beforeAll(async () => {
  stack = await startTestStack();
  token = await stack.adminToken();
});
afterAll(async () => { await stack?.close(); });

const LIMA = 'abe-putin-lima-2016';
const kyodo = { publisher: 'Kyodo News', quote: 'The talks were moved to Dec. 16, officials said.', url: 'https://english.kyodonews.net/' };
const newEvent = {
  storyId: LIMA, title: 'Putin visits Nagato hot spring', summary: 'Informal talks.', date: '2016-12-15', timeZone: 'Asia/Tokyo',
  place: 'Nagato, Yamaguchi', source: { publisher: 'Kyodo News', quote: 'a hot spring resort' },
};

describe('public events API over HTTP', () => {
  it('lists the story\'s three events in date order with their zones and ISO dates', async () => {
    const res = await api(stack, 'GET', '/events');
    expect(res.status).toBe(200);
    const events = res.json.events.filter((e: { id: string }) => ['kishida-visits-russia', 'abe-putin-summit-yamaguchi', 'abe-putin-economic-talks-tokyo'].includes(e.id));
    expect(events.map((e: any) => [e.date, e.timeZone])).toEqual([
      ['2016-12-03', 'Europe/Moscow'], ['2016-12-15', 'Asia/Tokyo'], ['2016-12-16', 'Asia/Tokyo'],
    ]);
    expect(events[0].startsAt).toBe('2016-12-02T21:00:00.000Z');
    expect(events[0].source.quote).toBe('Kishida will visit Russia on Dec. 3');
  });

  it('serves an iCalendar feed that a third-party parser reads', async () => {
    const res = await api(stack, 'GET', '/events.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const cal = new ICAL.Component(ICAL.parse(res.text));
    const vevents = cal.getAllSubcomponents('vevent');
    const byUid = new Map(vevents.map((v) => [v.getFirstPropertyValue('uid'), v]));
    const summit = byUid.get('abe-putin-summit-yamaguchi@datewatch')!;
    expect(summit.getFirstPropertyValue('dtstart')!.toString()).toBe('2016-12-15');
    expect(Number(summit.getFirstPropertyValue('sequence'))).toBeGreaterThanOrEqual(1);
    expect(res.text).toMatch(/REFRESH-INTERVAL;VALUE=DURATION:PT1H/);
  });
});

describe('admin API over HTTP', () => {
  it('rejects a missing, malformed, expired or wrongly signed token with 401, and a non-admin with 403', async () => {
    expect((await api(stack, 'GET', '/admin/events')).status).toBe(401);
    expect((await api(stack, 'GET', '/admin/events', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const expired = await stack.adminToken({ ttlSeconds: -10 });
    expect((await api(stack, 'GET', '/admin/events', { token: expired })).status).toBe(401);
    const [h, p] = token.split('.');
    expect((await api(stack, 'GET', '/admin/events', { token: `${h}.${p}.${'A'.repeat(342)}` })).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    expect((await api(stack, 'GET', '/admin/events', { token: unsigned })).status).toBe(401);
    const reader = await stack.adminToken({ groups: ['readers'] });
    const forbidden = await api(stack, 'GET', '/admin/events', { token: reader });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error).toMatch(/admins/);
  });

  it('creates, reads, patches with If-Match and cancels an event; a stale If-Match is 412 and changes nothing', async () => {
    const created = await api(stack, 'POST', '/admin/events', { token, body: newEvent });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...newEvent, status: 'scheduled', version: 1 });
    const id = created.json.id;

    const unsourced = await api(stack, 'PATCH', `/admin/events/${id}`, { token, body: { date: '2016-12-16' }, headers: { 'if-match': '"1"' } });
    expect(unsourced.status).toBe(400);
    expect(unsourced.json.error).toMatch(/changeSource is required/);
    const patched = await api(stack, 'PATCH', `/admin/events/${id}`, { token, body: { date: '2016-12-16', changeSource: kyodo }, headers: { 'if-match': '"1"' } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ date: '2016-12-16', version: 2 });
    expect(patched.json.history.map((h: { kind: string }) => h.kind)).toEqual(['created', 'moved']);
    expect(patched.json.history[1]).toMatchObject({ from: { date: '2016-12-15' }, to: { date: '2016-12-16' }, source: kyodo, version: 2 });

    const stale = await api(stack, 'PATCH', `/admin/events/${id}`, { token, body: { title: 'Overwritten' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.json.error).toMatch(/version 2/);
    const afterStale = await api(stack, 'GET', `/admin/events/${id}`, { token });
    expect(afterStale.json).toMatchObject({ title: newEvent.title, version: 2 });
    expect(afterStale.headers.get('etag')).toBe('"2"');

    const noIfMatch = await api(stack, 'PATCH', `/admin/events/${id}`, { token, body: { title: 'x' } });
    expect(noIfMatch.status).toBe(428);

    const unsourcedCancel = await api(stack, 'DELETE', `/admin/events/${id}`, { token });
    expect(unsourcedCancel.status).toBe(400);
    expect(unsourcedCancel.json.error).toMatch(/changeSource/);
    const cancelled = await api(stack, 'DELETE', `/admin/events/${id}`, { token, body: { changeSource: kyodo } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', version: 3 });
    const readable = await api(stack, 'GET', `/admin/events/${id}`, { token });
    expect(readable.json.status).toBe('cancelled');
    const ics = await api(stack, 'GET', '/events.ics');
    const vevent = new ICAL.Component(ICAL.parse(ics.text)).getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `${id}@datewatch`)!;
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('round-trips: what GET returns, less the server-owned fields, is a valid body for POST and PATCH', async () => {
    const got = await api(stack, 'GET', '/admin/events/kishida-visits-russia', { token });
    const { id, version, status, createdAt, updatedAt, history, ...body } = got.json;
    expect(history[0]).toMatchObject({ kind: 'created', version: 1 });
    expect([id, status]).toEqual(['kishida-visits-russia', 'scheduled']);
    expect(typeof version === 'number' && typeof createdAt === 'string' && typeof updatedAt === 'string').toBe(true);
    expect((await api(stack, 'POST', '/admin/events', { token, body })).status).toBe(201);
    const patched = await api(stack, 'PATCH', '/admin/events/kishida-visits-russia', { token, body, headers: { 'if-match': `"${version}"` } });
    expect(patched.status).toBe(200);
  });

  it.each([
    ['broken JSON', '{"title": ', /not valid JSON/],
    ['an unknown time zone', { ...newEvent, timeZone: 'Mars/Olympus' }, /timeZone/],
    ['an impossible date', { ...newEvent, date: '2016-02-30' }, /date/],
    ['a missing title', { ...newEvent, title: undefined }, /title/],
    ['an empty title', { ...newEvent, title: '   ' }, /title/],
    ['an over-long place', { ...newEvent, place: 'x'.repeat(201) }, /place/],
    ['an unknown field', { ...newEvent, colour: 'red' }, /colour/],
    ['both date and startTime', { ...newEvent, startTime: '2016-12-15T10:00' }, /exactly one/],
    ['no story', { ...newEvent, storyId: undefined }, /storyId is required/],
    ['an unknown story', { ...newEvent, storyId: 'no-such-story' }, /no story with id "no-such-story"/],
    ['a CRLF in the title', { ...newEvent, title: 'A\r\nBcc: x@example.com' }, /title/],
  ])('answers 400 naming the field for %s, and writes nothing', async (_name, body, message) => {
    const before = (await api(stack, 'GET', '/admin/events', { token })).json.events.length;
    const res = await api(stack, 'POST', '/admin/events', { token, body });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(message);
    expect((await api(stack, 'GET', '/admin/events', { token })).json.events.length).toBe(before);
  });

  it('answers 404 for an unknown id and 415 for a non-JSON body', async () => {
    expect((await api(stack, 'GET', '/admin/events/no-such-event', { token })).status).toBe(404);
    const res = await api(stack, 'POST', '/admin/events', { token, body: 'title=x', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
  });
});
