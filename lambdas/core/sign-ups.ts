/**
 * The sign-up worker: what a queued subscribe request does to its address, off the request path. It may make
 * the address pending (a new subscription with its own id, or a new request on a pending one) and mail the
 * confirmation, bound to that request by a fresh nonce. Nothing happens for an active or suppressed address, a
 * pending one asked again within the resend delay, or a mailbox that had its confirmations for the hour
 * (mayMailMailbox: the owner's plain spelling keeps one that other spellings cannot use up).
 *
 * It is safe to run twice for one request (a queue redelivers): the stored request id tells a retry from a new
 * request, so a retry only finishes the mailing its first attempt could not.
 */
import type { Clock } from '#ports/clock.ts';
import { MailerRejectedError } from '#ports/mailer.ts';
import type { RateLimiter } from '#ports/rate-limiter.ts';
import type { SignUpMessage } from '#ports/sign-up-queue.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import type { SendConfirmation } from './confirmation-mail.ts';
import type { LimitKeys } from './consent.ts';
import type { Links } from './links.ts';
import type { Subscriber } from './model/subscriber.ts';
import { isPlainSpelling, newSubscriptionId } from './subscriber-id.ts';
import { DEFAULT_LIMITS, RETENTION, stamp, type SubscriptionLimits } from './subscriptions.ts';
import type { Suppressions } from './suppressions.ts';

export type SignUpOutcome =
  | 'mailed' | 'already-mailed' | 'active' | 'suppressed' | 'recently-mailed' | 'mailbox-limit' | 'rejected';

export interface SignUpsDeps {
  subscribers: SubscriberStore;
  suppressions: Suppressions;
  rateLimiter: RateLimiter;
  limitKeys: LimitKeys;
  links: Links;
  sendConfirmation: SendConfirmation;
  clock: Clock;
  newNonce?: () => string;
  limits?: Partial<SubscriptionLimits>;
}

export type ProcessSignUp = (request: SignUpMessage) => Promise<SignUpOutcome>;

const MAX_ATTEMPTS = 4;

export function makeSignUps(deps: SignUpsDeps): ProcessSignUp {
  const { subscribers, suppressions, rateLimiter, limitKeys, links, sendConfirmation, clock } = deps;
  const newNonce = deps.newNonce ?? newSubscriptionId;
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const pendingUntil = (now: Date) => new Date(now.getTime() + RETENTION.pendingMs).toISOString();

  /** Mails the request's confirmation, then records that it went out (a failure is thrown: the queue retries). */
  async function mail(s: Subscriber): Promise<SignUpOutcome> {
    const signUp = s.signUp!;
    try {
      await sendConfirmation(s, links.confirmUrl(s.id, signUp.nonce));
    } catch (err) {
      // The transport refused this address for good: retrying cannot help, and the pending record expires.
      if (err instanceof MailerRejectedError) return 'rejected';
      throw err;
    }
    const now = clock.now();
    // A lost race here (the record changed meanwhile) only means a redelivery might mail once more.
    await subscribers.put({ ...s, signUp: { ...signUp, mailedAt: now.toISOString() }, updatedAt: stamp(s.updatedAt, now) }, s.updatedAt);
    return 'mailed';
  }

  /**
   * At most `confirmationsPerMailboxPerHour` (3) a mailbox an hour, in two parts so a stranger cannot lock the
   * owner out: any spelling (`owner+1@`, `o.wner@gmail.com`) draws on a shared part of all but one; the last one
   * is kept for the plain spelling (no `+tag`), the one the owner most likely types.
   */
  async function mayMailMailbox(email: string, now: Date): Promise<boolean> {
    const limit = limits.confirmationsPerMailboxPerHour;
    const kept = limit > 1 ? 1 : 0;
    const key = limitKeys.mailbox(email);
    if ((await rateLimiter.hit(key, limit - kept, 3600, now)).allowed) return true;
    return kept > 0 && isPlainSpelling(email) && (await rateLimiter.hit(`${key}:plain`, kept, 3600, now)).allowed;
  }

  return async function processSignUp(request) {
    if (await suppressions.find(request.email)) return 'suppressed';
    let mailboxCounted = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const owner = await subscribers.addressOwner(request.email);
      const current = owner ? await subscribers.get(owner) : undefined;
      const now = clock.now();

      // A redelivery of this very request: finish what the first attempt started.
      if (current?.signUp?.requestId === request.requestId) {
        return current.signUp.mailedAt ? 'already-mailed' : mail(current);
      }
      if (current?.status === 'active') return 'active';
      if (current?.status === 'suppressed') return 'suppressed';
      if (current?.status === 'pending' && current.signUp
        && now.getTime() - Date.parse(current.signUp.requestedAt) < limits.resendAfterMs) {
        // No second mail so soon, but the reader's latest choices are what the link they have confirms.
        if (JSON.stringify(current.preferences) === JSON.stringify(request.preferences)) return 'recently-mailed';
        const next: Subscriber = {
          ...current, preferences: request.preferences, updatedAt: stamp(current.updatedAt, now),
        };
        if (!(await subscribers.put(next, current.updatedAt))) continue;
        return 'recently-mailed';
      }
      if (!mailboxCounted) {
        // Silent on purpose: nobody is told that this mailbox was asked for recently.
        if (!(await mayMailMailbox(request.email, now))) return 'mailbox-limit';
        mailboxCounted = true;
      }

      const at = now.toISOString();
      const expiresAt = pendingUntil(now);
      const signUp = { requestId: request.requestId, nonce: newNonce(), requestedAt: at };
      const consent = { ...request.consent };

      if (current?.status === 'pending') {
        // The same subscription, a new request: the earlier link no longer confirms (its nonce is gone).
        const next: Subscriber = {
          ...current, email: request.email, preferences: request.preferences, consent, signUp, expiresAt,
          updatedAt: stamp(current.updatedAt, now),
        };
        if (!(await subscribers.put(next, current.updatedAt))) continue;
        await subscribers.setAddressExpiry(request.email, next.id, expiresAt);
        return mail(next);
      }

      // No subscription, or one that ended: a new one with its own id, so the old one's links stop working.
      const next: Subscriber = {
        id: request.requestId, email: request.email, status: 'pending', preferences: request.preferences, consent,
        createdAt: at, updatedAt: at, signUp, expiresAt,
      };
      // Unconditional: the id is this request's own, and nothing points at it yet.
      await subscribers.put(next);
      if (current) await subscribers.remove(current.id, current.updatedAt);
      if (!(await subscribers.claimAddress(request.email, next.id, owner, expiresAt))) {
        // Another request took the address first (unless it was a redelivery of this one); ours belongs to no one.
        if ((await subscribers.addressOwner(request.email)) !== next.id) await subscribers.remove(next.id);
        continue;
      }
      return mail(next);
    }
    throw new Error('sign-up: the address kept changing while processing; the request will be retried');
  };
}
