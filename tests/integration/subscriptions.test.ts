import { createHash } from 'node:crypto';
import { makeTableStores } from '#adapters/dynamodb/table-stores.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { makeSesMailer } from '#adapters/ses/mailer.ts';
import { makeTestDependencies } from '../support/wiring.ts';
import { makeCatalog } from '#core/catalog.ts';
import { makeEventsService } from '#core/events-service.ts';
import { CONFIRM_SCRIPT, TIME_ZONE_SCRIPT } from '#core/pages/subscription-pages.ts';
import { storeSeed } from '#core/seed.ts';
import { makeStoriesService } from '#core/stories-service.ts';
import { limaSeed } from '#core/model/story.ts';
import { shardOf } from '#core/subscriber-id.ts';
import { makeAdminApi } from '#handlers/admin-api.ts';
import type { HttpEvent, HttpHandler, HttpResult } from '#handlers/http/types.ts';
import { makePreferencesApi } from '#handlers/preferences.ts';
import { makePublicApi } from '#handlers/public-api.ts';
import { makeSubscribeApi } from '#handlers/subscribe.ts';
import { makePublicPages } from '#handlers/public-pages.ts';
import { routedByFunction } from '../support/http-functions.ts';
import { clearSesStore, readSesStore, type StoredEmail } from '#local/ses-emulator.ts';
import type { TestTable } from '../support/dynalite.ts';
import { startTableAndSes, type TableAndSes } from '../support/table-and-ses.ts';

const BASE_URL = 'https://news.example.com';
const clock = { at: new Date('2016-11-20T09:00:00Z'), now() { return this.at; }, advance(ms: number) { this.at = new Date(this.at.getTime() + ms); } };

let services: TableAndSes;
let table: TestTable;
let sesPort: number;
let deps: ReturnType<typeof makeTestDependencies>;
let publicApi: HttpHandler;
let adminApi: ReturnType<typeof makeAdminApi>;
let ipCounter = 0;

beforeAll(async () => {
  services = await startTableAndSes();
  ({ table, sesPort } = services);
  const { events: eventStore, stories: storyStore, catalog: listing } = makeTableStores(table.doc, table.tableName);
  const events = makeEventsService({ events: eventStore, stories: storyStore, clock, newId: (p) => p });
  deps = makeTestDependencies({
    doc: table.doc, tableName: table.tableName, clock, newId: (p) => p,
    mailer: makeSesMailer(services.sesClient),
    tokenKeys: { current: 'integration-signing-key-0123456789' }, publicBaseUrl: BASE_URL, sender: 'Datewatch <alerts@datewatch.example>',
  });
  const catalog = makeCatalog({ stories: storyStore, events, listing, clock });
  // The readers' routes: their pages (GET /) and their actions, each by the function routes.ts names.
  publicApi = routedByFunction({
    publicPages: makePublicPages({ catalog, publicBaseUrl: BASE_URL, clock }),
    subscribe: makeSubscribeApi({ subscriptions: deps.subscriptions }),
    publicApi: makePublicApi({ subscriptions: deps.subscriptions, links: deps.links }),
    preferences: makePreferencesApi({ catalog, subscriptions: deps.subscriptions, links: deps.links }),
  });
  adminApi = makeAdminApi({
    events, stories: makeStoriesService({ stories: storyStore, events, clock, newId: (p) => p }),
    subscribers: deps.subscribers,
  });
  await storeSeed({ events: eventStore, stories: storyStore, clock }, limaSeed());
});
afterAll(async () => { await services?.close(); });
beforeEach(async () => {
  await clearSesStore(sesPort);
  clock.advance(3_600_000); // a fresh rate-limit window per test
});

interface Req { query?: Record<string, string>; body?: string; contentType?: string; accept?: string; ip?: string; pathParameters?: Record<string, string>; admin?: boolean }

function request(routeKey: string, r: Req = {}): HttpEvent {
  const [method, path] = routeKey.split(' ') as [string, string];
  const headers: Record<string, string> = { 'user-agent': 'Mozilla/5.0 (integration test)' };
  if (r.contentType) headers['content-type'] = r.contentType;
  if (r.accept) headers.accept = r.accept;
  return {
    version: '2.0', routeKey, rawPath: path, rawQueryString: new URLSearchParams(r.query ?? {}).toString(), headers,
    queryStringParameters: r.query, pathParameters: r.pathParameters, body: r.body, isBase64Encoded: false,
    requestContext: {
      accountId: 'local', apiId: 'local', domainName: 'localhost', domainPrefix: 'localhost', requestId: 'r', routeKey, stage: '$default', time: '', timeEpoch: 0,
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: r.ip ?? `192.0.2.${(ipCounter++ % 250) + 1}`, userAgent: 'Mozilla/5.0 (integration test)' },
      ...(r.admin ? { authorizer: { principalId: 'admin', integrationLatency: 0, jwt: { claims: { 'cognito:groups': '[admins]' }, scopes: [] } } } : {}),
    },
  } as unknown as HttpEvent;
}

const call = (routeKey: string, r: Req = {}): Promise<HttpResult> => publicApi(request(routeKey, r));
const subscribeJson = (body: unknown, r: Req = {}) => call('POST /subscriptions', { body: JSON.stringify(body), contentType: 'application/json', ...r });
const lookup = async (email: string) => {
  const res = await adminApi(request('GET /admin/subscribers/{email}', { pathParameters: { email }, admin: true }));
  return { status: res.statusCode, body: JSON.parse(res.body ?? '{}') };
};
const inbox = async (to: string): Promise<StoredEmail[]> => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));
const confirmLinkIn = (m: StoredEmail) => new URL(/https:\/\/news\.example\.com\/subscriptions\/confirm\?token=[A-Za-z0-9._%-]+/.exec(m.body.text ?? '')![0]);
const tokenOf = (url: string | URL) => new URL(url).searchParams.get('token')!;

/** Everything in the table, in a stable order: to prove that bad input wrote nothing. */
async function tableSnapshot(): Promise<string> {
  const out = await table.doc.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }));
  return JSON.stringify((out.Items ?? []).map((i) => JSON.stringify(i)).sort());
}

/** The reader's click on the confirmation page: the form's POST, its token in the body. */
const confirmByForm = (token: string, r: Req = {}) =>
  call('POST /subscriptions/confirm', { body: new URLSearchParams({ token }).toString(), contentType: 'application/x-www-form-urlencoded', accept: 'text/html', ...r });
const idOf = async (email: string) => (await deps.subscriberStore.findByAddress(email))!.id;

async function confirmedReader(email: string, prefs: Record<string, unknown> = {}) {
  await subscribeJson({ email, ...prefs });
  const mails = await inbox(email);
  const res = await confirmByForm(tokenOf(confirmLinkIn(mails.at(-1)!)));
  expect(res.statusCode).toBe(200);
  return idOf(email);
}

describe('the subscribe page', () => {
  it('shows the upcoming events, what a reader receives, and an accessible form that works without JavaScript', async () => {
    const res = await call('GET /');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const page = res.body!;
    expect(page).toContain('<html lang="en">');
    // One story followed: the page reads as its page.
    expect(page).toContain('<h1>Follow “Abe and Putin meet in Lima, agree to keep working toward a peace treaty”</h1>');
    expect(page).toContain('Foreign Minister Kishida visits Russia for talks with Lavrov');
    expect(page).toContain('Abe-Putin summit in Yamaguchi');
    expect(page).toMatch(/What you will receive/);
    expect(page).toContain('<form method="post" action="/subscriptions"');
    expect(page).toContain('<label for="email">Email address</label>');
    expect(page).toContain('<label for="timeZone">Your time zone</label>');
    // One story: no story choice, the page is that story's.
    expect(page.match(/<legend>[^<]*<\/legend>/g)).toEqual([
      '<legend>Reminders before each event</legend>', '<legend>Digest of what is coming up</legend>', '<legend>Updates</legend>', '<legend>Which events</legend>',
    ]);
    expect(page).toContain('<option value="UTC" selected>UTC</option>');
    expect(page).toContain('<option value="Asia/Tokyo">');
  });

  it('allows exactly its one inline script by hash, nothing else', async () => {
    const res = await call('GET /');
    const hash = createHash('sha256').update(TIME_ZONE_SCRIPT).digest('base64');
    expect(res.headers['content-security-policy']).toContain(`script-src 'sha256-${hash}'`);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline\'; script');
    expect(res.body!.match(/<script>/g)).toHaveLength(1);
  });
});

describe('double opt-in over HTTP', () => {
  it('a JSON subscribe is 202, the confirmation email links to a page that activates the reader', async () => {
    // Act
    const res = await subscribeJson({ email: 'Kyoko@Example.com', timeZone: 'Asia/Tokyo', reminders: ['P1D'], digest: 'daily' });
    // Assess
    expect(res.statusCode).toBe(202);
    expect(JSON.parse(res.body!)).toMatchObject({ status: 'accepted' });
    const mails = await inbox('Kyoko@example.com'); // the address as typed (its domain folded)
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Confirm your Datewatch subscription');
    expect((await lookup('kyoko@example.com')).body.status).toBe('pending');

    // Opening the link (as a scanner would) shows what it confirms, with the button, and changes nothing.
    const token = tokenOf(confirmLinkIn(mails[0]!));
    const shown = await call('GET /subscriptions/confirm', { query: { token } });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<form id="confirm" method="post" action="/subscriptions/confirm">');
    expect(shown.body).toContain(`<input type="hidden" name="token" value="${token}">`);
    expect(shown.body).toContain('K•••@example.com');
    expect(shown.headers['content-security-policy']).toContain(`'sha256-${createHash('sha256').update(CONFIRM_SCRIPT).digest('base64')}'`);
    expect((await lookup('kyoko@example.com')).body.status).toBe('pending');

    const page = await confirmByForm(token);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Subscription confirmed');
    const after = await lookup('kyoko@example.com');
    expect(after.body).toMatchObject({
      status: 'active', email: 'Kyoko@example.com',
      preferences: { timeZone: 'Asia/Tokyo', reminders: ['P1D'], digest: 'daily', events: 'all' },
      consent: { requestUserAgent: 'Mozilla/5.0 (integration test)', confirmUserAgent: 'Mozilla/5.0 (integration test)' },
      recentDeliveries: [],
    });
    expect(after.body.consent.requestIpHash).toMatch(/^[0-9a-f]{32}$/);
    expect(after.body.consent.confirmedAt).toBe(clock.now().toISOString());

    // The reader is now in its zone's fan-out index and the zone is registered.
    const id = await idOf('kyoko@example.com');
    const { readers } = await deps.subscriberStore.activeReaders('Asia/Tokyo', shardOf(id));
    expect(readers.map((r) => r.id)).toContain(id);
    expect(await deps.subscriberStore.zones()).toContain('Asia/Tokyo');
  });

  it('an HTML form post is 202 with a "check your inbox" page, and keeps the boxes the reader ticked', async () => {
    const form = new URLSearchParams([
      ['email', 'form@example.com'], ['timeZone', 'Europe/Moscow'], ['reminders', 'P14D'], ['reminders', 'P0D'],
      ['digest', 'none'], ['eventsScope', 'chosen'], ['events', 'kishida-visits-russia'], ['website', ''],
    ]).toString();
    const res = await call('POST /subscriptions', { body: form, contentType: 'application/x-www-form-urlencoded', accept: 'text/html' });
    expect(res.statusCode).toBe(202);
    expect(res.body).toContain('Check your inbox');
    expect((await lookup('form@example.com')).body.preferences).toEqual({ timeZone: 'Europe/Moscow', reminders: ['P14D', 'P0D'], digest: 'none', stories: 'all', events: ['kishida-visits-russia'] });
    expect(await inbox('form@example.com')).toHaveLength(1);
  });

  it('answers byte for byte the same for a new and for an already active address', async () => {
    await confirmedReader('known@example.com');
    await clearSesStore(sesPort);
    const known = await subscribeJson({ email: 'known@example.com' });
    const fresh = await subscribeJson({ email: 'stranger@example.com' });
    expect(known.statusCode).toBe(fresh.statusCode);
    expect(known.body).toBe(fresh.body);
    expect(known.headers).toEqual(fresh.headers);
    expect(await inbox('known@example.com')).toHaveLength(0);
  });

  it('a bot filling the honeypot gets the same 202 and nothing is written or sent', async () => {
    const before = await tableSnapshot();
    const res = await subscribeJson({ email: 'bot@example.com', website: 'https://spam.example' });
    expect(res.statusCode).toBe(202);
    expect(await tableSnapshot()).toBe(before);
    expect(await readSesStore(sesPort)).toHaveLength(0);
  });

  it('one network gets a 429 with Retry-After after 10 subscribe requests in a minute', async () => {
    const ip = '198.51.100.77';
    for (let i = 0; i < 10; i++) expect((await subscribeJson({ email: `burst${i}@example.com` }, { ip })).statusCode).toBe(202);
    const res = await subscribeJson({ email: 'burst10@example.com' }, { ip });
    expect(res.statusCode).toBe(429);
    expect(JSON.parse(res.body!).error).toMatch(/too many subscription requests from your network; try again in \d+ seconds/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await lookup('burst10@example.com')).status).toBe(404);
  });
});

describe('preferences', () => {
  it('the preferences link shows the current choices and the form saves new ones', async () => {
    const id = await confirmedReader('prefs@example.com', { timeZone: 'Asia/Tokyo' });
    const token = tokenOf(deps.links.preferencesUrl(id));

    const shown = await call('GET /preferences', { query: { token } });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<option value="Asia/Tokyo" selected>');
    expect(shown.body).toContain('p•••@example.com');

    const form = new URLSearchParams([['timeZone', 'America/New_York'], ['reminders', 'P3D'], ['digest', 'weekly'], ['eventsScope', 'all']]).toString();
    const saved = await call('POST /preferences', { query: { token }, body: form, contentType: 'application/x-www-form-urlencoded', accept: 'text/html' });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Saved.');
    expect((await lookup('prefs@example.com')).body.preferences).toEqual({ timeZone: 'America/New_York', reminders: ['P3D'], digest: 'weekly', stories: 'all', events: 'all' });

    // The reader moved zone: the fan-out index follows.
    expect((await deps.subscriberStore.activeReaders('Asia/Tokyo', shardOf(id))).readers.map((r) => r.id)).not.toContain(id);
    expect((await deps.subscriberStore.activeReaders('America/New_York', shardOf(id))).readers.map((r) => r.id)).toContain(id);
  });

  it('JSON clients change single fields', async () => {
    const id = await confirmedReader('prefs-json@example.com');
    const res = await call('POST /preferences', { body: JSON.stringify({ token: tokenOf(deps.links.preferencesUrl(id)), digest: 'none' }), contentType: 'application/json' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!).preferences).toMatchObject({ digest: 'none', reminders: ['P7D', 'P1D'] });
  });
});

describe('unsubscribe (RFC 8058)', () => {
  it('GET shows a button and leaves the reader subscribed; the one-click POST unsubscribes at once', async () => {
    const id = await confirmedReader('leaver@example.com');
    const url = new URL(deps.links.unsubscribeUrl(id));

    const shown = await call('GET /unsubscribe', { query: { token: tokenOf(url) } });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<button type="submit">Unsubscribe</button>');
    expect(shown.body).toContain('name="List-Unsubscribe" value="One-Click"');
    expect((await lookup('leaver@example.com')).body.status).toBe('active');

    const res = await call('POST /unsubscribe', { query: { token: tokenOf(url) }, body: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(200);
    expect((await lookup('leaver@example.com')).body.status).toBe('unsubscribed');
    expect((await deps.subscriberStore.activeReaders('UTC', shardOf(id))).readers.map((r) => r.id)).not.toContain(id);
  });

  it('accepts the one-click POST as multipart/form-data too', async () => {
    const id = await confirmedReader('multipart@example.com');
    const boundary = 'xYzZY';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const res = await call('POST /unsubscribe', { query: { token: tokenOf(deps.links.unsubscribeUrl(id)) }, body, contentType: `multipart/form-data; boundary=${boundary}` });
    expect(res.statusCode).toBe(200);
    expect((await lookup('multipart@example.com')).body.status).toBe('unsubscribed');
  });
});

describe('admin lookup and erasure', () => {
  it('an unknown address is a 404', async () => {
    expect((await lookup('nobody@example.com')).status).toBe(404);
  });

  it('erasure forgets the person: nothing of the address is left, and it may subscribe again; an old mailed link still stops mail', async () => {
    // Prepare
    const id = await confirmedReader('forget-me@example.com');
    const oldUnsubscribe = tokenOf(deps.links.unsubscribeUrl(id, 'forget-me@example.com'));
    await clearSesStore(sesPort);
    // Act
    const erased = await adminApi(request('DELETE /admin/subscribers/{email}', { pathParameters: { email: 'forget-me@example.com' }, admin: true }));
    // Assess
    expect(erased.statusCode).toBe(200);
    expect(JSON.parse(erased.body!)).toEqual({ erased: true, suppressionKept: false });
    expect((await lookup('forget-me@example.com')).status).toBe(404);
    const snapshot = await tableSnapshot();
    expect(snapshot).not.toContain('forget-me');
    expect(snapshot).not.toContain(createHash('sha256').update('datewatch:forget-me@example.com').digest('hex'));
    expect((await call('GET /preferences', { query: { token: tokenOf(deps.links.preferencesUrl(id)) } })).statusCode).toBe(404);

    expect((await subscribeJson({ email: 'forget-me@example.com' })).statusCode).toBe(202);
    const [fresh] = await inbox('forget-me@example.com');
    expect(fresh?.subject).toBe('Confirm your Datewatch subscription');
    expect((await confirmByForm(tokenOf(confirmLinkIn(fresh!)))).statusCode).toBe(200);
    expect((await lookup('forget-me@example.com')).body.status).toBe('active');
    // The link in the person's own mail from before the erasure still works: mail to the address stops.
    const stale = await call('POST /unsubscribe', { query: { token: oldUnsubscribe }, body: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toContain('You are unsubscribed');
    expect((await lookup('forget-me@example.com')).body.status).toBe('unsubscribed');
  });

  it('a suppression is kept on purpose through erasure: "never mail me" holds, as a keyed hash', async () => {
    const id = await confirmedReader('never@example.com');
    const never = await call('POST /unsubscribe', { query: { token: tokenOf(deps.links.unsubscribeUrl(id)) }, body: 'List-Unsubscribe=One-Click&never=yes', contentType: 'application/x-www-form-urlencoded' });
    expect(never.body).toContain('never be mailed again');
    const erased = await adminApi(request('DELETE /admin/subscribers/{email}', { pathParameters: { email: 'never@example.com' }, admin: true }));
    expect(JSON.parse(erased.body!)).toEqual({ erased: true, suppressionKept: true });
    await clearSesStore(sesPort);

    expect((await subscribeJson({ email: 'Never+Again@example.com' })).statusCode).toBe(202);
    expect(await readSesStore(sesPort)).toHaveLength(0);
    expect((await lookup('never@example.com')).body).toMatchObject({ status: 'none', suppression: { reason: 'request' } });
    expect(await tableSnapshot()).not.toMatch(/never@|never\+again/i);
  });

  it("an old confirmation link does not confirm a stranger's later sign-up for the same address", async () => {
    // Prepare: bob confirms and unsubscribes; a third party subscribes bob again with other preferences.
    await confirmedReader('bob@example.com', { digest: 'weekly' });
    const [bobsMail] = await inbox('bob@example.com');
    const bobsLink = tokenOf(confirmLinkIn(bobsMail!));
    await call('POST /unsubscribe', { query: { token: tokenOf(deps.links.unsubscribeUrl(await idOf('bob@example.com'))) }, body: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' });
    clock.advance(60_000);
    await subscribeJson({ email: 'bob@example.com', digest: 'daily' }, { ip: '203.0.113.66' });
    // Act
    const res = await confirmByForm(bobsLink);
    // Assess
    expect(res.statusCode).toBe(404);
    expect((await lookup('bob@example.com')).body).toMatchObject({ status: 'pending', preferences: { digest: 'daily' } });
  });
});

describe('bad input: a clear 4xx and nothing written', () => {
  const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' });

  it.each([
    ['a malformed address', 'POST /subscriptions', json({ email: 'not-an-address' }), 400, /email must be an address/],
    ['an unknown zone', 'POST /subscriptions', json({ email: 'a@example.com', timeZone: 'Mars/Olympus' }), 400, /timeZone must be an IANA time zone/],
    ['an unknown lead time', 'POST /subscriptions', json({ email: 'a@example.com', reminders: ['P2D'] }), 400, /reminders must be lead times/],
    ['an unknown digest', 'POST /subscriptions', json({ email: 'a@example.com', digest: 'hourly' }), 400, /digest must be one of weekly, daily, none/],
    ['an unknown event', 'POST /subscriptions', json({ email: 'a@example.com', events: ['nope'] }), 400, /no event with id "nope"/],
    ['a body that is not JSON', 'POST /subscriptions', { body: '{"email":', contentType: 'application/json' }, 400, /not valid JSON/],
    ['an oversized body', 'POST /subscriptions', json({ email: 'a@example.com', website: '', padding: 'x'.repeat(20_000) }), 413, /at most 16384 bytes/],
    ['a wrong content type', 'POST /subscriptions', { body: 'email=a@example.com', contentType: 'text/plain' }, 415, /application\/json or application\/x-www-form-urlencoded/],
  ] as const)('%s', async (_name, route, req, status, message) => {
    const before = await tableSnapshot();
    const res = await call(route, req);
    expect(res.statusCode).toBe(status);
    expect(JSON.parse(res.body!).error).toMatch(message);
    expect(await tableSnapshot()).toBe(before);
    expect(await readSesStore(sesPort)).toHaveLength(0);
  });

  it('forged, wrong-purpose and missing tokens on every link route', async () => {
    const id = await confirmedReader('victim@example.com');
    const before = await tableSnapshot();
    const good = tokenOf(deps.links.unsubscribeUrl(id));
    const forged = `${good.slice(0, -4)}AAAA`;
    const wrongPurpose = tokenOf(deps.links.preferencesUrl(id));
    const oneClick = { body: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' };

    const cases: [string, Req, number, RegExp][] = [
      ['POST /unsubscribe', { query: { token: forged }, ...oneClick }, 401, /this link is not valid/],
      ['POST /unsubscribe', { query: { token: wrongPurpose }, ...oneClick }, 401, /this link is for changing preferences, not for unsubscribing/],
      ['POST /unsubscribe', { ...oneClick }, 400, /missing its token/],
      ['POST /unsubscribe', { query: { token: good }, body: 'confirm=yes', contentType: 'application/x-www-form-urlencoded' }, 400, /List-Unsubscribe=One-Click/],
      ['POST /unsubscribe', { query: { token: good }, body: '{}', contentType: 'application/json' }, 415, /List-Unsubscribe=One-Click/],
      ['GET /unsubscribe', { query: { token: forged } }, 401, /this link is not valid/],
      ['GET /subscriptions/confirm', { query: { token: forged } }, 401, /this link is not valid/],
      ['GET /subscriptions/confirm', { query: { token: good } }, 401, /this link is for unsubscribing, not for confirming a subscription/],
      ['POST /subscriptions/confirm', { body: `token=${forged}`, contentType: 'application/x-www-form-urlencoded' }, 401, /this link is not valid/],
      ['POST /subscriptions/confirm', { body: JSON.stringify({ token: good }), contentType: 'application/json' }, 401, /not for confirming a subscription/],
      ['POST /subscriptions/confirm', { body: 'token=', contentType: 'application/x-www-form-urlencoded' }, 400, /missing its token/],
      ['GET /preferences', { query: { token: good } }, 401, /not for changing preferences/],
      ['POST /preferences', { query: { token: forged }, body: JSON.stringify({ digest: 'none' }), contentType: 'application/json' }, 401, /this link is not valid/],
      ['POST /preferences', { query: { token: wrongPurpose }, body: JSON.stringify({ digest: 'monthly' }), contentType: 'application/json' }, 400, /digest must be one of/],
    ];
    for (const [route, req, status, message] of cases) {
      const res = await call(route, req);
      expect(res.statusCode, `${route} ${JSON.stringify(req)}`).toBe(status);
      expect(res.body, route).toMatch(message);
    }
    expect(await tableSnapshot()).toBe(before);
    expect((await lookup('victim@example.com')).body.status).toBe('active');
  });

  it('an expired confirmation link is a 401 page that says to subscribe again, and activates nothing', async () => {
    await subscribeJson({ email: 'late@example.com' });
    const [mail] = await inbox('late@example.com');
    clock.advance(8 * 86_400_000);
    const before = await tableSnapshot();

    const res = await call('GET /subscriptions/confirm', { query: { token: tokenOf(confirmLinkIn(mail!)) } });
    const posted = await confirmByForm(tokenOf(confirmLinkIn(mail!)));

    expect(res.statusCode).toBe(401);
    expect(posted.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('this link has expired; subscribe again to get a new one');
    expect(await tableSnapshot()).toBe(before);
    expect((await lookup('late@example.com')).body.status).toBe('pending');
  });
});
