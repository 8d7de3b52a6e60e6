import { beforeEach, describe, expect, it } from 'vitest';
import { makeIpHasher } from '#core/consent.ts';
import { RateLimitedError, ValidationError } from '#core/errors.ts';
import type { DatedEvent } from '#core/event.ts';
import { makeLinks } from '#core/links.ts';
import type { Subscriber } from '#core/subscriber.ts';
import { normaliseEmail, subscriberIdOf } from '#core/subscriber-id.ts';
import { formToPreferences, formToSubscribe } from '#core/subscription-schema.ts';
import { makeSubscriptions, SUBSCRIBE_ACCEPTED } from '#core/subscriptions.ts';
import { makeTokens } from '#core/tokens.ts';
import type { RateLimiter } from '#ports/rate-limiter.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';

/** The store's contract (conditional put on updatedAt) in memory, with a pause so concurrent calls interleave. */
function memoryStore(): SubscriberStore & { items: Map<string, Subscriber> } {
  const items = new Map<string, Subscriber>();
  const tick = () => new Promise((r) => setTimeout(r, 1));
  return {
    items,
    async get(id) { await tick(); const s = items.get(id); return s && structuredClone(s); },
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
    async getMany(ids) { return ids.map((id) => items.get(id)).filter((s): s is Subscriber => !!s); },
    async erase(id, at) { items.delete(id); void at; },
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

const kishida = { id: 'kishida-visits-russia', title: 'Kishida visits Russia', status: 'scheduled' } as DatedEvent;

function setup() {
  const clock = { at: new Date('2016-11-20T09:00:00Z'), now() { return this.at; }, advance(ms: number) { this.at = new Date(this.at.getTime() + ms); } };
  const store = memoryStore();
  const tokens = makeTokens({ keys: { current: 'unit-test-signing-key-0123456789' }, clock });
  const links = makeLinks({ baseUrl: 'https://news.example.com', tokens });
  const sent: { to: string; confirmUrl: string }[] = [];
  let failNextSend = false;
  const subscriptions = makeSubscriptions({
    subscribers: store, events: { listAll: async () => [kishida] }, rateLimiter: memoryLimiter(), tokens, links,
    hashIp: makeIpHasher('unit-test-ip-key-0123456789'), clock,
    sendConfirmation: async (s, confirmUrl) => {
      if (failNextSend) { failNextSend = false; throw new Error('SES is down'); }
      sent.push({ to: s.email, confirmUrl });
    },
  });
  const ctx = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' };
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
  return { clock, store, tokens, links, sent, subscriptions, ctx, tokenOf, failSend: () => { failNextSend = true; } };
}

describe('address normalisation', () => {
  it('trims and lower-cases the whole address, keeps +tags and dots, and puts an IDN domain in ASCII', () => {
    expect(normaliseEmail('  Jane.Doe+News@Example.COM ')).toBe('jane.doe+news@example.com');
    expect(normaliseEmail('reader@bücher.example')).toBe('reader@xn--bcher-kva.example');
  });

  it('rejects what is not a usable address', () => {
    for (const bad of ['', 'plain', '@example.com', 'a@', 'a@b', 'a b@example.com', 'a@@example.com', 'a..b@example.com', '.a@example.com',
      'Jane <jane@example.com>', 'a@example.com\r\nBcc: x@example.com', `${'x'.repeat(65)}@example.com`, 'a@-example.com', 'a@example.123']) {
      expect(normaliseEmail(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('the subscriber id is the sha256 of the normalised address, the same for every spelling', () => {
    expect(subscriberIdOf(normaliseEmail('Reader@Example.com')!)).toBe(subscriberIdOf('reader@example.com'));
    expect(subscriberIdOf('reader@example.com')).toMatch(/^[0-9a-f]{64}$/);
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

describe('subscribe and confirm (double opt-in)', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => { t = setup(); });

  it('a new address becomes pending with the defaults, a consent record without the raw IP, and one confirmation email', async () => {
    // Act
    const answer = await t.subscriptions.subscribe({ email: ' Reader@Example.com ' }, t.ctx);
    // Assess
    expect(answer).toEqual(SUBSCRIBE_ACCEPTED);
    const stored = t.store.items.get(subscriberIdOf('reader@example.com'))!;
    expect(stored.status).toBe('pending');
    expect(stored.email).toBe('reader@example.com');
    expect(stored.preferences).toEqual({ timeZone: 'UTC', reminders: ['P7D', 'P1D'], digest: 'weekly', events: 'all' });
    expect(stored.consent.requestedAt).toBe('2016-11-20T09:00:00.000Z');
    expect(stored.consent.requestUserAgent).toBe('Mozilla/5.0 (X11; Linux x86_64)');
    expect(stored.consent.requestIpHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(stored)).not.toContain('203.0.113.7');
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]!.to).toBe('reader@example.com');
  });

  it('the confirmation link activates the subscription once, and records when and from where', async () => {
    await t.subscriptions.subscribe({ email: 'reader@example.com', timeZone: 'Asia/Tokyo' }, t.ctx);
    t.clock.advance(3_600_000);
    const token = t.tokenOf(t.sent[0]!.confirmUrl);

    const first = await t.subscriptions.confirm(token, { ip: '198.51.100.1', userAgent: 'Phone' });
    const second = await t.subscriptions.confirm(token, { ip: '198.51.100.1', userAgent: 'Phone' });

    expect(first.outcome).toBe('confirmed');
    expect(second.outcome).toBe('already-confirmed');
    const stored = t.store.items.get(subscriberIdOf('reader@example.com'))!;
    expect(stored.status).toBe('active');
    expect(stored.confirmedAt).toBe('2016-11-20T10:00:00.000Z');
    expect(stored.consent).toMatchObject({ confirmedAt: '2016-11-20T10:00:00.000Z', confirmUserAgent: 'Phone' });
    expect(stored.consent.confirmIpHash).not.toBe(stored.consent.requestIpHash);
  });

  it('answers identically for a new, pending, active and unsubscribed address', async () => {
    const answers = [];
    answers.push(await t.subscriptions.subscribe({ email: 'new@example.com' }, t.ctx));
    answers.push(await t.subscriptions.subscribe({ email: 'new@example.com' }, t.ctx)); // pending now
    await t.subscriptions.confirm(t.tokenOf(t.sent[0]!.confirmUrl), t.ctx);
    answers.push(await t.subscriptions.subscribe({ email: 'new@example.com' }, t.ctx)); // active now
    await t.subscriptions.unsubscribe(t.tokenOf(t.links.unsubscribeUrl(subscriberIdOf('new@example.com'))));
    answers.push(await t.subscriptions.subscribe({ email: 'new@example.com' }, t.ctx)); // unsubscribed
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('a pending address asking again gets a new confirmation only after 10 minutes, and at most 3 an hour', async () => {
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    t.clock.advance(9 * 60_000);
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    expect(t.sent).toHaveLength(1);

    t.clock.advance(60_000); // 10 minutes after the first
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    expect(t.sent).toHaveLength(2);

    t.clock.advance(10 * 60_000);
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    t.clock.advance(10 * 60_000);
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    expect(t.sent).toHaveLength(3);
  });

  it('an active address asking again gets no email and keeps its preferences', async () => {
    await t.subscriptions.subscribe({ email: 'reader@example.com', digest: 'daily' }, t.ctx);
    await t.subscriptions.confirm(t.tokenOf(t.sent[0]!.confirmUrl), t.ctx);
    t.clock.advance(3_600_000);
    await t.subscriptions.subscribe({ email: 'reader@example.com', digest: 'none' }, t.ctx);
    expect(t.sent).toHaveLength(1);
    expect(t.store.items.get(subscriberIdOf('reader@example.com'))!.preferences.digest).toBe('daily');
  });

  it('an unsubscribed address that subscribes again is pending again and gets a new confirmation', async () => {
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    await t.subscriptions.confirm(t.tokenOf(t.sent[0]!.confirmUrl), t.ctx);
    await t.subscriptions.unsubscribe(t.tokenOf(t.links.unsubscribeUrl(subscriberIdOf('reader@example.com'))));
    t.clock.advance(60_000);

    await t.subscriptions.subscribe({ email: 'reader@example.com', reminders: ['P0D'] }, t.ctx);

    const stored = t.store.items.get(subscriberIdOf('reader@example.com'))!;
    expect(stored.status).toBe('pending');
    expect(stored.confirmedAt).toBeUndefined();
    expect(stored.preferences.reminders).toEqual(['P0D']);
    expect(t.sent).toHaveLength(2);
  });

  it('a suppressed address gets nothing', async () => {
    const id = subscriberIdOf('bounced@example.com');
    t.store.items.set(id, { id, email: 'bounced@example.com', status: 'suppressed', suppressionReason: 'bounce', preferences: { timeZone: 'UTC', reminders: [], digest: 'none', events: 'all' }, consent: { requestedAt: '', requestIpHash: '', requestUserAgent: '' }, createdAt: '2016-01-01T00:00:00.000Z', updatedAt: '2016-01-01T00:00:00.000Z' });
    expect(await t.subscriptions.subscribe({ email: 'bounced@example.com' }, t.ctx)).toEqual(SUBSCRIBE_ACCEPTED);
    expect(t.sent).toHaveLength(0);
    expect(t.store.items.get(id)!.status).toBe('suppressed');
  });

  it('a bot that fills the hidden website field is answered the same and nothing happens', async () => {
    expect(await t.subscriptions.subscribe({ email: 'bot@example.com', website: 'http://spam.example' }, t.ctx)).toEqual(SUBSCRIBE_ACCEPTED);
    expect(t.store.items.size).toBe(0);
    expect(t.sent).toHaveLength(0);
  });

  it('two requests at the same moment send one confirmation', async () => {
    await Promise.all([1, 2, 3].map(() => t.subscriptions.subscribe({ email: 'race@example.com' }, t.ctx)));
    expect(t.sent).toHaveLength(1);
    expect(t.store.items.get(subscriberIdOf('race@example.com'))!.status).toBe('pending');
  });

  it('when the email cannot be sent, the reader may ask again straight away', async () => {
    t.failSend();
    await expect(t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx)).rejects.toThrow('SES is down');
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    expect(t.sent).toHaveLength(1);
  });

  it('one network may make 10 subscribe requests a minute; the 11th is a 429 that says when to retry', async () => {
    for (let i = 0; i < 10; i++) await t.subscriptions.subscribe({ email: `r${i}@example.com` }, t.ctx);
    const refused = t.subscriptions.subscribe({ email: 'r10@example.com' }, t.ctx);
    await expect(refused).rejects.toThrow(RateLimitedError);
    await expect(t.subscriptions.subscribe({ email: 'r10@example.com' }, t.ctx)).rejects.toThrow(/too many subscription requests from your network; try again in \d+ seconds/);
    expect(t.store.items.has(subscriberIdOf('r10@example.com'))).toBe(false);
    // Another network is not affected.
    await t.subscriptions.subscribe({ email: 'r10@example.com' }, { ip: '198.51.100.9' });
    expect(t.store.items.has(subscriberIdOf('r10@example.com'))).toBe(true);
  });

  it('bad input is a 400 naming the field, and nothing is stored or sent', async () => {
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
      const attempt = t.subscriptions.subscribe(body, t.ctx);
      await expect(attempt, JSON.stringify(body)).rejects.toThrow(ValidationError);
      await expect(t.subscriptions.subscribe(body, t.ctx)).rejects.toThrow(message);
    }
    expect(t.store.items.size).toBe(0);
    expect(t.sent).toHaveLength(0);
  });
});

describe('preferences and unsubscribe', () => {
  it('the preferences link changes only what is sent, and moves nothing else', async () => {
    const t = setup();
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    await t.subscriptions.confirm(t.tokenOf(t.sent[0]!.confirmUrl), t.ctx);
    const token = t.tokenOf(t.links.preferencesUrl(subscriberIdOf('reader@example.com')));

    const updated = await t.subscriptions.updatePreferences(token, { timeZone: 'Europe/Moscow', events: ['kishida-visits-russia'] });

    expect(updated.preferences).toEqual({ timeZone: 'Europe/Moscow', reminders: ['P7D', 'P1D'], digest: 'weekly', events: ['kishida-visits-russia'] });
    expect(updated.status).toBe('active');
    await expect(t.subscriptions.updatePreferences(token, { digest: 'monthly' })).rejects.toThrow(/digest must be one of/);
    await expect(t.subscriptions.updatePreferences(t.tokenOf(t.links.unsubscribeUrl(updated.id)), { digest: 'none' })).rejects.toThrow(/not for changing preferences/);
  });

  it('unsubscribing is immediate and unsubscribing twice is still a success', async () => {
    const t = setup();
    await t.subscriptions.subscribe({ email: 'reader@example.com' }, t.ctx);
    await t.subscriptions.confirm(t.tokenOf(t.sent[0]!.confirmUrl), t.ctx);
    const token = t.tokenOf(t.links.unsubscribeUrl(subscriberIdOf('reader@example.com')));

    expect(await t.subscriptions.unsubscribe(token)).toEqual({ outcome: 'unsubscribed' });
    expect(await t.subscriptions.unsubscribe(token)).toEqual({ outcome: 'already-unsubscribed' });
    expect(t.store.items.get(subscriberIdOf('reader@example.com'))!).toMatchObject({ status: 'unsubscribed', unsubscribedAt: '2016-11-20T09:00:00.000Z' });
    // An old confirmation link cannot bring the subscription back.
    await expect(t.subscriptions.confirm(t.tokenOf(t.sent[0]!.confirmUrl), t.ctx)).rejects.toThrow(/you unsubscribed after this link was sent/);
  });
});
