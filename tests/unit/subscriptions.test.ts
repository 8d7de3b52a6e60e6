import { withDerivedSigningKeys } from '../../scripts/migrate-suppression-keys.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { clientNetwork, makeIpHasher, makeLimitKeys } from '#core/consent.ts';
import { NotFoundError, RateLimitedError, ValidationError } from '#core/errors.ts';
import type { DatedEvent } from '#core/model/event.ts';
import { makeLinks } from '#core/links.ts';
import { makeSignUps } from '#core/sign-ups.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { foldedAddress, isPlainSpelling, mailboxOf, newSubscriptionId, normaliseEmail, shardOf } from '#core/subscriber-id.ts';
import { formToPreferences, formToSubscribe } from '#core/subscription-schema.ts';
import { SUBSCRIBE_ACCEPTED } from '#core/subscribe.ts';
import { makeSubscriptions } from '../support/subscriptions.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import { makeTokens } from '#core/tokens.ts';
import { clientIp } from '#handlers/http/client-ip.ts';
import type { HttpEvent } from '#handlers/http/types.ts';
import { MailerRejectedError } from '#ports/mailer.ts';
import type { RateLimiter } from '#ports/rate-limiter.ts';
import type { SignUpMessage } from '#ports/sign-up-queue.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import type { DepartureRecord, SuppressionRecord, SuppressionStore } from '#ports/suppression-store.ts';

/** The store's contract (conditional writes on updatedAt and on the address entry) in memory, with a pause so concurrent calls interleave. */
function memoryStore(): SubscriberStore & { items: Map<string, Subscriber>; addresses: Map<string, string> } {
  const items = new Map<string, Subscriber>();
  const addresses = new Map<string, string>();
  const tick = () => new Promise((r) => setTimeout(r, 1));
  const get = async (id: string) => { await tick(); const s = items.get(id); return s && structuredClone(s); };
  return {
    items, addresses, get,
    async put(s, expected) {
      await tick();
      const current = items.get(s.id);
      if (expected === null && current) return false;
      if (typeof expected === 'string' && current?.updatedAt !== expected) return false;
      items.set(s.id, structuredClone(s));
      return true;
    },
    async activeReaders() { return { readers: [] }; },
    async zones() { return []; },
    async activeInMailbox(email) {
      const same = [...items.values()].filter((s) => s.status === 'active' && mailboxOf(s.email) === mailboxOf(email));
      return same.map((s) => structuredClone(s));
    },
    async backfillMailboxIndex() { return 0; },
    async getMany(ids) { return ids.map((id) => items.get(id)).filter((s): s is Subscriber => !!s); },
    async remove(id, expected) {
      await tick();
      if (expected !== undefined && items.get(id)?.updatedAt !== expected) return false;
      items.delete(id);
      return true;
    },
    async addressOwner(email) { await tick(); return addresses.get(foldedAddress(email)); },
    async findByAddress(email) {
      const owner = addresses.get(foldedAddress(email));
      const s = owner ? await get(owner) : undefined;
      return s && foldedAddress(s.email) === foldedAddress(email) ? s : undefined;
    },
    async claimAddress(email, id, expectedOwner) {
      await tick();
      if (addresses.get(foldedAddress(email)) !== expectedOwner) return false;
      addresses.set(foldedAddress(email), id);
      return true;
    },
    async setAddressExpiry() { await tick(); },
    async releaseAddress(email, id) { await tick(); if (addresses.get(foldedAddress(email)) === id) addresses.delete(foldedAddress(email)); },
  };
}

function memorySuppressionStore(): SuppressionStore & { items: Map<string, SuppressionRecord | DepartureRecord> } {
  const items = new Map<string, SuppressionRecord | DepartureRecord>();
  return {
    items,
    async find(hashes) { for (const hash of hashes) { const record = items.get(hash); if (record) return { hash, record }; } return undefined; },
    async add(hash, record) { if (!items.has(hash)) items.set(hash, record); },
  };
}

function memoryLimiter(): RateLimiter {
  const counts = new Map<string, number>();
  return {
    async hit(key, limit, windowSeconds, now) {
      const window = Math.floor(now.getTime() / 1000 / windowSeconds);
      const k = `${key}#${window}`;
      const n = counts.get(k) ?? 0;
      if (n >= limit) return { allowed: false, retryAfterSeconds: 30 };
      counts.set(k, n + 1);
      return { allowed: true, retryAfterSeconds: 30 };
    },
  };
}

const kishida = { id: 'kishida-visits-russia', storyId: 'abe-putin-lima-2016', title: 'Kishida visits Russia', status: 'scheduled' } as DatedEvent;
/** The stories a reader may follow: a live one, an archived one (still followable), and a withdrawn one (not). */
const STORIES = [
  { id: 'abe-putin-lima-2016', status: 'active' as const }, { id: 'g20-2016', status: 'archived' as const }, { id: 'retracted', status: 'cancelled' as const },
];
const KEY = 'unit-test-signing-key-0123456789';

function setup() {
  const clock = { at: new Date('2016-11-20T09:00:00Z'), now() { return this.at; }, advance(ms: number) { this.at = new Date(this.at.getTime() + ms); } };
  const store = memoryStore();
  const suppressionStore = memorySuppressionStore();
  const suppressions = makeSuppressions({ store: suppressionStore, keys: { current: KEY } });
  const tokens = makeTokens({ keys: { current: KEY }, clock });
  const links = makeLinks({ baseUrl: 'https://news.example.com', tokens });
  const limiter = memoryLimiter();
  const limitKeys = makeLimitKeys('unit-test-limit-key-0123456789');
  const sent: { to: string; confirmUrl: string }[] = [];
  const queued: SignUpMessage[] = [];
  let failSends = 0;
  let rejectNext = false;
  const processSignUp = makeSignUps({
    subscribers: store, suppressions, rateLimiter: limiter, limitKeys, links, clock,
    sendConfirmation: async (s, confirmUrl) => {
      if (rejectNext) { rejectNext = false; throw new MailerRejectedError('Address blacklisted'); }
      if (failSends > 0) { failSends--; throw new Error('SES is down'); }
      sent.push({ to: s.email, confirmUrl });
    },
  });
  let inline = true;
  const subscriptions = makeSubscriptions({
    subscribers: store, suppressions, events: { listAll: async () => [kishida] }, stories: { list: async () => STORIES }, rateLimiter: limiter, tokens, limitKeys,
    hashIp: makeIpHasher('unit-test-ip-key-0123456789'), clock,
    signUps: { async enqueue(m) { queued.push(m); if (inline) await processSignUp(m); } },
  });
  const ctx = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' };
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
  const byEmail = (email: string) => store.findByAddress(email);
  /** Subscribes and confirms through the links, as a reader does. */
  async function activeReader(email: string, prefs: Record<string, unknown> = {}): Promise<Subscriber> {
    await subscriptions.subscribe({ email, ...prefs }, ctx);
    await subscriptions.confirm(tokenOf(sent.at(-1)!.confirmUrl), ctx);
    return (await byEmail(email))!;
  }
  return {
    clock, store, suppressionStore, suppressions, tokens, links, sent, queued, subscriptions, processSignUp, ctx, tokenOf, byEmail, activeReader,
    failSends: (n = 1) => { failSends = n; }, rejectNext: () => { rejectNext = true; }, queueOnly: () => { inline = false; },
  };
}

describe('addresses, mailboxes and networks', () => {
  it('keeps the address as typed (domain folded to lower-case ASCII), +tags and dots included', () => {
    expect(normaliseEmail('  Jane.Doe+News@Example.COM ')).toBe('Jane.Doe+News@example.com');
    expect(normaliseEmail('reader@bücher.example')).toBe('reader@xn--bcher-kva.example');
  });

  it('rejects what is not a usable address', () => {
    for (const bad of ['', 'plain', '@example.com', 'a@', 'a@b', 'a b@example.com', 'a@@example.com', 'a..b@example.com', '.a@example.com',
      'Jane <jane@example.com>', 'a@example.com\r\nBcc: x@example.com', `${'x'.repeat(65)}@example.com`, 'a@-example.com', 'a@example.123']) {
      expect(normaliseEmail(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('folds Gmail dots and googlemail.com into one mailbox, as well as case and the +tag; the plain spelling has no +tag', () => {
    expect(mailboxOf('V.ictim+1@GoogleMail.com')).toBe('victim@gmail.com');
    expect(mailboxOf('vi.c.tim@gmail.com')).toBe('victim@gmail.com');
    expect(mailboxOf('v.ictim@example.com')).toBe('v.ictim@example.com');
    expect(isPlainSpelling('v.ictim@gmail.com')).toBe(true);
    expect(isPlainSpelling('victim+1@gmail.com')).toBe(false);
    expect(isPlainSpelling('+tag@example.net')).toBe(true);
  });

  it('a suppression recorded before Gmail dots were folded still holds, and one of any dot spelling covers all', async () => {
    const store = memorySuppressionStore();
    const keys = { current: 'unit-signing-key-0123456789abcdef' };
    const legacyHash = createHmac('sha256', createHmac('sha256', keys.current).update('datewatch-suppression-key').digest())
      .update('datewatch-suppressed:jane.doe@gmail.com').digest('base64url');
    await store.add(legacyHash, { reason: 'complaint', at: '2016-01-01T00:00:00.000Z' });
    const suppressions = makeSuppressions({ store, keys });
    expect(await suppressions.find('Jane.Doe+x@gmail.com')).toMatchObject({ reason: 'complaint' });
    await suppressions.add('j.o.h.n@googlemail.com', 'request', new Date('2016-01-02T00:00:00Z'));
    expect(await suppressions.find('john@gmail.com')).toMatchObject({ reason: 'request' });
  });

  it('folds case and the +tag into one mailbox, for limits only', () => {
    expect(mailboxOf('Victim+1@Example.net')).toBe('victim@example.net');
    expect(mailboxOf('victim+anything+else@example.net')).toBe('victim@example.net');
    expect(mailboxOf('+tag@example.net')).toBe('+tag@example.net');
  });

  it('random subscription ids spread over every fan-out shard of a zone', () => {
    const shards = new Set(Array.from({ length: 2000 }, () => shardOf(newSubscriptionId())));
    expect([...shards].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });

  it('counts IPv4 per /24 and IPv6 per /56', () => {
    expect(clientNetwork('203.0.113.7')).toBe(clientNetwork('203.0.113.250'));
    expect(clientNetwork('203.0.113.7')).not.toBe(clientNetwork('203.0.114.7'));
    expect(clientNetwork('::ffff:203.0.113.9')).toBe(clientNetwork('203.0.113.1'));
    expect(clientNetwork('2001:db8:abcd:1200::1')).toBe(clientNetwork('2001:db8:abcd:12ff:ffff::9'));
    expect(clientNetwork('2001:db8:abcd:1200::1')).not.toBe(clientNetwork('2001:db8:abcd:1300::1'));
  });
});

describe('form posts', () => {
  it('an unticked checkbox means none, and the events radio chooses between all and the ticked ones', () => {
    expect(formToSubscribe({ email: 'a@example.com', timeZone: 'Asia/Tokyo', digest: 'daily', eventsScope: 'all', website: '' }))
      .toEqual({ email: 'a@example.com', timeZone: 'Asia/Tokyo', digest: 'daily', reminders: [], events: 'all', website: '' });
    expect(formToPreferences({ reminders: ['P7D', 'P0D'], eventsScope: 'chosen', events: 'kishida-visits-russia' }))
      .toEqual({ reminders: ['P7D', 'P0D'], events: ['kishida-visits-russia'] });
  });
});

describe('subscribe: the same work and answer whatever the address', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => { t = setup(); });

  it('queues the request as typed, with a consent record without the raw IP, and answers before anything is mailed', async () => {
    // Prepare
    t.queueOnly();
    // Act
    const answer = await t.subscriptions.subscribe({ email: ' Reader+News@Example.com ' }, t.ctx);
    // Assess
    expect(answer).toEqual(SUBSCRIBE_ACCEPTED);
    expect(t.sent).toHaveLength(0);
    expect(t.store.items.size).toBe(0);
    expect(t.queued).toHaveLength(1);
    const [request] = t.queued;
    expect(request).toMatchObject({
      email: 'Reader+News@example.com',
      preferences: { timeZone: 'UTC', reminders: ['P7D', 'P1D'], digest: 'weekly', events: 'all' },
      consent: { requestedAt: '2016-11-20T09:00:00.000Z', requestUserAgent: 'Mozilla/5.0 (X11; Linux x86_64)' },
    });
    expect(request!.consent.requestIpHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(request)).not.toContain('203.0.113.7');
  });

  it('the request path reads nothing about the address: new, pending, active, unsubscribed and suppressed addresses cost the same calls', async () => {
    // Prepare: count every store and suppression call the request makes, per address state.
    const calls: string[] = [];
    for (const name of ['get', 'put', 'addressOwner', 'findByAddress', 'claimAddress', 'remove'] as const) {
      const real = t.store[name] as (...a: unknown[]) => unknown;
      (t.store as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => { calls.push(name); return real(...a); };
    }
    await t.activeReader('active@example.com');
    await t.subscriptions.subscribe({ email: 'pending@example.com' }, t.ctx);
    await t.suppressions.add('bounced@example.com', 'bounce', t.clock.now());
    t.queueOnly();
    // Act
    const answers: unknown[] = [];
    const perState: number[] = [];
    for (const email of ['new@example.com', 'pending@example.com', 'active@example.com', 'bounced@example.com']) {
      calls.length = 0;
      answers.push(await t.subscriptions.subscribe({ email }, t.ctx));
      perState.push(calls.length);
    }
    // Assess
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(perState).toEqual([0, 0, 0, 0]);
  });

  it('a bot that fills the hidden website field is answered the same and nothing is queued', async () => {
    expect(await t.subscriptions.subscribe({ email: 'bot@example.com', website: 'http://spam.example' }, t.ctx)).toEqual(SUBSCRIBE_ACCEPTED);
    expect(t.queued).toHaveLength(0);
  });

  it('one network (/24) may make 10 subscribe requests a minute, from any of its addresses; the 11th is a 429', async () => {
    for (let i = 0; i < 10; i++) await t.subscriptions.subscribe({ email: `r${i}@example.com` }, { ip: `203.0.113.${i + 1}` });
    await expect(t.subscriptions.subscribe({ email: 'r10@example.com' }, { ip: '203.0.113.200' })).rejects.toThrow(RateLimitedError);
    await expect(t.subscriptions.subscribe({ email: 'r10@example.com' }, { ip: '203.0.113.201' }))
      .rejects.toThrow(/too many subscription requests from your network; try again in \d+ seconds/);
    expect(await t.byEmail('r10@example.com')).toBeUndefined();
    // Another network is not affected.
    await t.subscriptions.subscribe({ email: 'r10@example.com' }, { ip: '198.51.100.9' });
    expect(await t.byEmail('r10@example.com')).toBeDefined();
  });

  it('bad input is a 400 naming the field, and nothing is queued', async () => {
    const cases: [unknown, RegExp][] = [
      [{ email: 'not-an-address' }, /email must be an address/],
      [{ email: 'a@example.com', timeZone: 'Mars/Olympus' }, /timeZone must be an IANA time zone/],
      [{ email: 'a@example.com', reminders: ['P2D'] }, /reminders must be lead times from P14D, P7D, P3D, P1D, P0D/],
      [{ email: 'a@example.com', digest: 'hourly' }, /digest must be one of weekly, daily, none/],
      [{ email: 'a@example.com', events: ['no-such-event'] }, /no event with id "no-such-event"/],
      [{ email: 'a@example.com', colour: 'blue' }, /unknown field "colour"/],
      [{}, /email is required/],
    ];
    for (const [body, message] of cases) {
      await expect(t.subscriptions.subscribe(body, t.ctx), JSON.stringify(body)).rejects.toThrow(ValidationError);
      await expect(t.subscriptions.subscribe(body, t.ctx)).rejects.toThrow(message);
    }
    expect(t.queued).toHaveLength(0);
  });
});

describe('the sign-up worker (off the request path)', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => { t = setup(); });

  it('a new address becomes pending under a random id, with the address entry, an expiry and one confirmation', async () => {
    await t.subscriptions.subscribe({ email: 'Reader@Example.com' }, t.ctx);
    const stored = (await t.byEmail('reader@example.com'))!;
    expect(stored).toMatchObject({ status: 'pending', email: 'Reader@example.com', expiresAt: '2016-11-28T09:00:00.000Z' });
    expect(stored.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(stored.signUp).toMatchObject({ requestedAt: '2016-11-20T09:00:00.000Z', mailedAt: '2016-11-20T09:00:00.000Z' });
    expect(t.sent).toEqual([{ to: 'Reader@example.com', confirmUrl: expect.stringMatching(/^https:\/\/news\.example\.com\/subscriptions\/confirm\?token=/) }]);
    // The link names the subscription by its opaque id, never by anything derived from the address.
    const payload = Buffer.from(t.tokenOf(t.sent[0]!.confirmUrl).split('.')[1]!, 'base64url').toString();
    expect(JSON.parse(payload)).toMatchObject({ p: 'confirm', s: stored.id, n: stored.signUp!.nonce });
  });

  it('an active address asking again gets no email and keeps its preferences', async () => {
    await t.activeReader('reader@example.com', { digest: 'daily' });
    t.clock.advance(3_600_000);
    await t.subscriptions.subscribe({ email: 'READER@example.com', digest: 'none' }, t.ctx);
    expect(t.sent).toHaveLength(1);
    expect((await t.byEmail('reader@example.com'))!.preferences.digest).toBe('daily');
  });

  it('a pending address asking again gets a new confirmation only after 10 minutes, and the newer link replaces the older', async () => {
    await t.subscriptions.subscribe({ email: 'reader@example.com', digest: 'daily' }, t.ctx);
    t.clock.advance(9 * 60_000);
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    expect(t.sent).toHaveLength(1);

    t.clock.advance(60_000); // 10 minutes after the first
    await t.subscriptions.subscribe({ email: 'reader@example.com', digest: 'none' }, t.ctx);
    expect(t.sent).toHaveLength(2);
    const [older, newer] = t.sent.map((m) => t.tokenOf(m.confirmUrl));
    await expect(t.subscriptions.confirm(older, t.ctx)).rejects.toThrow(/belongs to an earlier sign-up for this address/);
    expect((await t.subscriptions.confirm(newer, t.ctx)).subscriber.preferences.digest).toBe('none');
  });

  it('one mailbox gets at most 3 confirmations an hour, whatever +tags, case and networks are used; one is kept for the plain spelling', async () => {
    for (let i = 0; i < 20; i++) await t.subscriptions.subscribe({ email: `Victim+${i}@example.net` }, { ip: `198.51.${i}.1` });
    expect(t.sent).toHaveLength(2);
    await t.subscriptions.subscribe({ email: 'victim@example.net' }, t.ctx);
    await t.subscriptions.subscribe({ email: 'VICTIM@example.net' }, { ip: '203.0.113.9' });
    expect(t.sent).toHaveLength(3);
    t.clock.advance(3_600_000);
    await t.subscriptions.subscribe({ email: 'victim+late@example.net' }, t.ctx);
    expect(t.sent).toHaveLength(4);
  });

  it('a suppressed mailbox gets nothing, under any +tag', async () => {
    await t.suppressions.add('bounced@example.com', 'bounce', t.clock.now());
    expect(await t.subscriptions.subscribe({ email: 'Bounced+again@example.com' }, t.ctx)).toEqual(SUBSCRIBE_ACCEPTED);
    expect(t.sent).toHaveLength(0);
    expect(t.store.items.size).toBe(0);
  });

  it('two requests at the same moment make one pending subscription and send one confirmation', async () => {
    await Promise.all([1, 2, 3].map(() => t.subscriptions.subscribe({ email: 'race@example.com' }, t.ctx)));
    expect(t.sent).toHaveLength(1);
    expect(t.store.items.size).toBe(1);
    expect((await t.byEmail('race@example.com'))!.status).toBe('pending');
  });

  it('a failed send is thrown (the queue retries it), and the retry mails the same request once', async () => {
    // Prepare
    t.queueOnly();
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    const [request] = t.queued;
    t.failSends(1);
    // Act
    await expect(t.processSignUp(request!)).rejects.toThrow('SES is down');
    const retried = await t.processSignUp(request!);
    const redelivered = await t.processSignUp(request!);
    // Assess
    expect([retried, redelivered]).toEqual(['mailed', 'already-mailed']);
    expect(t.sent).toHaveLength(1);
    expect(t.store.items.size).toBe(1);
  });

  it('an address the transport refuses for good is not retried', async () => {
    t.queueOnly();
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    t.rejectNext();
    expect(await t.processSignUp(t.queued[0]!)).toBe('rejected');
  });
});

describe('confirming: a scanner cannot, the reader can, once, for the request it was mailed for', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => { t = setup(); });

  it('looking at the link changes nothing; confirming activates once and records when and from where', async () => {
    await t.subscriptions.subscribe({ email: 'reader@example.com', timeZone: 'Asia/Tokyo' }, t.ctx);
    t.clock.advance(3_600_000);
    const token = t.tokenOf(t.sent[0]!.confirmUrl);

    const shown = await t.subscriptions.confirmation(token);
    expect(shown.state).toBe('pending');
    expect((await t.byEmail('reader@example.com'))!.status).toBe('pending');

    const first = await t.subscriptions.confirm(token, { ip: '198.51.100.1', userAgent: 'Phone' });
    const second = await t.subscriptions.confirm(token, { ip: '198.51.100.1', userAgent: 'Phone' });

    expect(first.outcome).toBe('confirmed');
    expect(second.outcome).toBe('already-confirmed');
    const stored = (await t.byEmail('reader@example.com'))!;
    expect(stored).toMatchObject({ status: 'active', confirmedAt: '2016-11-20T10:00:00.000Z' });
    expect(stored.expiresAt).toBeUndefined();
    expect(stored.signUp).toBeUndefined();
    expect(stored.consent).toMatchObject({ confirmedAt: '2016-11-20T10:00:00.000Z', confirmUserAgent: 'Phone' });
    expect(stored.consent.confirmIpHash).not.toBe(stored.consent.requestIpHash);
    expect((await t.subscriptions.confirmation(token)).state).toBe('already-confirmed');
  });

  it("bob's old link does not confirm a stranger's new sign-up for bob", async () => {
    // Prepare: bob confirms, unsubscribes; someone subscribes bob again with other preferences.
    const bob = await t.activeReader('bob@example.com', { digest: 'weekly' });
    const bobsLink = t.tokenOf(t.sent[0]!.confirmUrl);
    await t.subscriptions.unsubscribe(t.tokenOf(t.links.unsubscribeUrl(bob.id)));
    t.clock.advance(60_000);
    await t.subscriptions.subscribe({ email: 'bob@example.com', digest: 'daily', timeZone: 'Asia/Tokyo' }, { ip: '192.0.2.66' });
    const replaced = (await t.byEmail('bob@example.com'))!;
    // Act + Assess: the old link finds only the old, ended subscription.
    expect(replaced.id).not.toBe(bob.id);
    await expect(t.subscriptions.confirm(bobsLink, t.ctx)).rejects.toThrow(NotFoundError);
    expect((await t.byEmail('bob@example.com'))!.status).toBe('pending');
  });

  it('preference and unsubscribe links as mailed (address sealed) act on whichever subscription the address has now', async () => {
    const first = await t.activeReader('reader@example.com');
    const prefs = t.tokenOf(t.links.preferencesUrl(first.id, first.email));
    const unsubscribe = t.tokenOf(t.links.unsubscribeUrl(first.id, first.email));
    t.clock.advance(365 * 86_400_000);
    expect((await t.subscriptions.preferences(prefs)).id).toBe(first.id);

    expect(await t.subscriptions.unsubscribe(unsubscribe)).toEqual({ outcome: 'unsubscribed', blocked: false, status: 'unsubscribed' });
    expect(await t.subscriptions.unsubscribe(unsubscribe)).toEqual({ outcome: 'already-unsubscribed', blocked: false, status: 'unsubscribed' });
    t.clock.advance(60_000);
    const second = await t.activeReader('reader@example.com');

    expect(second.id).not.toBe(first.id);
    expect((await t.subscriptions.preferences(prefs)).id).toBe(second.id);
    expect(await t.subscriptions.unsubscribe(unsubscribe)).toEqual({ outcome: 'unsubscribed', blocked: false, status: 'unsubscribed' });
    expect((await t.byEmail('reader@example.com'))!.status).toBe('unsubscribed');
  });

  it('a link from before links carried their address says truly that it changed nothing once its subscription is gone', async () => {
    const first = await t.activeReader('reader@example.com');
    const prefs = t.tokenOf(t.links.preferencesUrl(first.id));
    const unsubscribe = t.tokenOf(t.links.unsubscribeUrl(first.id));
    expect(await t.subscriptions.unsubscribe(unsubscribe)).toEqual({ outcome: 'unsubscribed', blocked: false, status: 'unsubscribed' });
    t.clock.advance(60_000);
    await t.activeReader('reader@example.com');
    await expect(t.subscriptions.preferences(prefs)).rejects.toThrow(NotFoundError);
    expect(await t.subscriptions.unsubscribe(unsubscribe)).toEqual({ outcome: 'unknown-address', blocked: false, status: 'unknown' });
    expect((await t.byEmail('reader@example.com'))!.status).toBe('active');
  });

  it('an unsubscribed reader cannot be brought back by the old confirmation link', async () => {
    const reader = await t.activeReader('reader@example.com');
    await t.subscriptions.unsubscribe(t.tokenOf(t.links.unsubscribeUrl(reader.id)));
    const stored = (await t.byEmail('reader@example.com'))!;
    expect(stored).toMatchObject({ status: 'unsubscribed', unsubscribedAt: '2016-11-20T09:00:00.000Z', expiresAt: '2016-12-20T09:00:00.000Z' });
    await expect(t.subscriptions.confirm(t.tokenOf(t.sent[0]!.confirmUrl), t.ctx)).rejects.toThrow(/you unsubscribed after this link was sent/);
  });

  it('"never mail me" on unsubscribing suppresses the mailbox: a new sign-up, under any +tag, mails nothing', async () => {
    const reader = await t.activeReader('reader@example.com');
    expect(await t.subscriptions.unsubscribe(t.tokenOf(t.links.unsubscribeUrl(reader.id)), { never: true })).toEqual({ outcome: 'unsubscribed', blocked: true, status: 'suppressed' });
    t.clock.advance(86_400_000);
    await t.subscriptions.subscribe({ email: 'Reader+again@example.com' }, t.ctx);
    expect(t.sent).toHaveLength(1);
    expect(await t.suppressions.find('reader@example.com')).toEqual({ reason: 'request', at: '2016-11-20T09:00:00.000Z' });
    // Only a keyed hash is stored.
    expect(JSON.stringify([...t.suppressionStore.items])).not.toMatch(/reader/i);
  });

  it('a token for another purpose, or for no subscription, is refused', async () => {
    const reader = await t.activeReader('reader@example.com');
    await expect(t.subscriptions.updatePreferences(t.tokenOf(t.links.unsubscribeUrl(reader.id)), { digest: 'none' })).rejects.toThrow(/not for changing preferences/);
    await expect(t.subscriptions.confirm(t.tokens.issue('confirm', reader.id), t.ctx)).resolves.toMatchObject({ outcome: 'already-confirmed' });
    await expect(t.subscriptions.confirmation(t.tokens.issue('confirm', 'no-such-subscription', 'n'))).rejects.toThrow(NotFoundError);
  });
});

describe('preferences', () => {
  it('the preferences link changes only what is sent, and moves nothing else', async () => {
    const t = setup();
    const reader = await t.activeReader('reader@example.com');
    const token = t.tokenOf(t.links.preferencesUrl(reader.id));

    const updated = await t.subscriptions.updatePreferences(token, { timeZone: 'Europe/Moscow', events: ['kishida-visits-russia'] });

    expect(updated.preferences).toEqual({ timeZone: 'Europe/Moscow', reminders: ['P7D', 'P1D'], digest: 'weekly', stories: 'all', events: ['kishida-visits-russia'] });
    expect(updated.status).toBe('active');
    await expect(t.subscriptions.updatePreferences(token, { digest: 'monthly' })).rejects.toThrow(/digest must be one of/);
  });

  it('a reader follows the stories they choose; an unknown or withdrawn story is refused naming stories, and nothing changes', async () => {
    const t = setup();
    const reader = await t.activeReader('stories@example.com', { stories: ['abe-putin-lima-2016'] });
    expect(reader.preferences.stories).toEqual(['abe-putin-lima-2016']);
    const token = t.tokenOf(t.links.preferencesUrl(reader.id));

    const both = await t.subscriptions.updatePreferences(token, { stories: ['abe-putin-lima-2016', 'g20-2016'] });
    expect(both.preferences.stories).toEqual(['abe-putin-lima-2016', 'g20-2016']);
    for (const wanted of [['no-such-story'], ['retracted'], ['abe-putin-lima-2016', 'no-such-story']]) {
      const err = await t.subscriptions.updatePreferences(token, { stories: wanted }).then(() => undefined, (e: unknown) => e);
      expect(err, JSON.stringify(wanted)).toBeInstanceOf(ValidationError);
      expect((err as Error).message, JSON.stringify(wanted)).toMatch(/^stories: no story with id/);
    }
    expect((await t.byEmail('stories@example.com'))!.preferences.stories).toEqual(['abe-putin-lima-2016', 'g20-2016']);
    await expect(t.subscriptions.subscribe({ email: 'other@example.com', stories: ['retracted'] }, t.ctx)).rejects.toThrow(/^stories: no story with id "retracted"/);
    expect(await t.byEmail('other@example.com')).toBeUndefined();
  });
});

describe('suppressions are keyed hashes that survive a key rotation', () => {
  it('found under the previous or a retired key, and moved to the current one', async () => {
    // Prepare: suppressed under the old key.
    const store = memorySuppressionStore();
    await makeSuppressions({ store, keys: { current: 'old-key-0123456789abcdef' } }).add('x@example.com', 'complaint', new Date('2016-01-01T00:00:00Z'));
    const [oldHash] = [...store.items.keys()];
    // Act: two rotations later, the old key is only retired.
    const rotated = makeSuppressions({ store, keys: { current: 'new-key-0123456789abcdef', previous: 'mid-key-0123456789abcdef', retired: ['old-key-0123456789abcdef'] } });
    // Assess
    expect(await rotated.find('X+1@Example.com')).toEqual({ reason: 'complaint', at: '2016-01-01T00:00:00.000Z' });
    expect(store.items.size).toBe(2);
    expect(await makeSuppressions({ store, keys: { current: 'new-key-0123456789abcdef' } }).find('x@example.com')).toMatchObject({ reason: 'complaint' });
    expect(oldHash).not.toContain('example');
  });
});

describe('suppressions recorded under the link-signing keys, before the suppression key had a secret of its own', () => {
  it('still hold under a new suppression secret that lists the old keys only derived', async () => {
    // Prepare: a suppression hashed under the signing secret's keys, as ses-events recorded it before the split.
    const store = memorySuppressionStore();
    const signing = { current: 'signing-key-0123456789abcdef', retired: ['older-signing-key-0123456789'] };
    await makeSuppressions({ store, keys: signing }).add('x@example.com', 'bounce', new Date('2016-01-01T00:00:00Z'));
    // Act: the migration gives the new secret the derived keys, never the signing keys themselves.
    const migrated = withDerivedSigningKeys(signing, { current: 'suppression-key-0123456789abcdef' });
    // Assess
    expect(JSON.stringify(migrated)).not.toContain(signing.current);
    const split = makeSuppressions({ store, keys: async () => migrated as { current: string; derived: string[] } });
    expect(await split.find('x@example.com')).toEqual({ reason: 'bounce', at: '2016-01-01T00:00:00.000Z' });
    expect(await makeSuppressions({ store, keys: { current: 'suppression-key-0123456789abcdef' } }).find('x@example.com')).toMatchObject({ reason: 'bounce' });
    expect(withDerivedSigningKeys(signing, migrated).derived).toEqual(migrated.derived);
  });
});

describe('the client address behind CloudFront', () => {
  const event = (headers: Record<string, string>) => ({ headers, requestContext: { http: { sourceIp: '130.176.0.1' } } }) as unknown as HttpEvent;
  const edge = { header: 'x-datewatch-origin-verify', value: 'origin-secret-0123456789' };

  it('is the viewer address only when the request carries CloudFront\'s secret header', () => {
    expect(clientIp(event({ 'x-datewatch-origin-verify': edge.value, 'cloudfront-viewer-address': '198.51.100.10:46532' }), edge)).toBe('198.51.100.10');
    expect(clientIp(event({ 'x-datewatch-origin-verify': edge.value, 'cloudfront-viewer-address': '2001:db8:abcd:12::7:443' }), edge)).toBe('2001:db8:abcd:12::7');
    // A direct caller may write any CloudFront-Viewer-Address; without the secret it counts against its own address.
    expect(clientIp(event({ 'x-datewatch-origin-verify': 'guess', 'cloudfront-viewer-address': '203.0.113.9:1' }), edge)).toBe('130.176.0.1');
    expect(clientIp(event({ 'cloudfront-viewer-address': '203.0.113.9:1' }), edge)).toBe('130.176.0.1');
    expect(clientIp(event({ 'cloudfront-viewer-address': '203.0.113.9:1' }), undefined)).toBe('130.176.0.1');
  });
});
