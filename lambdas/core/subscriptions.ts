/**
 * Readers' use cases on the request path: subscribe (double opt-in), confirm, preferences, unsubscribe.
 *
 * A subscribe request does the same work whatever the address's state: it validates, counts the client network,
 * queues the request and answers. Everything that depends on the address (is it active, pending, suppressed,
 * may its mailbox get another email) happens in the sign-up worker (sign-ups.ts), off the request path, so
 * neither the answer nor its timing says whether an address subscribes.
 *
 * Every change to a subscription is a conditional write on its `updatedAt`, so two requests at once can never
 * half-write a record: the loser re-reads and tries again.
 */
import type { Language } from './model/language.ts';
import type { Clock } from '#ports/clock.ts';
import type { RateLimiter } from '#ports/rate-limiter.ts';
import type { SignUpQueue } from '#ports/sign-up-queue.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import { truncateUserAgent, type IpHasher, type LimitKeys, type RequestContext } from './consent.ts';
import { NotFoundError, RateLimitedError, UnauthorizedError, ValidationError, VersionConflictError } from './errors.ts';
import type { DatedEvent } from './model/event.ts';
import type { Story } from './model/story.ts';
import type { Preferences, Subscriber, SubscriberStatus, SuppressionReason } from './model/subscriber.ts';
import { foldedAddress, newSubscriptionId, requireEmail } from './subscriber-id.ts';
import { DEFAULT_PREFERENCES, preferencesSchema, subscribeSchema } from './subscription-schema.ts';
import type { Suppressions } from './suppressions.ts';
import type { TokenSubject, Tokens } from './tokens.ts';
import { parseWith } from './validation.ts';

export interface SubscriptionLimits {
  /** Subscribe requests one client network (/24 for IPv4, /56 for IPv6) may make per minute (beyond: 429). */
  subscribesPerNetworkPerMinute: number;
  /**
   * Confirmation emails one mailbox (case, +tag and Gmail dots folded) may receive per hour (beyond: silently none);
   * one of them is kept for the plain spelling (no +tag), so strangers' variants cannot lock the owner out.
   */
  confirmationsPerMailboxPerHour: number;
  /** A pending address asking again gets a new confirmation only after this long. */
  resendAfterMs: number;
}

export const DEFAULT_LIMITS: SubscriptionLimits = {
  subscribesPerNetworkPerMinute: 10,
  confirmationsPerMailboxPerHour: 3,
  resendAfterMs: 10 * 60_000,
};

const DAY_MS = 86_400_000;

/** How long records that are not an active subscription are kept (deleted by DynamoDB TTL on AWS). */
export const RETENTION = {
  /** A pending sign-up: one day past its confirmation link's seven. */
  pendingMs: 8 * DAY_MS,
  /** An ended subscription (unsubscribed, bounced, complained): long enough to answer its old links and late complaints. */
  endedMs: 30 * DAY_MS,
} as const;

export interface SubscriptionsDeps {
  subscribers: SubscriberStore;
  suppressions: Suppressions;
  events: { listAll(): Promise<DatedEvent[]> };
  /** The stories a reader may follow: any that is not cancelled. */
  stories: { list(): Promise<Pick<Story, 'id' | 'status'>[]> };
  rateLimiter: RateLimiter;
  tokens: Tokens;
  signUps: SignUpQueue;
  hashIp: IpHasher;
  limitKeys: LimitKeys;
  clock: Clock;
  newRequestId?: () => string;
  limits?: Partial<SubscriptionLimits>;
}

/** The one answer to every accepted subscribe request, whatever the address's state: it reveals nothing. */
export const SUBSCRIBE_ACCEPTED = {
  status: 'accepted',
  message: 'Thanks. If this address can receive our mail, a confirmation link is on its way: open it within 7 days to start your reminders.',
} as const;
export type SubscribeAccepted = typeof SUBSCRIBE_ACCEPTED;

export type ConfirmOutcome = 'confirmed' | 'already-confirmed';
/**
 * unsubscribed: this request ended the address's subscription · already-unsubscribed: it had ended before ·
 * not-subscribed: the address has no subscription · suppressed: the address is never mailed (bounce, complaint,
 * an earlier "never") · unknown-address: a link from before links carried their address, whose subscription is gone.
 */
export type UnsubscribeOutcome = 'unsubscribed' | 'already-unsubscribed' | 'not-subscribed' | 'suppressed' | 'unknown-address';

export interface UnsubscribeResult {
  outcome: UnsubscribeOutcome;
  /** True when the mailbox is now suppressed at this request ("never mail me"). */
  blocked: boolean;
  /** Where the address stands afterwards, as the store says; 'unknown' when the link does not say which address. */
  status: 'unsubscribed' | 'suppressed' | 'none' | 'unknown';
}

interface Holder { subscriber: Subscriber | undefined; email: string | undefined }

const MAX_ATTEMPTS = 4;

export function makeSubscriptions(deps: SubscriptionsDeps) {
  const { subscribers, suppressions, events, stories, rateLimiter, tokens, signUps, hashIp, limitKeys, clock } = deps;
  const newRequestId = deps.newRequestId ?? newSubscriptionId;
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };

  async function checkStoryIds(wanted: Preferences['stories'] | undefined): Promise<void> {
    if (wanted === undefined || wanted === 'all') return;
    const known = new Set((await stories.list()).filter((s) => s.status !== 'cancelled').map((s) => s.id));
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new ValidationError(`stories: no story with id ${unknown.map((id) => `"${id}"`).join(', ')}; see GET /stories`, {
        issues: [{ field: 'stories', message: 'unknown story id' }],
      });
    }
  }

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

  /**
   * The subscription a link names, if it is still the one its address belongs to: a link of an erased or
   * replaced subscription finds nothing, even if a crash left its record behind. (A replacement always leaves
   * the address entry naming the new subscription; a record with no entry at all, as an operator may store
   * directly, still counts as its address's.) Confirmation links use this: each confirms one sign-up only.
   */
  async function current(id: string): Promise<Subscriber | undefined> {
    const s = await subscribers.get(id);
    if (!s || !s.email) return undefined;
    const owner = await subscribers.addressOwner(s.email);
    return owner === undefined || owner === s.id ? s : undefined;
  }

  /**
   * The subscription a preference or unsubscribe link acts on: whatever subscription the address it was mailed to
   * has now, whichever generation the link came from (a reader who subscribed again still holds the old mail).
   * The address is sealed in links made since they carry it; an older link knows it only while its record exists.
   */
  async function holderOf(subject: TokenSubject): Promise<Holder> {
    const own = await subscribers.get(subject.subscriptionId);
    const email = subject.address ?? own?.email;
    if (!email) return { subscriber: undefined, email: undefined };
    const ownerId = await subscribers.addressOwner(email);
    const sameAddress = (s: Subscriber | undefined) => (s && foldedAddress(s.email) === foldedAddress(email) ? s : undefined);
    if (ownerId === undefined) return { subscriber: sameAddress(own), email };
    return { subscriber: sameAddress(ownerId === own?.id ? own : await subscribers.get(ownerId)), email };
  }

  /** Reads, changes and writes one subscription until the write wins; `change` returning no `next` means "nothing to do". */
  async function mutate<R>(read: () => Promise<Subscriber | undefined>, change: (s: Subscriber | undefined, now: Date) => { next?: Subscriber; result: R }): Promise<R> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const s = await read();
      const { next, result } = change(s, clock.now());
      if (!next) return result;
      if (await subscribers.put(next, s!.updatedAt)) return result;
    }
    throw new VersionConflictError('the subscription changed while saving; try again');
  }

  async function tokenSubscriber(token: string | undefined, purpose: 'preferences'): Promise<Subscriber> {
    const { subscriber: s } = await holderOf(tokens.verifySubject(token, purpose));
    if (!s || s.status === 'suppressed') throw new NotFoundError('there is no subscription for this link any more; you can subscribe again on the home page');
    return s;
  }

  /** Where a confirmation link stands; throws what the reader should be told when it cannot confirm. */
  function confirmable(s: Subscriber | undefined, nonce: string | undefined): 'pending' | 'already-confirmed' {
    if (!s) throw new NotFoundError('this subscription no longer exists; you can subscribe again on the home page');
    if (s.status === 'active') return 'already-confirmed';
    if (s.status === 'suppressed') throw new ValidationError('we can no longer send mail to this address (it bounced or reported our mail as spam)');
    if (s.status === 'unsubscribed') throw new ValidationError('you unsubscribed after this link was sent; subscribe again to get a new one');
    if (!s.signUp || !nonce || s.signUp.nonce !== nonce) {
      throw new UnauthorizedError('this link belongs to an earlier sign-up for this address; use the link in the newest confirmation email');
    }
    return 'pending';
  }

  /**
   * A mailbox suppressed since the link was mailed (a bounce, a complaint, "never" under another spelling): the
   * sender would never mail it, so confirming would promise mail that never comes.
   */
  async function refuseSuppressedMailbox(email: string): Promise<void> {
    if (await suppressions.find(email)) {
      throw new ValidationError('we can no longer send mail to this address (it bounced, reported our mail as spam, or asked never to be mailed)');
    }
  }

  return {
    limits,

    /** Always the same answer and the same work for a valid request; a honeypot hit is answered the same and does nothing. */
    async subscribe(body: unknown, ctx: RequestContext): Promise<SubscribeAccepted> {
      if (isHoneypotHit(body)) return SUBSCRIBE_ACCEPTED;
      const input = parseWith(subscribeSchema, body);
      const email = requireEmail(input.email);
      const preferences: Preferences = {
        timeZone: input.timeZone ?? DEFAULT_PREFERENCES.timeZone,
        reminders: input.reminders ?? DEFAULT_PREFERENCES.reminders,
        digest: input.digest ?? DEFAULT_PREFERENCES.digest,
        stories: input.stories ?? DEFAULT_PREFERENCES.stories,
        events: input.events ?? DEFAULT_PREFERENCES.events,
        ...(input.updates === false ? { updates: false } : {}),
        // The sign-up's own choice (the form preselects the browser's); none given: English, stored as absent.
        ...(input.language && input.language !== 'en' ? { language: input.language } : {}),
      };
      await Promise.all([checkEventIds(preferences.events), checkStoryIds(preferences.stories)]);

      const now = clock.now();
      const perNetwork = await rateLimiter.hit(limitKeys.network(ctx.ip), limits.subscribesPerNetworkPerMinute, 60, now);
      if (!perNetwork.allowed) {
        throw new RateLimitedError(`too many subscription requests from your network; try again in ${perNetwork.retryAfterSeconds} seconds`, {
          retryAfterSeconds: perNetwork.retryAfterSeconds,
        });
      }
      await signUps.enqueue({
        requestId: newRequestId(), email, preferences,
        consent: { requestedAt: now.toISOString(), requestIpHash: hashIp(ctx.ip), requestUserAgent: truncateUserAgent(ctx.userAgent) },
      });
      return SUBSCRIBE_ACCEPTED;
    },

    /** What a confirmation link would confirm (GET and HEAD: mail scanners fetch links, so this changes nothing). */
    async confirmation(token: string | undefined): Promise<{ state: 'pending' | 'already-confirmed'; subscriber: Subscriber }> {
      const { subscriptionId, nonce } = tokens.verifySubject(token, 'confirm');
      const s = await current(subscriptionId);
      const state = confirmable(s, nonce);
      if (state === 'pending') await refuseSuppressedMailbox(s!.email);
      return { state, subscriber: s! };
    },

    /** The reader's own click (a POST): one step from pending to active; a second click is harmless. */
    async confirm(token: string | undefined, ctx: RequestContext): Promise<{ outcome: ConfirmOutcome; subscriber: Subscriber }> {
      const { subscriptionId, nonce } = tokens.verifySubject(token, 'confirm');
      const ipHash = hashIp(ctx.ip);
      let addressSettled = false;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const s = await current(subscriptionId);
        if (confirmable(s, nonce) === 'already-confirmed') return { outcome: 'already-confirmed', subscriber: s! };
        const pending = s!;
        if (attempt === 0) await refuseSuppressedMailbox(pending.email);
        // First the address entry loses its expiry, so it can never expire under an active subscription.
        if (!addressSettled) {
          await subscribers.setAddressExpiry(pending.email, pending.id, undefined);
          addressSettled = true;
        }
        const now = clock.now();
        const at = now.toISOString();
        const { signUp: _signUp, expiresAt: _expires, ...rest } = pending;
        const next: Subscriber = {
          ...rest,
          status: 'active',
          confirmedAt: at,
          consent: { ...pending.consent, confirmedAt: at, confirmIpHash: ipHash, confirmUserAgent: truncateUserAgent(ctx.userAgent) },
          updatedAt: stamp(pending.updatedAt, now),
        };
        if (await subscribers.put(next, pending.updatedAt)) return { outcome: 'confirmed', subscriber: next };
      }
      throw new VersionConflictError('the subscription changed while saving; try again');
    },

    async preferences(token: string | undefined): Promise<Subscriber> {
      return tokenSubscriber(token, 'preferences');
    },

    /** Changes only the fields sent (an HTML form sends them all). */
    async updatePreferences(token: string | undefined, body: unknown): Promise<Subscriber> {
      const subject = tokens.verifySubject(token, 'preferences');
      const patch = parseWith(preferencesSchema, body);
      await Promise.all([checkEventIds(patch.events), checkStoryIds(patch.stories)]);
      return mutate(async () => (await holderOf(subject)).subscriber, (s, now) => {
        if (!s || s.status === 'suppressed') throw new NotFoundError('there is no subscription for this link any more; you can subscribe again on the home page');
        const preferences: Preferences = {
          timeZone: patch.timeZone ?? s.preferences.timeZone,
          reminders: patch.reminders ?? s.preferences.reminders,
          digest: patch.digest ?? s.preferences.digest,
          events: patch.events ?? s.preferences.events,
          ...(patch.stories ?? s.preferences.stories ? { stories: patch.stories ?? s.preferences.stories } : {}),
          ...((patch.updates ?? s.preferences.updates) === false ? { updates: false } : {}),
          ...(patch.language ?? s.preferences.language ? { language: patch.language ?? s.preferences.language } : {}),
        };
        const next: Subscriber = { ...s, preferences, updatedAt: stamp(s.updatedAt, now) };
        return { next, result: next };
      });
    },

    /** Who an unsubscribe link is for (the page shows it masked) and where it stands; checks the token, changes nothing. */
    async unsubscribeTarget(
      token: string | undefined,
    ): Promise<{ email?: string; status: SubscriberStatus | 'none'; language?: Language }> {
      const { subscriber, email } = await holderOf(tokens.verifySubject(token, 'unsubscribe'));
      const language = subscriber?.preferences.language;
      return { ...(email ? { email } : {}), status: subscriber?.status ?? 'none', ...(language ? { language } : {}) };
    },

    /**
     * Honoured at once (RFC 8058), whichever subscription the link came from: it ends the address's current one
     * (active or pending; a pending one's confirmation link stops working), so only a fresh sign-up confirmed
     * by the reader starts mail again. Unsubscribing twice, or after erasure, is still a success. With `never`,
     * the reader also asks never to be mailed again: the address's mailbox is suppressed for good, sign-ups
     * included. Either way the mailbox is recorded as having left, so an import cannot bring it back.
     */
    async unsubscribe(token: string | undefined, options: { never?: boolean } = {}): Promise<UnsubscribeResult> {
      const subject = tokens.verifySubject(token, 'unsubscribe');
      let email: string | undefined;
      let ended: Subscriber | undefined;
      const outcome = await mutate<UnsubscribeOutcome>(async () => {
        const holder = await holderOf(subject);
        email = holder.email;
        return holder.subscriber;
      }, (s, now) => {
        if (!email) return { result: 'unknown-address' };
        if (!s) return { result: 'not-subscribed' };
        if (s.status === 'suppressed') return { result: 'suppressed' };
        if (s.status === 'unsubscribed') return { result: 'already-unsubscribed' };
        const { signUp: _signUp, ...rest } = s;
        const next: Subscriber = {
          ...rest, status: 'unsubscribed', unsubscribedAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + RETENTION.endedMs).toISOString(), updatedAt: stamp(s.updatedAt, now),
        };
        ended = next;
        return { next, result: 'unsubscribed' };
      });
      // The address entry goes when the record does; a failure here only leaves an entry naming a deleted record.
      if (ended) await subscribers.setAddressExpiry(ended.email, ended.id, ended.expiresAt).catch(() => undefined);
      const blocked = Boolean(options.never && email);
      if (email && (ended || blocked)) await suppressions.recordDeparture(email, 'unsubscribed', clock.now());
      if (blocked) {
        await suppressions.add(email!, 'request', clock.now());
        // "Never" holds for the mailbox: its subscriptions under other spellings end too (and count out).
        await endOtherSpellings({ subscribers, clock }, email!, 'request');
      }
      const status: UnsubscribeResult['status'] = !email ? 'unknown' : blocked || outcome === 'suppressed' ? 'suppressed'
        : outcome === 'not-subscribed' ? 'none' : 'unsubscribed';
      return { outcome, blocked, status };
    },
  };
}

export type Subscriptions = ReturnType<typeof makeSubscriptions>;

/** People never see the `website` field; anything in it is a bot filling every input. */
export function isHoneypotHit(body: unknown): boolean {
  const value = (body as Record<string, unknown> | null)?.website;
  return typeof value === 'string' && value.trim() !== '';
}

/** A new `updatedAt` strictly after the previous one, even when the clock has not moved (manual or replay clocks). */
export function stamp(previous: string | undefined, now: Date): string {
  const prev = previous ? Date.parse(previous) : Number.NaN;
  return new Date(Number.isFinite(prev) && prev >= now.getTime() ? prev + 1 : now.getTime()).toISOString();
}

/** The subscription as a suppression of its mailbox leaves it: ended, never mailed, deleted after the retention. */
export function suppressedSubscription(s: Subscriber, reason: SuppressionReason, now: Date): Subscriber {
  const { signUp: _signUp, ...rest } = s;
  return {
    ...rest, status: 'suppressed', suppressedAt: now.toISOString(), suppressionReason: reason,
    expiresAt: new Date(now.getTime() + RETENTION.endedMs).toISOString(), updatedAt: stamp(s.updatedAt, now),
  };
}

/**
 * Ends the active subscriptions of a mailbox just suppressed that are held under other spellings of it (`Jane.Doe@`
 * and `janedoe+x@googlemail.com`): the sender would never mail them, so they stop being counted as readers too.
 * Each is rewritten on its own version, read again after a lost race; its address entry then expires with it.
 */
export async function endOtherSpellings(
  { subscribers, clock }: { subscribers: SubscriberStore; clock: Clock }, email: string, reason: SuppressionReason,
): Promise<Subscriber[]> {
  const ended: Subscriber[] = [];
  for (const found of await subscribers.activeInMailbox(email)) {
    for (let attempt = 0; ; attempt++) {
      const current = attempt === 0 ? found : await subscribers.get(found.id);
      if (!current || current.status !== 'active') break;
      const next = suppressedSubscription(current, reason, clock.now());
      if (await subscribers.put(next, current.updatedAt)) {
        ended.push(next);
        await subscribers.setAddressExpiry(next.email, next.id, next.expiresAt);
        break;
      }
      if (attempt + 1 >= 4) throw new Error('a subscription of the suppressed mailbox kept changing; retried later');
    }
  }
  return ended;
}
