/** An unsubscribe link: who it is for (GET, HEAD), and unsubscribing (the page's POST, or RFC 8058's one click). */
import type { Clock } from '#ports/clock.ts';
import type { SubscriptionRecords } from '#ports/subscriber-store.ts';
import type { Language } from './model/language.ts';
import type { Subscriber, SubscriberStatus } from './model/subscriber.ts';
import {
  endOtherSpellings, holderOf, mutate, RETENTION, stamp, type UnsubscribeOutcome, type UnsubscribeResult,
} from './subscriptions.ts';
import type { Suppressions } from './suppressions.ts';
import type { Tokens } from './tokens.ts';

export interface UnsubscribesDeps {
  subscribers: SubscriptionRecords;
  suppressions: Pick<Suppressions, 'add' | 'recordDeparture'>;
  tokens: Tokens;
  clock: Clock;
}

export function makeUnsubscribes({ subscribers, suppressions, tokens, clock }: UnsubscribesDeps) {
  return {
    /**
     * Who an unsubscribe link is for (the page shows it masked) and where it stands; checks the token, changes
     * nothing.
     */
    async unsubscribeTarget(
      token: string | undefined,
    ): Promise<{ email?: string; status: SubscriberStatus | 'none'; language?: Language }> {
      const { subscriber, email } = await holderOf(subscribers, tokens.verifySubject(token, 'unsubscribe'));
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
      const outcome = await mutate<UnsubscribeOutcome>({ subscribers, clock }, async () => {
        const holder = await holderOf(subscribers, subject);
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
      const status: UnsubscribeResult['status'] = !email ? 'unknown'
        : blocked || outcome === 'suppressed' ? 'suppressed'
          : outcome === 'not-subscribed' ? 'none' : 'unsubscribed';
      return { outcome, blocked, status };
    },
  };
}

export type Unsubscribes = ReturnType<typeof makeUnsubscribes>;
