import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#lambdas/routes.ts';
import { MAX_RESPONSE_BYTES, startHttpApi } from '#local/http-api.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { freePort } from '../support/dynalite.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

/**
 * Issue 20, item 4, on the local stack: crafted input answers 4xx with a message saying what to fix, never a
 * 500 or nonsense, and no answer comes near Lambda's 6 MB (which the local stack now refuses as Lambda does).
 */
let stack: LocalStack;
let token: string;
let sesPort: number;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  stack = await startTestStack();
  token = await stack.adminToken();
  sesPort = Number(new URL(stack.sesUrl).port);
  await addActiveReader(stack.deps.subscriberStore, 'reader@example.com', { timeZone: 'UTC' });
});
afterAll(async () => { await stack?.close(); });

describe('bad input gets 4xx', () => {
  it('a crafted cursor on /admin/subscribers.csv is a 400 that says to start again, whatever it holds', async () => {
    const crafted = [
      b64({ a: 'UTC', s: 0, c: b64({ pk: 'x' }) }),
      b64({ a: 'UTC', s: 0, c: b64({ pk: 'SUB#1', sk: 'SUB', gsi1pk: 'ZONE#UTC#5', gsi1sk: '1' }) }),
      b64({ a: 'UTC', s: 0, c: b64({ pk: 1, sk: 'SUB', gsi1pk: 'ZONE#UTC#0', gsi1sk: '1' }) }),
      b64({ i: 3, c: b64({ pk: 'SUB#1', sk: 'SUB', gsi1pk: 'ZONE#UTC#0', gsi1sk: '1' }) }),
      b64({ i: 3, c: b64({ pk: 'SUB#1', sk: 'SUB', gsi2pk: 'SUBS#3', gsi2sk: '1', extra: 'x' }) }),
    ];
    for (const cursor of crafted) {
      const res = await api(stack, 'GET', `/admin/subscribers.csv?cursor=${cursor}`, { token });
      expect(res.status, res.text).toBe(400);
      expect(res.json.error).toMatch(/cursor is not one this (listing|export) gave/);
    }
    // A cursor the export gave still pages.
    const first = await api(stack, 'GET', '/admin/subscribers.csv?limit=1', { token });
    expect(first.status).toBe(200);
  });

  it('a preview instant outside the years 1970 to 2200 is a 400, not "In NaN days"', async () => {
    for (const at of ['0001-01-01T00:00Z', '9999-12-31T23:59:59Z', '1969-12-31T23:59:59Z']) {
      const res = await api(stack, 'GET', `/admin/previews/reminder?event=abe-putin-summit-yamaguchi&at=${encodeURIComponent(at)}`, { token });
      expect(res.status, res.text).toBe(400);
      expect(res.json.error).toContain('at must fall in the years 1970 to 2200');
    }
    const good = await api(stack, 'GET', '/admin/previews/reminder?event=abe-putin-summit-yamaguchi&at=2016-12-01T08:00:00Z', { token });
    expect(good.status).toBe(200);
  });

  it('a test send goes only to a plain address claim: a display name or a line break is a 403, and nothing is sent', async () => {
    const before = (await readSesStore(sesPort)).length;
    for (const email of ['Ed <victim@example.com>', 'ed@example.com\r\nBcc: victim@example.com', ' ed@example.com']) {
      const odd = await stack.adminToken({ subject: `odd-${email.length}`, email });
      const res = await api(stack, 'POST', '/admin/test-sends', { token: odd, body: { kind: 'confirmation' } });
      expect(res.status, res.text).toBe(403);
      expect(res.json.error).toContain('not a plain address');
    }
    expect((await readSesStore(sesPort)).length).toBe(before);
  });

  it('an import of 50,000 bad rows answers a report under 1 MB that says how many rows it left out, per reason', async () => {
    const csv = ['email', ...Array.from({ length: 50_000 }, (_, i) => `not-an-address-${i}`)].join('\n');
    const res = await api(stack, 'POST', '/admin/subscribers/import?dryRun=true', { token, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect(Buffer.byteLength(res.text)).toBeLessThan(1_000_000);
    expect(res.json.counts).toMatchObject({ rows: 50_000, invalid: 50_000 });
    expect(res.json.rows.length).toBe(res.json.listedPerReason);
    expect(res.json.omitted).toEqual({ rows: 50_000 - res.json.listedPerReason, byReason: { 'invalid:bad-email': 50_000 - res.json.listedPerReason } });
  });
});

describe('the confirmation page says what it does', () => {
  it('says it confirms by itself where scripts run, and promises "nothing is sent" only where they do not', async () => {
    expect((await api(stack, 'POST', '/subscriptions', { body: { email: 'page-check@example.com' } })).status).toBe(202);
    await stack.cloud.drainQueues(10_000);
    const mail = (await readSesStore(sesPort)).find((m) => m.destination.to.includes('page-check@example.com'))!;
    const link = /http:\/\/127\.0\.0\.1:\d+\/subscriptions\/confirm\?token=[A-Za-z0-9._%-]+/.exec(mail.body.text!)![0];
    const page = await (await fetch(link, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('this page confirms by itself as soon as it is shown');
    expect(page).toMatch(/<script[^>]*>[^<]*getElementById\('confirm'\)/);
    const outsideNoscript = page.replace(/<noscript>[\s\S]*?<\/noscript>/g, '');
    expect(outsideNoscript).not.toMatch(/nothing is (confirmed or )?sent/i);
    expect(page).toMatch(/<noscript>[^<]*<p[^>]*>Scripts are off here: close this page and nothing is confirmed or sent/);
  });
});

/** A request with exactly these headers (fetch would not let a test choose Host). */
function raw(method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const url = new URL(path, stack.apiUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the local control routes answer only the local stack itself', () => {
  it('refuses another Host (DNS rebinding) and a cross-site Origin with 403 and a message; answers its own origin', async () => {
    const port = new URL(stack.apiUrl).port;
    const rebound = await raw('POST', '/_local/console-token', { host: `attacker.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error).toContain(`Host must be 127.0.0.1:${port} or localhost:${port}`);
    expect(rebound.body).not.toContain('token"');
    const noPort = await raw('GET', '/_local/iam', { host: 'localhost' });
    expect(noPort.status).toBe(403);
    const crossSite = await raw('POST', `/_local/dispatch?at=${encodeURIComponent('2030-01-01T00:00:00Z')}`, { host: `127.0.0.1:${port}`, origin: 'https://attacker.example' });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body).error).toContain('refuse requests from other sites');
    expect(stack.clock.now().getUTCFullYear()).toBeLessThan(2030);
    const fetchMetadata = await raw('POST', '/_local/ses?fault=none', { host: `127.0.0.1:${port}`, 'sec-fetch-site': 'cross-site' });
    expect(fetchMetadata.status).toBe(403);
    // The console at its own origin, and tools that send no Origin, still get through.
    const own = await raw('POST', '/_local/console-token', { host: `localhost:${port}`, origin: `http://localhost:${port}` });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body).token).toEqual(expect.any(String));
    expect((await raw('GET', '/_local/iam', { host: `127.0.0.1:${port}` })).status).toBe(200);
  });
});

describe('the local stack refuses what Lambda would', () => {
  it('answers 500 for a response over 6 MB, as API Gateway does when Lambda refuses it, and logs why', async () => {
    // Prepare: the local API server, one route answering just over the limit and one just under.
    const port = await freePort();
    const errors: string[] = [];
    const sized = (bytes: number) => async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(bytes) });
    const server = await startHttpApi({
      port, authorize: async () => ({ ok: false, reason: 'no' }), onError: (_key, err) => errors.push((err as Error).message),
      routes: routes.filter((r) => !r.admin).map((r) => ({
        method: r.method, path: r.path, jwt: false, handler: sized(r.path === '/events' ? MAX_RESPONSE_BYTES : MAX_RESPONSE_BYTES - 200),
      })),
    });
    try {
      // Act
      const over = await fetch(`http://127.0.0.1:${port}/events`);
      const under = await fetch(`http://127.0.0.1:${port}/stories`);
      // Assess
      expect(over.status).toBe(500);
      expect(await over.json()).toEqual({ message: 'Internal Server Error' });
      expect(errors).toEqual([expect.stringMatching(/response payload size \(\d+ bytes\) exceeded maximum allowed payload size/)]);
      expect(under.status).toBe(200);
      expect((await under.text()).length).toBe(MAX_RESPONSE_BYTES - 200);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
