/** A confirmation link: what it would confirm (GET, HEAD), and the reader's click that confirms (POST). */
import type { Clock } from '#ports/clock.ts';
import type { SubscriptionRecords } from '#ports/subscriber-store.ts';
import { truncateUserAgent, type IpHasher, type RequestContext } from './consent.ts';
import { NotFoundError, UnauthorizedError, ValidationError, VersionConflictError } from './errors.ts';
import type { Subscriber } from './model/subscriber.ts';
import { currentSubscription, MAX_ATTEMPTS, stamp, type ConfirmOutcome } from './subscriptions.ts';
import type { Suppressions } from './suppressions.ts';
import type { Tokens } from './tokens.ts';

export interface ConfirmationsDeps {
  subscribers: SubscriptionRecords;
  suppressions: Pick<Suppressions, 'find'>;
  tokens: Tokens;
  hashIp: IpHasher;
  clock: Clock;
}

/** Where a confirmation link stands; throws what the reader should be told when it cannot confirm. */
function confirmable(s: Subscriber | undefined, nonce: string | undefined): 'pending' | 'already-confirmed' {
  if (!s) throw new NotFoundError('this subscription no longer exists; you can subscribe again on the home page');
  if (s.status === 'active') return 'already-confirmed';
  if (s.status === 'suppressed') {
    throw new ValidationError('we can no longer send mail to this address (it bounced or reported our mail as spam)');
  }
  if (s.status === 'unsubscribed') {
    throw new ValidationError('you unsubscribed after this link was sent; subscribe again to get a new one');
  }
  if (!s.signUp || !nonce || s.signUp.nonce !== nonce) {
    throw new UnauthorizedError(
      'this link belongs to an earlier sign-up for this address; use the link in the newest confirmation email',
    );
  }
  return 'pending';
}

export function makeConfirmations({ subscribers, suppressions, tokens, hashIp, clock }: ConfirmationsDeps) {
  /**
   * A mailbox suppressed since the link was mailed (a bounce, a complaint, "never" under another spelling): the
   * sender would never mail it, so confirming would promise mail that never comes.
   */
  async function refuseSuppressedMailbox(email: string): Promise<void> {
    if (await suppressions.find(email)) {
      throw new ValidationError(
        'we can no longer send mail to this address (it bounced, reported our mail as spam, or asked never to be'
          + ' mailed)',
      );
    }
  }

  return {
    /** What a confirmation link would confirm (GET and HEAD: mail scanners fetch links, so this changes nothing). */
    async confirmation(
      token: string | undefined,
    ): Promise<{ state: 'pending' | 'already-confirmed'; subscriber: Subscriber }> {
      const { subscriptionId, nonce } = tokens.verifySubject(token, 'confirm');
      const s = await currentSubscription(subscribers, subscriptionId);
      const state = confirmable(s, nonce);
      if (state === 'pending') await refuseSuppressedMailbox(s!.email);
      return { state, subscriber: s! };
    },

    /** The reader's own click (a POST): one step from pending to active; a second click is harmless. */
    async confirm(
      token: string | undefined, ctx: RequestContext,
    ): Promise<{ outcome: ConfirmOutcome; subscriber: Subscriber }> {
      const { subscriptionId, nonce } = tokens.verifySubject(token, 'confirm');
      const ipHash = hashIp(ctx.ip);
      let addressSettled = false;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const s = await currentSubscription(subscribers, subscriptionId);
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
          consent: {
            ...pending.consent, confirmedAt: at, confirmIpHash: ipHash,
            confirmUserAgent: truncateUserAgent(ctx.userAgent),
          },
          updatedAt: stamp(pending.updatedAt, now),
        };
        if (await subscribers.put(next, pending.updatedAt)) return { outcome: 'confirmed', subscriber: next };
      }
      throw new VersionConflictError('the subscription changed while saving; try again');
    },
  };
}

export type Confirmations = ReturnType<typeof makeConfirmations>;
