/**
 * Readers' use cases: subscribe (double opt-in), confirm, preferences, unsubscribe. Every change is a
 * conditional write on the subscriber's `updatedAt`, so two requests at once can neither half-write a record
 * nor both send a confirmation: the loser re-reads and finds the work done.
 */
import type { Clock } from '#ports/clock.ts';
import type { RateLimiter } from '#ports/rate-limiter.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import type { SendConfirmation } from './confirmation-mail.ts';
import { truncateUserAgent, type IpHasher, type RequestContext } from './consent.ts';
import { NotFoundError, RateLimitedError, ValidationError, VersionConflictError } from './errors.ts';
import type { DatedEvent } from './event.ts';
import type { Links } from './links.ts';
import type { Preferences, Subscriber } from './subscriber.ts';
import { requireEmail, subscriberIdOf } from './subscriber-id.ts';
import { DEFAULT_PREFERENCES, preferencesSchema, subscribeSchema } from './subscription-schema.ts';
import type { Tokens } from './tokens.ts';
import { parseWith } from './validation.ts';

export interface SubscriptionLimits {
  /** Subscribe requests one client IP may make per minute (beyond: 429). */
  subscribesPerIpPerMinute: number;
  /** Confirmation emails one address may receive per hour (beyond: silently none). */
  confirmationsPerAddressPerHour: number;
  /** A pending address asking again gets a new confirmation only after this long. */
  resendAfterMs: number;
}

export const DEFAULT_LIMITS: SubscriptionLimits = {
  subscribesPerIpPerMinute: 10,
  confirmationsPerAddressPerHour: 3,
  resendAfterMs: 10 * 60_000,
};

export interface SubscriptionsDeps {
  subscribers: SubscriberStore;
  events: { listAll(): Promise<DatedEvent[]> };
  rateLimiter: RateLimiter;
  tokens: Tokens;
  links: Links;
  sendConfirmation: SendConfirmation;
  hashIp: IpHasher;
  clock: Clock;
  limits?: Partial<SubscriptionLimits>;
}

/** The one answer to every accepted subscribe request, whatever the address's state: it reveals nothing. */
export const SUBSCRIBE_ACCEPTED = {
  status: 'accepted',
  message: 'Thanks. If this address can receive our mail, a confirmation link is on its way: open it within 7 days to start your reminders.',
} as const;
export type SubscribeAccepted = typeof SUBSCRIBE_ACCEPTED;

export type ConfirmOutcome = 'confirmed' | 'already-confirmed';
export type UnsubscribeOutcome = 'unsubscribed' | 'already-unsubscribed' | 'not-subscribed';

const MAX_ATTEMPTS = 4;

export function makeSubscriptions(deps: SubscriptionsDeps) {
  const { subscribers, events, rateLimiter, tokens, links, sendConfirmation, hashIp, clock } = deps;
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };

  async function checkEventIds(wanted: Preferences['events'] | undefined): Promise<void> {
    if (wanted === undefined || wanted === 'all') return;
    const known = new Set((await events.listAll()).map((e) => e.id));
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new ValidationError(`events: no event with id ${unknown.map((id) => `"${id}"`).join(', ')}; see GET /events`, {
        issues: [{ field: 'events', message: 'unknown event id' }],
      });
    }
  }

  /** Reads, changes and writes one subscriber until the write wins; `change` returning undefined means "nothing to do". */
  async function mutate<R>(id: string, change: (current: Subscriber | undefined, now: Date) => { next?: Subscriber; result: R }): Promise<R> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await subscribers.get(id);
      const { next, result } = change(current, clock.now());
      if (!next) return result;
      if (await subscribers.put(next, current?.updatedAt ?? null)) return result;
    }
    throw new VersionConflictError('the subscription changed while saving; try again');
  }

  async function tokenSubscriber(token: string | undefined, purpose: 'preferences'): Promise<Subscriber> {
    const id = tokens.verify(token, purpose);
    const s = await subscribers.get(id);
    if (!s || s.status === 'suppressed') throw new NotFoundError('there is no subscription for this link any more; you can subscribe again on the home page');
    return s;
  }

  return {
    limits,

    /** Always the same answer for a valid request; a honeypot hit is answered the same and does nothing. */
    async subscribe(body: unknown, ctx: RequestContext): Promise<SubscribeAccepted> {
      if (isHoneypotHit(body)) return SUBSCRIBE_ACCEPTED;
      const input = parseWith(subscribeSchema, body);
      const email = requireEmail(input.email);
      const preferences: Preferences = {
        timeZone: input.timeZone ?? DEFAULT_PREFERENCES.timeZone,
        reminders: input.reminders ?? DEFAULT_PREFERENCES.reminders,
        digest: input.digest ?? DEFAULT_PREFERENCES.digest,
        events: input.events ?? DEFAULT_PREFERENCES.events,
      };
      await checkEventIds(preferences.events);

      const ipHash = hashIp(ctx.ip);
      const perIp = await rateLimiter.hit(`subscribe-ip:${ipHash}`, limits.subscribesPerIpPerMinute, 60, clock.now());
      if (!perIp.allowed) {
        throw new RateLimitedError(`too many subscription requests from your network; try again in ${perIp.retryAfterSeconds} seconds`, {
          retryAfterSeconds: perIp.retryAfterSeconds,
        });
      }

      const id = subscriberIdOf(email);
      let addressChecked = false;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const current = await subscribers.get(id);
        const now = clock.now();
        const next = pendingRequest(current, { id, email, preferences, ipHash, userAgent: ctx.userAgent, now, resendAfterMs: limits.resendAfterMs });
        if (!next) return SUBSCRIBE_ACCEPTED;
        if (!addressChecked) {
          // Silent on purpose: a 429 here would tell a stranger that this address was asked for recently.
          const perAddress = await rateLimiter.hit(`confirm-address:${id}`, limits.confirmationsPerAddressPerHour, 3600, now);
          if (!perAddress.allowed) return SUBSCRIBE_ACCEPTED;
          addressChecked = true;
        }
        // The write claims the send: of two concurrent requests only one passes the condition and mails.
        if (!(await subscribers.put(next, current?.updatedAt ?? null))) continue;
        try {
          await sendConfirmation(next, links.confirmUrl(id));
        } catch (err) {
          // Give the claim back, so the reader can ask again at once instead of waiting out the resend delay.
          const { lastConfirmationSentAt: _, ...rest } = next;
          const undo: Subscriber = { ...rest, ...(current?.lastConfirmationSentAt ? { lastConfirmationSentAt: current.lastConfirmationSentAt } : {}), updatedAt: stamp(next.updatedAt, clock.now()) };
          await subscribers.put(undo, next.updatedAt).catch(() => false);
          throw err;
        }
        return SUBSCRIBE_ACCEPTED;
      }
      return SUBSCRIBE_ACCEPTED;
    },

    /** One step from pending to active; a second click is harmless. */
    async confirm(token: string | undefined, ctx: RequestContext): Promise<{ outcome: ConfirmOutcome; subscriber: Subscriber }> {
      const id = tokens.verify(token, 'confirm');
      const ipHash = hashIp(ctx.ip);
      return mutate<{ outcome: ConfirmOutcome; subscriber: Subscriber }>(id, (s, now) => {
        if (!s || (s.status === 'suppressed' && s.suppressionReason === 'erased')) {
          throw new NotFoundError('this subscription no longer exists; you can subscribe again on the home page');
        }
        if (s.status === 'suppressed') throw new ValidationError('we can no longer send mail to this address (it bounced or reported our mail as spam)');
        if (s.status === 'unsubscribed') throw new ValidationError('you unsubscribed after this link was sent; subscribe again to get a new one');
        if (s.status === 'active') return { result: { outcome: 'already-confirmed' as const, subscriber: s } };
        const at = now.toISOString();
        const next: Subscriber = {
          ...s,
          status: 'active',
          confirmedAt: at,
          consent: { ...s.consent, confirmedAt: at, confirmIpHash: ipHash, confirmUserAgent: truncateUserAgent(ctx.userAgent) },
          updatedAt: stamp(s.updatedAt, now),
        };
        return { next, result: { outcome: 'confirmed' as const, subscriber: next } };
      });
    },

    async preferences(token: string | undefined): Promise<Subscriber> {
      return tokenSubscriber(token, 'preferences');
    },

    /** Changes only the fields sent (an HTML form sends them all). */
    async updatePreferences(token: string | undefined, body: unknown): Promise<Subscriber> {
      const id = tokens.verify(token, 'preferences');
      const patch = parseWith(preferencesSchema, body);
      await checkEventIds(patch.events);
      return mutate(id, (s, now) => {
        if (!s || s.status === 'suppressed') throw new NotFoundError('there is no subscription for this link any more; you can subscribe again on the home page');
        const preferences: Preferences = {
          timeZone: patch.timeZone ?? s.preferences.timeZone,
          reminders: patch.reminders ?? s.preferences.reminders,
          digest: patch.digest ?? s.preferences.digest,
          events: patch.events ?? s.preferences.events,
        };
        const next: Subscriber = { ...s, preferences, updatedAt: stamp(s.updatedAt, now) };
        return { next, result: next };
      });
    },

    /** Who an unsubscribe link is for (the page shows it masked); checks the token, changes nothing. */
    async unsubscribeTarget(token: string | undefined): Promise<Subscriber | undefined> {
      const s = await subscribers.get(tokens.verify(token, 'unsubscribe'));
      return s && s.email ? s : undefined;
    },

    /** Honoured at once (RFC 8058); unsubscribing twice, or after erasure, is still a success. */
    async unsubscribe(token: string | undefined): Promise<{ outcome: UnsubscribeOutcome }> {
      const id = tokens.verify(token, 'unsubscribe');
      return mutate<{ outcome: UnsubscribeOutcome }>(id, (s, now) => {
        if (!s || s.status === 'suppressed') return { result: { outcome: 'not-subscribed' as const } };
        if (s.status === 'unsubscribed') return { result: { outcome: 'already-unsubscribed' as const } };
        const next: Subscriber = { ...s, status: 'unsubscribed', unsubscribedAt: now.toISOString(), updatedAt: stamp(s.updatedAt, now) };
        return { next, result: { outcome: 'unsubscribed' as const } };
      });
    },
  };
}

export type Subscriptions = ReturnType<typeof makeSubscriptions>;

/** People never see the `website` field; anything in it is a bot filling every input. */
export function isHoneypotHit(body: unknown): boolean {
  const value = (body as Record<string, unknown> | null)?.website;
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * What a subscribe request does to the stored subscriber: a new or unsubscribed address becomes pending with
 * a fresh consent record; a pending one is refreshed if its last confirmation is old enough; an active or
 * suppressed one is left alone. The result carries `lastConfirmationSentAt = now`: writing it claims the send.
 */
export function pendingRequest(current: Subscriber | undefined, r: {
  id: string; email: string; preferences: Preferences; ipHash: string; userAgent?: string; now: Date; resendAfterMs: number;
}): Subscriber | undefined {
  const at = r.now.toISOString();
  const consent = { requestedAt: at, requestIpHash: r.ipHash, requestUserAgent: truncateUserAgent(r.userAgent) };
  if (!current) {
    return { id: r.id, email: r.email, status: 'pending', preferences: r.preferences, consent, createdAt: at, updatedAt: at, lastConfirmationSentAt: at };
  }
  if (current.status === 'active' || current.status === 'suppressed') return undefined;
  if (current.status === 'pending' && current.lastConfirmationSentAt
    && r.now.getTime() - Date.parse(current.lastConfirmationSentAt) < r.resendAfterMs) return undefined;
  const { confirmedAt: _c, unsubscribedAt: _u, ...rest } = current;
  return { ...rest, email: r.email, status: 'pending', preferences: r.preferences, consent, updatedAt: stamp(current.updatedAt, r.now), lastConfirmationSentAt: at };
}

/** A new `updatedAt` strictly after the previous one, even when the clock has not moved (manual or replay clocks). */
export function stamp(previous: string | undefined, now: Date): string {
  const prev = previous ? Date.parse(previous) : Number.NaN;
  return new Date(Number.isFinite(prev) && prev >= now.getTime() ? prev + 1 : now.getTime()).toISOString();
}
