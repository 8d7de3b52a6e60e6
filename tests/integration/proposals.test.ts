import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestStack } from '../support/local-stack.ts';
import type { LocalStack } from '#local/stack.ts';
import { MAX_STORY_CHARS } from '#core/proposals/limits.ts';

let stack: LocalStack;
let token: string;

const limaText = readFileSync(new URL('../fixtures/stories/seed/lima-kyodo-2016-11-19.txt', import.meta.url), 'utf8');
const lima = { text: limaText, publishedOn: '2016-11-19', publisher: 'Kyodo News', dateline: 'Lima' };

beforeAll(async () => {
  stack = await startTestStack();
  token = await stack.adminToken();
});
afterAll(async () => { await stack?.close(); });

describe('POST /admin/stories/proposals on the local stack', () => {
  it('answers the proposed story and its events, in the shapes the editor accepts, and stores nothing', async () => {
    // Prepare
    const before = await api(stack, 'GET', '/admin/events', { token });

    // Act
    const res = await api(stack, 'POST', '/admin/stories/proposals', { token, body: lima });

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(res.json)).toEqual(['story', 'events', 'notices', 'warnings']);
    expect(res.json.story).toEqual({ title: expect.any(String), summary: expect.any(String), language: 'en' });
    expect(res.json.events).toHaveLength(4);
    expect(res.json.warnings).toEqual([]);
    const may = { from: '2016-05-01', to: '2016-05-31', label: 'May' };
    expect(res.json.notices).toEqual([expect.objectContaining({ kind: 'past', range: may })]);
    for (const e of res.json.events) {
      expect(Object.keys(e)).toEqual([
        'title', e.range ? 'range' : 'date', 'timeZone', 'zoneFrom', 'place', 'quote', 'quotes', 'confidence', 'provisional',
      ]);
      expect(limaText).toContain(e.quote);
      expect(e.quotes[0]).toBe(e.quote);
      expect(e.confidence).toBeGreaterThan(0);
      expect(e.confidence).toBeLessThanOrEqual(1);
    }
    type Event = { date?: string; range?: { label: string }; timeZone: string };
    expect(res.json.events.map((e: Event) => [e.date ?? e.range?.label, e.timeZone])).toEqual([
      ['next month', 'Asia/Tokyo'], ['2016-12-03', 'Europe/Moscow'],
      ['2016-12-15', 'Asia/Tokyo'], ['2016-12-16', 'Asia/Tokyo'],
    ]);
    const after = await api(stack, 'GET', '/admin/events', { token });
    expect(after.json).toEqual(before.json);
  });

  it('answers a provisional range for a date that names no day', async () => {
    const res = await api(stack, 'POST', '/admin/stories/proposals', {
      token,
      body: { text: 'China will host a meeting of trade ministers in Beijing in mid-November, the ministry said.', publishedOn: '2017-10-02', publisher: 'Xinhua' },
    });
    expect(res.status).toBe(200);
    const range = { from: '2017-11-11', to: '2017-11-20', label: 'mid-November' };
    expect(res.json.events).toEqual([expect.objectContaining({ range, timeZone: 'Asia/Shanghai', provisional: true })]);
  });

  it('reads Japanese and Russian stories, and answers a language it does not read with a warning', async () => {
    const body = (text: string) => ({ text, publishedOn: '2016-11-19', publisher: 'Test Wire' });
    const post = (text: string) => api(stack, 'POST', '/admin/stories/proposals', { token, body: body(text) });
    const ja = await post('プーチン大統領は12月15日に山口県を訪問する。');
    const ru = await post('МОСКВА, 19 ноября. /ТАСС/. Путин посетит Японию 15 декабря.');
    const fr = await post('Le président se rendra à Paris le 15 décembre pour un sommet.');
    expect([ja.status, ru.status, fr.status]).toEqual([200, 200, 200]);
    const dated = (place: string) => [expect.objectContaining({ date: '2016-12-15', timeZone: 'Asia/Tokyo', place })];
    expect(ja.json.events).toEqual(dated('山口県'));
    expect(ru.json.story).toMatchObject({ language: 'ru', dateline: { city: 'Москва', date: '2016-11-19' } });
    expect(ru.json.events).toEqual(dated('Японию'));
    expect(fr.json).toMatchObject({ story: { language: 'fr' }, events: [] });
    expect(fr.json.warnings).toEqual([expect.stringContaining('French')]);
  });

  it('refuses a bad body with 400 naming the field, and anyone without an admin token with 401', async () => {
    const bad = await api(stack, 'POST', '/admin/stories/proposals', { token, body: { text: 'x', publisher: 'AP', publishedOn: '19/11/2016' } });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual([expect.objectContaining({ field: 'publishedOn' })]);

    const anonymous = await api(stack, 'POST', '/admin/stories/proposals', { body: lima });
    expect(anonymous.status).toBe(401);
  });

  it('takes any text up to the schema\'s limit through the body cap, worst escaping included, and names the text when it is longer', async () => {
    // Prepare: the limit's worth of one date repeated, of characters JSON escapes in six bytes, and one character more.
    const dates = 'Dec. 3, '.repeat(MAX_STORY_CHARS / 8);
    const escaped = `${'\u0007'.repeat(MAX_STORY_CHARS - 1)}x`;
    const over = 'x'.repeat(MAX_STORY_CHARS + 1);
    const story = (text: string) => ({ token, body: { text, publishedOn: '2016-11-19', publisher: 'Kyodo News' } });

    // Act
    const repeated = await api(stack, 'POST', '/admin/stories/proposals', story(dates));
    const control = await api(stack, 'POST', '/admin/stories/proposals', story(escaped));
    const tooLong = await api(stack, 'POST', '/admin/stories/proposals', story(over));

    // Assess
    expect(dates).toHaveLength(MAX_STORY_CHARS);
    expect(repeated.status).toBe(200);
    expect(repeated.json.events).toEqual([expect.objectContaining({ date: '2016-12-03' })]);
    expect(Buffer.byteLength(JSON.stringify(story(escaped).body))).toBeGreaterThan(6 * (MAX_STORY_CHARS - 1));
    expect(control.status).toBe(200);
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.issues).toEqual([expect.objectContaining({ field: 'text', message: expect.stringContaining(`${MAX_STORY_CHARS} characters`) })]);
  });
});
