import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_EDITOR_EMAIL } from '#local/local-auth.ts';
import { clearSesStore, readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';

/** Previews and test sends through the local HTTP API, the admin function's IAM policy and the SES emulator. */
let stack: LocalStack;
let sesPort: number;
let token: string;

const EVENT = 'abe-putin-summit-yamaguchi';

beforeAll(async () => {
  stack = await startTestStack();
  sesPort = Number(new URL(stack.sesUrl).port);
  token = await stack.adminToken();
});
afterAll(async () => { await stack?.close(); });
beforeEach(async () => { await clearSesStore(sesPort); });

describe('GET /admin/previews/{kind}', () => {
  it('needs an admin token', async () => {
    const res = await api(stack, 'GET', `/admin/previews/reminder?event=${EVENT}`);
    expect(res.status).toBe(401);
  });

  it('answers {subject, html, text} as the sender builds them, links replaced by preview links', async () => {
    // Act
    const res = await api(stack, 'GET', `/admin/previews/reminder?event=${EVENT}&timeZone=Asia/Tokyo&lead=P7D`, { token });
    // Assess
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(['html', 'subject', 'text']);
    expect(res.json.subject).toMatch(/^In 7 days: /);
    expect(res.json.text).toMatch(/Unsubscribe: http:\/\/\S+\/unsubscribe\?token=preview/);
    expect(res.json.html).toMatch(/^<!doctype html>/i);
  });

  it('shows the alert followers would get before the editor saves a move', async () => {
    const res = await api(stack, 'GET', `/admin/previews/moved?event=${EVENT}&date=2016-12-16&place=Tokyo`, { token });
    expect(res.status, res.text).toBe(200);
    expect(res.json.subject).toMatch(/^Moved: /);
    expect(res.json.text).toMatch(/Now:[\s\S]*16 December 2016[\s\S]*Where: Tokyo[\s\S]*Before:[\s\S]*15 December 2016/);
  });

  it('renders in the reader language asked for, with the editors\' translations, as the sender would', async () => {
    // Act
    const reminder = `/admin/previews/reminder?event=${EVENT}&timeZone=Asia/Tokyo&lead=P7D`;
    const ja = await api(stack, 'GET', `${reminder}&language=ja`, { token });
    const ru = await api(stack, 'GET', `/admin/previews/cancelled?event=${EVENT}&timeZone=Europe/Moscow&language=ru`
      + '&sourcePublisher=TASS&sourceQuote=The%20summit%20is%20off.', { token });
    const en = await api(stack, 'GET', reminder, { token });
    // Assess: the seed's Japanese title and place, Japanese words and dates; Russian likewise; English unchanged
    expect(ja.status, ja.text).toBe(200);
    expect(ja.json.subject).toMatch(/^【7日後】/);
    expect(ja.json.subject).toContain('山口県で日露首脳会談');
    expect(ja.json.html).toMatch(/<html[^>]* lang="ja"/);
    expect(ja.json.text).toContain('山口県長門市');
    expect(ja.json.text).toContain('2016年12月15日');
    expect(ru.status, ru.text).toBe(200);
    expect(ru.json.html).toMatch(/<html[^>]* lang="ru"/);
    expect(ru.json.text).toMatch(/декабря/);
    expect(en.json.subject).toMatch(/^In 7 days: /);
    const bad = await api(stack, 'GET', `/admin/previews/reminder?event=${EVENT}&language=fr`, { token });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('language must be one of en, ja, ru');
  });

  it('names a bad parameter (400), an unknown kind and an unknown event (404)', async () => {
    const bad = await api(stack, 'GET', `/admin/previews/reminder?event=${EVENT}&lead=P2D`, { token });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('lead must be one of');
    const kind = await api(stack, 'GET', '/admin/previews/newsletter', { token });
    expect(kind.status).toBe(404);
    expect(kind.json.error).toContain('unknown preview kind "newsletter"');
    const event = await api(stack, 'GET', '/admin/previews/cancelled?event=no-such-event', { token });
    expect(event.status).toBe(404);
  });
});

describe('POST /admin/test-sends', () => {
  it('needs an admin token', async () => {
    const res = await api(stack, 'POST', '/admin/test-sends', { body: { kind: 'digest' } });
    expect(res.status).toBe(401);
  });

  it("sends the preview through SES to the token's own address only, marked as a test", async () => {
    // Act
    const res = await api(stack, 'POST', '/admin/test-sends', { token, body: { kind: 'moved', event: EVENT, date: '2016-12-16' } });
    // Assess
    expect(res.status, res.text).toBe(202);
    expect(res.json).toEqual({ sent: true, to: 'e•••@datewatch.local', messageId: expect.any(String) });
    const mail = await readSesStore(sesPort);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.destination).toEqual({ to: [LOCAL_EDITOR_EMAIL], cc: [], bcc: [] });
    expect(mail[0]!.subject).toMatch(/^\[Test\] Moved: /);
    expect(mail[0]!.body.text).toMatch(/^This is a test send of a moved alert .*readers have not received it/);
  });

  it('a reminder test send mentions no invite it lacks, and its banner states the moment its "Tomorrow" is true at', async () => {
    // Act: the summit (all day on 15 December in Japan) as a Tokyo reader's 1-day reminder would read.
    const res = await api(stack, 'POST', '/admin/test-sends', { token, body: { kind: 'reminder', event: EVENT, timeZone: 'Asia/Tokyo', lead: 'P1D' } });

    // Assess
    expect(res.status, res.text).toBe(202);
    const [mail] = await readSesStore(sesPort);
    expect(mail!.subject).toBe('[Test] Tomorrow: Abe-Putin summit in Yamaguchi');
    expect(mail!.body.text).toMatch(/^This is a test send of a reminder .* It reads as it would on Wednesday 14 December 2016, 08:00, Japan time\. It carries no calendar invitation/);
    expect(mail!.body.html).toContain('It reads as it would on Wednesday 14 December 2016, 08:00, Japan time.');
    for (const part of [mail!.body.text, mail!.body.html]) expect(part).not.toMatch(/attached|invite\.ics/i);
    expect(mail!.attachments ?? []).toEqual([]);
  });

  it('refuses a body that tries to set the recipient, and sends nothing', async () => {
    for (const field of ['to', 'email']) {
      const res = await api(stack, 'POST', '/admin/test-sends', { token, body: { kind: 'digest', [field]: 'victim@example.com' } });
      expect(res.status).toBe(400);
      expect(res.json.error).toContain(`unknown field "${field}"`);
    }
    expect(await readSesStore(sesPort)).toEqual([]);
  });

  it('is 403 for an editor whose token carries no verified address', async () => {
    const unverified = await stack.adminToken({ subject: 'unverified-editor', emailVerified: false });
    const noEmail = await stack.adminToken({ subject: 'no-email-editor', email: null });
    for (const t of [unverified, noEmail]) {
      const res = await api(stack, 'POST', '/admin/test-sends', { token: t, body: { kind: 'digest' } });
      expect(res.status).toBe(403);
      expect(res.json.error).toContain('no verified email');
    }
    expect(await readSesStore(sesPort)).toEqual([]);
  });

  it('allows ten test sends an hour per editor: the 11th is 429 with Retry-After', async () => {
    const busy = await stack.adminToken({ subject: 'busy-editor', email: 'busy@datewatch.local' });
    for (let i = 0; i < 10; i++) {
      const res = await api(stack, 'POST', '/admin/test-sends', { token: busy, body: { kind: 'confirmation' } });
      expect(res.status, res.text).toBe(202);
    }
    const eleventh = await api(stack, 'POST', '/admin/test-sends', { token: busy, body: { kind: 'confirmation' } });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await readSesStore(sesPort)).filter((m) => m.destination.to.includes('busy@datewatch.local'))).toHaveLength(10);
    // Another editor has an hour of their own.
    expect((await api(stack, 'POST', '/admin/test-sends', { token, body: { kind: 'confirmation' } })).status).toBe(202);
  });
});
