import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { routes } from '#lambdas/routes.ts';
import { startHttpApi } from '#local/http-api.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { checkMail } from '../fuzz/harness.ts';
import { freePort } from '../support/dynalite.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

let stack: LocalStack;
let dataDir: string;
let sesPort: number;
let adminToken: string;
const logLines: string[] = [];
const consoleSpies: ReturnType<typeof vi.spyOn>[] = [];

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    consoleSpies.push(vi.spyOn(console, level).mockImplementation((...args: unknown[]) => { logLines.push(args.map(String).join(' ')); }));
  }
  dataDir = await mkdtemp(join(tmpdir(), 'datewatch-abuse-'));
  stack = await startTestStack({ dataDir, handlerLog: (line) => logLines.push(line), log: (line) => logLines.push(line) });
  sesPort = Number(new URL(stack.sesUrl).port);
  adminToken = await stack.adminToken();
});
afterAll(async () => {
  await stack?.close();
  for (const spy of consoleSpies) spy.mockRestore();
  await rm(dataDir, { recursive: true, force: true });
});

const inboxOf = async (to: string) => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));
const minutes = (n: number) => stack.clock.set(new Date(stack.clock.now().getTime() + n * 60_000));

/** The raw messages the stack handed to SES for `to` (the outbox keeps every header; the emulator's store does not). */
async function rawMessagesTo(to: string): Promise<string[]> {
  const dir = join(dataDir, 'outbox');
  const files = await readdir(dir).catch(() => [] as string[]);
  const raws = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  return raws.filter((raw) => new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw.split('\r\n\r\n')[0]!));
}

describe('abuse: no one can make Datewatch mailbomb a stranger', () => {
  it('a burst of subscribe requests for one address sends at most one confirmation per resend window, and at most three an hour', async () => {
    // Prepare
    const victim = 'victim@example.com';
    const burst = () => Promise.all(Array.from({ length: 15 }, () => api(stack, 'POST', '/subscriptions', { body: { email: victim } })));
    const perWindow: number[] = [];
    // Act: four bursts, eleven minutes apart (the resend delay is ten), all inside one hour.
    for (let window = 0; window < 4; window++) {
      const before = (await inboxOf(victim)).length;
      const answers = await burst();
      expect(answers.every((a) => a.status === 202 || a.status === 429)).toBe(true);
      expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(0); // the per-client limit bites too
      perWindow.push((await inboxOf(victim)).length - before);
      minutes(11);
    }
    // Assess
    expect(perWindow[0]).toBe(1);
    expect(perWindow.every((n) => n <= 1)).toBe(true);
    expect(perWindow.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3);
  });

  it('cuts off bodies over the limit with 413, at the gateway (64 KB) and in the handler (16 KB)', async () => {
    const huge = await api(stack, 'POST', '/subscriptions', { body: `{"email":"${'a'.repeat(70_000)}@example.com"}` });
    const large = await api(stack, 'POST', '/subscriptions', { body: `{"email":"${'a'.repeat(20_000)}@example.com"}` });
    expect(huge.status).toBe(413);
    expect(large.status).toBe(413);
    expect(large.json.error).toMatch(/at most/);
  });

  it('no route redirects to an address given in the request', async () => {
    const hostile = new URLSearchParams({ redirect: 'https://evil.example/', next: '//evil.example', returnTo: 'https://evil.example', url: 'javascript:alert(1)' });
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const path = route.path.replace('{id}', 'kishida-visits-russia').replace('{email}', 'victim@example.com');
      const res = await api(stack, 'GET', `${path}?${hostile}`, { token: route.admin ? adminToken : undefined, headers: { accept: 'text/html' } });
      expect(res.status, `${route.path}`).toBeLessThan(500);
      const location = res.headers.get('location');
      if (location) expect(location, route.path).toMatch(/^\/(?!\/)/);
      expect(res.status >= 300 && res.status < 400 ? location : 'no redirect').not.toMatch(/evil|javascript/);
    }
  });
});

describe('injection: data never becomes a mail header', () => {
  it('CR/LF in an address or a title is refused, and nothing is mailed', async () => {
    const before = (await readSesStore(sesPort)).length;
    const email = await api(stack, 'POST', '/subscriptions', { body: { email: 'a@example.com\r\nBcc: victim@evil.example' } });
    const form = await api(stack, 'POST', '/subscriptions', { body: 'email=a%40example.com%0d%0aBcc%3a+victim%40evil.example', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } });
    const title = await api(stack, 'POST', '/admin/events', {
      token: adminToken,
      body: { title: 'Summit\r\nBcc: victim@evil.example', summary: 's', date: '2016-12-20', timeZone: 'Asia/Tokyo', place: 'Tokyo', source: { publisher: 'Kyodo', quote: 'q' } },
    });
    expect(email.status).toBe(400);
    expect(form.status).toBe(400);
    expect(title.status).toBe(400);
    expect(title.json.error).toMatch(/single line/);
    expect((await readSesStore(sesPort)).length).toBe(before);
  });

  it('hostile but legal titles and places reach the reminder and the confirmation escaped, with only our headers', async () => {
    // Prepare: an event whose every text field tries to smuggle a header or markup.
    const created = await api(stack, 'POST', '/admin/events', {
      token: adminToken,
      body: {
        title: 'Summit =?UTF-8?B?QmNjOiB4?= Bcc: victim@evil.example <script>alert("dw-xss")</script>\u2028X-Dw-Injected: 1',
        summary: 'Line one\r\nBcc: victim@evil.example\r\n\r\n<img src=x onerror=alert(1)>',
        date: '2016-11-28', timeZone: 'Asia/Tokyo', place: 'Tokyo\u0085X-Dw-Injected: 2',
        source: { publisher: 'Kyodo "><script>', quote: '\r\nTo: victim@evil.example' },
      },
    });
    expect(created.status).toBe(201);
    const reader = 'tokyo.reader@example.com';
    await addActiveReader(stack.deps.subscriberStore, reader, { timeZone: 'Asia/Tokyo', reminders: ['P1D'], events: [created.json.id] });
    // Act: the reminder the day before, and a confirmation mail (it lists the events).
    await stack.dispatch(new Date('2016-11-27T08:00:00+09:00'));
    await api(stack, 'POST', '/subscriptions', { body: { email: 'new.reader@example.com' } });
    // Assess
    const reminder = await rawMessagesTo(reader);
    const confirmation = await rawMessagesTo('new.reader@example.com');
    expect(reminder).toHaveLength(1);
    expect(confirmation).toHaveLength(1);
    for (const raw of [...reminder, ...confirmation]) {
      expect(checkMail({ to: reader, raw })).toEqual([]);
      expect(raw).toMatch(/Content-Type: text\/html/);
      const head = raw.split('\r\n\r\n')[0]!;
      expect(head).not.toMatch(/^(Bcc|Cc|X-Dw-Injected):/im);
    }
    const [stored] = await inboxOf(reader);
    expect(stored!.destination).toMatchObject({ to: [reader], cc: [], bcc: [] });
    expect(stored!.body.html).not.toContain('<script>alert("dw-xss")');
    expect(stored!.body.html).not.toContain('<img src=x');
  });
});

describe('slow clients are cut off', () => {
  async function dribble(port: number, first: string, next: string, everyMs: number, giveUpMs: number): Promise<{ closedAfterMs: number; answer: string }> {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let answer = '';
    socket.on('data', (d) => { answer += d.toString(); });
    socket.write(first);
    const timer = setInterval(() => { if (!socket.destroyed) socket.write(next); }, everyMs);
    return new Promise((resolve) => {
      const done = () => { clearInterval(timer); resolve({ closedAfterMs: Date.now() - started, answer }); };
      socket.on('close', done);
      socket.on('error', () => {});
      setTimeout(() => { socket.destroy(); }, giveUpMs);
    });
  }

  it('drops a client that dribbles its headers past the headers timeout, and one that dribbles its body past the request timeout', async () => {
    // Prepare: the local API server with short limits.
    const port = await freePort();
    const ok = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' });
    const server = await startHttpApi({
      port, routes: routes.map((r) => ({ method: r.method, path: r.path, jwt: r.admin, handler: ok })), authorize: async () => ({ ok: false, reason: 'no' }),
      timeouts: { headersMs: 300, requestMs: 600, checkIntervalMs: 50 },
    });
    try {
      // Act
      const headers = await dribble(port, 'GET /events HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n', 50, 5_000);
      const body = await dribble(port, 'POST /subscriptions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{', ' ', 50, 5_000);
      // Assess: cut off by the server, not by our give-up timer.
      expect(headers.closedAfterMs).toBeGreaterThanOrEqual(250);
      expect(headers.closedAfterMs).toBeLessThan(2_000);
      expect(headers.answer).toMatch(/^HTTP\/1\.1 408|^$/);
      expect(body.closedAfterMs).toBeGreaterThanOrEqual(550);
      expect(body.closedAfterMs).toBeLessThan(2_000);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('secrets and addresses stay out of the logs', () => {
  it('no log line carries a reader address, a link token, an admin token or a signing key', async () => {
    // Prepare: a full reader journey with logs captured since the stack started.
    const email = 'private.person@example.com';
    await api(stack, 'POST', '/subscriptions', { body: { email } });
    const [confirmation] = await inboxOf(email);
    const confirmUrl = /https?:\/\/[^\s"<>]+\/subscriptions\/confirm\?token=[^\s"<>]+/.exec(confirmation!.body.text ?? '')![0];
    const token = new URL(confirmUrl).searchParams.get('token')!;
    const path = new URL(confirmUrl);
    await api(stack, 'GET', `${path.pathname}${path.search}`);
    await api(stack, 'GET', `/admin/subscribers/${encodeURIComponent(email)}`, { token: adminToken });
    await api(stack, 'GET', '/admin/jobs', { token: 'forged.token.value' });
    await stack.dispatch(new Date('2016-12-02T08:00:00+09:00'));
    const keys = stack.cloud.tokenKeys();
    const auth = JSON.parse(await readFile(join(dataDir, 'auth-key.json'), 'utf8')) as { privateJwk: { d: string } };
    // Assess
    const secrets = [email, 'victim@example.com', 'tokyo.reader@example.com', 'new.reader@example.com', token, adminToken, keys.current, auth.privateJwk.d];
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) for (const secret of secrets) expect(line.includes(secret), `log line leaks a secret: ${line.slice(0, 200)}`).toBe(false);
  });
});
