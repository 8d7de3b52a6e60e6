/**
 * What the readers' use cases on the request path share: their limits, how long records are kept, their outcomes,
 * and how a link finds the subscription it acts on. Each use case has a module of its own, so a function bundles
 * only the ones its routes run: subscribe.ts (POST /subscriptions, the subscribe function), confirmations.ts and
 * unsubscribes.ts (public-api), preferences.ts (the preferences function).
 *
 * A subscribe request does the same work whatever the address's state: it validates, counts the client network,
 * queues the request and answers. Everything that depends on the address (is it active, pending, suppressed,
 * may its mailbox get another email) happens in the sign-up worker (sign-ups.ts), off the request path, so
 * neither the answer nor its timing says whether an address subscribes.
 *
 * Every change to a subscription is a conditional write on its `updatedAt`, so two requests at once can never
 * half-write a record: the loser re-reads and tries again.
 */
import type { Clock } from '#ports/clock.ts';
import type { SubscriptionRecords } from '#ports/subscriber-store.ts';
import { ValidationError, VersionConflictError } from './errors.ts';
import type { DatedEvent } from './model/event.ts';
import type { Story } from './model/story.ts';
import type { Preferences, Subscriber, SuppressionReason } from './model/subscriber.ts';
import { foldedAddress } from './subscriber-id.ts';
import type { TokenSubject } from './tokens.ts';

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

/** The stories and events a reader may choose, for checking the ids a sign-up or a preference change names. */
export interface ChoosableIds {
  events: { listAll(): Promise<DatedEvent[]> };
  /** The stories a reader may follow: any that is not cancelled. */
  stories: { list(): Promise<Pick<Story, 'id' | 'status'>[]> };
}

/** Refuses story or event ids that name nothing a reader can follow (a cancelled story, an event not listed). */
export async function checkChosenIds(
  { events, stories }: ChoosableIds, chosen: Partial<Pick<Preferences, 'events' | 'stories'>>,
): Promise<void> {
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

  await Promise.all([checkEventIds(chosen.events), checkStoryIds(chosen.stories)]);
}

export const MAX_ATTEMPTS = 4;

/**
 * The subscription a link names, if it is still the one its address belongs to: a link of an erased or
 * replaced subscription finds nothing, even if a crash left its record behind. (A replacement always leaves
 * the address entry naming the new subscription; a record with no entry at all, as an operator may store
 * directly, still counts as its address's.) Confirmation links use this: each confirms one sign-up only.
 */
export async function currentSubscription(
  subscribers: SubscriptionRecords, id: string,
): Promise<Subscriber | undefined> {
  const s = await subscribers.get(id);
  if (!s || !s.email) return undefined;
  const owner = await subscribers.addressOwner(s.email);
  return owner === undefined || owner === s.id ? s : undefined;
}

export interface Holder { subscriber: Subscriber | undefined; email: string | undefined }

/**
 * The subscription a preference or unsubscribe link acts on: whatever subscription the address it was mailed to
 * has now, whichever generation the link came from (a reader who subscribed again still holds the old mail).
 * The address is sealed in links made since they carry it; an older link knows it only while its record exists.
 */
export async function holderOf(subscribers: SubscriptionRecords, subject: TokenSubject): Promise<Holder> {
  const own = await subscribers.get(subject.subscriptionId);
  const email = subject.address ?? own?.email;
  if (!email) return { subscriber: undefined, email: undefined };
  const ownerId = await subscribers.addressOwner(email);
  const sameAddress = (s: Subscriber | undefined) =>
    (s && foldedAddress(s.email) === foldedAddress(email) ? s : undefined);
  if (ownerId === undefined) return { subscriber: sameAddress(own), email };
  return { subscriber: sameAddress(ownerId === own?.id ? own : await subscribers.get(ownerId)), email };
}

/**
 * Reads, changes and writes one subscription until the write wins; `change` returning no `next` means "nothing to
 * do".
 */
export async function mutate<R>(
  { subscribers, clock }: { subscribers: SubscriptionRecords; clock: Clock },
  read: () => Promise<Subscriber | undefined>,
  change: (s: Subscriber | undefined, now: Date) => { next?: Subscriber; result: R },
): Promise<R> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const s = await read();
    const { next, result } = change(s, clock.now());
    if (!next) return result;
    if (await subscribers.put(next, s!.updatedAt)) return result;
  }
  throw new VersionConflictError('the subscription changed while saving; try again');
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
  { subscribers, clock }: { subscribers: SubscriptionRecords; clock: Clock }, email: string, reason: SuppressionReason,
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
