import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_STORY_ID } from '#core/model/story.ts';
import type { LocalStack } from '#local/stack.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import { api, startTestStack } from '../support/local-stack.ts';

/** As `cdk deploy` synthesizes for eu-west-1: the reader edge (CloudFront, AWS WAF) is in the template. */
const WITH_EDGE = { region: 'eu-west-1', sendRatePerSecond: '1000', maxSendRate: '100000' };

describe('where the split, the edge, the desk and the languages meet (through the template\'s edge)', () => {
  let stack: LocalStack;
  const logs: string[] = [];
  beforeAll(async () => { stack = await startTestStack({ context: WITH_EDGE, log: (l) => logs.push(l) }); });
  afterAll(async () => { await stack?.close(); });

  it('the subscribe page follows the browser\'s Accept-Language through the edge, as it does without one', async () => {
    const res = await api(stack, 'GET', '/', { headers: { accept: 'text/html', 'accept-language': 'ja-JP,ja;q=0.9' } });
    expect(logs.join('\n')).toMatch(/requests pass through the edge/);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('ja');
    expect(res.text).toContain('<html lang="ja">');
  });

  it('?lang=ja reaches the readers\' pages through the edge', async () => {
    const res = await api(stack, 'GET', '/?lang=ja', { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-language')).toBe('ja');
  });

  it('/console/ redirects to /console through the edge; GET /admin/places and /admin/clock answer', async () => {
    const token = await stack.adminToken();
    const slash = await api(stack, 'GET', '/console/');
    expect(slash.status).toBeGreaterThanOrEqual(300);
    expect(slash.status).toBeLessThan(400);
    expect(slash.headers.get('location')).toMatch(/\/console$/);
    const places = await api(stack, 'GET', '/admin/places?q=Tokyo', { token });
    expect(places.status, places.text).toBe(200);
    const clock = await api(stack, 'GET', '/admin/clock', { token });
    expect(clock.status, clock.text).toBe(200);
  });

  it('a reader who changes language on the preferences page moves between the language counters', async () => {
    const token = await stack.adminToken();
    const languages = async () => {
      const res = await api(stack, 'GET', '/admin/audience', { token });
      expect(res.status, res.text).toBe(200);
      return Object.fromEntries((res.json.languages as { language: string; readers: number }[])
        .map((l) => [l.language, l.readers]));
    };
    const before = await languages();
    const email = 'mover@example.com';
    const sub = await api(stack, 'POST', '/subscriptions', {
      body: { email, timeZone: 'Asia/Tokyo', reminders: ['P1D'], digest: 'none', language: 'ja' },
    });
    expect(sub.status, sub.text).toBe(202);
    await stack.cloud.drainQueues(10_000);
    const sesPort = Number(new URL(stack.sesUrl).port);
    const text = (await readSesStore(sesPort)).find((m) => m.destination.to.includes(email))!.body.text ?? '';
    const link = /https?:\/\/\S+\/subscriptions\/confirm\?token=\S+/.exec(text)![0];
    const confirmed = await api(stack, 'POST', '/subscriptions/confirm', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ token: new URL(link).searchParams.get('token')! }).toString(),
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    const afterConfirm = await languages();
    expect(afterConfirm.ja ?? 0).toBe((before.ja ?? 0) + 1);
    const prefsPath = /\/preferences\?token=[^"'\s<]+/.exec(confirmed.text)![0].replaceAll('&amp;', '&');
    const changed = await api(stack, 'POST', prefsPath, { body: { language: 'ru' } });
    expect(changed.status, changed.text).toBe(200);
    const afterChange = await languages();
    expect(afterChange.ja ?? 0).toBe(before.ja ?? 0);
    expect(afterChange.ru ?? 0).toBe((before.ru ?? 0) + 1);
  });
});

describe('an event\'s translated place when the editor moves the event (i18n meets the desk and alerts)', () => {
  let stack: LocalStack;
  beforeAll(async () => { stack = await startTestStack(); });
  afterAll(async () => { await stack?.close(); });

  it('a Japanese reader\'s moved alert names the new place, not the translation of the old one', async () => {
    const token = await stack.adminToken();
    const sesPort = Number(new URL(stack.sesUrl).port);
    const created = await api(stack, 'POST', '/admin/events', {
      token,
      body: {
        storyId: SEED_STORY_ID, title: 'Foreign ministers meet', summary: 'The ministers meet.',
        date: '2016-12-20', timeZone: 'Asia/Tokyo', place: 'Tokyo',
        source: { publisher: 'Kyodo News', quote: 'the ministers meet in Tokyo on Dec. 20' },
        translations: { ja: { title: '外相会談', place: '東京' } },
      },
    });
    expect(created.status, created.text).toBe(201);
    const email = 'tokyo-reader@example.com';
    const sub = await api(stack, 'POST', '/subscriptions', {
      body: { email, timeZone: 'Asia/Tokyo', reminders: ['P1D'], digest: 'none', language: 'ja' },
    });
    expect(sub.status, sub.text).toBe(202);
    await stack.cloud.drainQueues(10_000);
    const text = (await readSesStore(sesPort)).find((m) => m.destination.to.includes(email))!.body.text ?? '';
    const link = /https?:\/\/\S+\/subscriptions\/confirm\?token=\S+/.exec(text)![0];
    const confirmed = await api(stack, 'POST', '/subscriptions/confirm', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: new URL(link).searchParams.get('token')! }).toString(),
    });
    expect(confirmed.status).toBe(200);
    const moved = await api(stack, 'PATCH', `/admin/events/${created.json.id}`, {
      token, headers: { 'if-match': created.headers.get('etag')! },
      body: { place: 'Nagato', changeSource: { publisher: 'Kyodo News', quote: 'The meeting moves to Nagato.' } },
    });
    expect(moved.status, moved.text).toBe(200);
    await stack.dispatch(stack.clock.now());
    await stack.cloud.drainQueues(10_000);
    const mails = (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(email));
    const alert = mails.at(-1)!;
    expect(mails.length).toBe(2);
    // The store holds Nagato; the alert must not tell the reader the meeting is now in Tokyo (東京).
    const after = alert.body.text!.split('変更前')[0]!;
    expect(after).toContain('場所: Nagato');
    expect(after).not.toContain('東京');
    const stored = await api(stack, 'GET', `/admin/events/${created.json.id}`, { token });
    expect(stored.json.translations).toEqual({ ja: { title: '外相会談' } });
  });

  it('a story page linked from a Japanese reader\'s update is in Japanese, whatever the browser asks', async () => {
    const token = await stack.adminToken();
    const sesPort = Number(new URL(stack.sesUrl).port);
    const email = 'tokyo-reader@example.com';
    const posted = await api(stack, 'POST', `/admin/stories/${SEED_STORY_ID}/updates`, {
      token, headers: { 'idempotency-key': 'review-update' },
      body: { subject: 'Summit week', body: 'Both sides confirm the schedule.' },
    });
    expect(posted.status, posted.text).toBe(201);
    await stack.dispatch(new Date(stack.clock.now().getTime() + 60_000));
    await stack.cloud.drainQueues(10_000);
    const update = (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(email))
      .find((m) => m.subject.includes('Summit week'))!;
    const pageUrl = new RegExp(`https?://\\S+/stories/${SEED_STORY_ID}\\S*`).exec(update.body.text!)![0];
    const page = await fetch(pageUrl, { headers: { accept: 'text/html', 'accept-language': 'en-US,en;q=0.9' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-language')).toBe('ja');
  });

  it('a reader who chose Japanese on the stories page stays in Japanese by its links (story, follow)', async () => {
    const en = { accept: 'text/html', 'accept-language': 'en-US,en;q=0.9' };
    const get = (path: string) => fetch(new URL(path, stack.apiUrl), { headers: en });
    const stories = await (await get('/stories?lang=ja')).text();
    const storyHref = new RegExp(`href="([^"]*/stories/${SEED_STORY_ID})(\\?[^"]*)?"`).exec(stories)!;
    const story = await get(`${storyHref[1]}${storyHref[2] ?? ''}`.replaceAll('&amp;', '&'));
    expect(story.headers.get('content-language')).toBe('ja');
    const html = await story.text();
    const follow = /<a href="(\/\?story=[^"]*)"/.exec(html)![1]!.replaceAll('&amp;', '&');
    const subscribe = await get(follow);
    expect(subscribe.headers.get('content-language')).toBe('ja');
  });
});
