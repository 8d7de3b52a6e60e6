import type { Clock } from '#ports/clock.ts';
import type { DeliveryLog, DeliveryRecord } from '#ports/delivery-log.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import type { SuppressionRecord } from '#ports/suppression-store.ts';
import { NotFoundError } from './errors.ts';
import type { Consent, Preferences, SubscriberStatus, SuppressionReason } from './model/subscriber.ts';
import { requireEmail } from './subscriber-id.ts';
import type { Suppressions } from './suppressions.ts';

export interface SubscriberLookup {
  /** The subscription's opaque id; absent when only a suppression is left. */
  id?: string;
  email: string;
  /** 'none': no subscription, only a suppression of the address. */
  status: SubscriberStatus | 'none';
  preferences?: Preferences;
  consent?: Consent;
  createdAt?: string;
  updatedAt?: string;
  confirmedAt?: string;
  unsubscribedAt?: string;
  /** When the record is deleted, for a pending or ended subscription. */
  expiresAt?: string;
  suppressedAt?: string;
  suppressionReason?: SuppressionReason;
  transientBounces?: number;
  /** The lasting "never mail" record of the address's mailbox, kept after erasure. */
  suppression?: SuppressionRecord;
  recentDeliveries: DeliveryRecord[];
}

export interface ErasureResult {
  erased: true;
  /** A suppression (bounce, complaint, the reader's "never mail me") outlives erasure on purpose. */
  suppressionKept: boolean;
}

export interface SubscribersAdmin {
  lookup(email: string): Promise<SubscriberLookup>;
  erase(email: string): Promise<ErasureResult>;
}

const RECENT_DELIVERIES = 20;

/** What an operator sees of one reader, and the right to be forgotten. */
export function makeSubscribersAdmin({ subscribers, suppressions, deliveries, clock }: {
  subscribers: SubscriberStore;
  suppressions: Suppressions;
  deliveries?: DeliveryLog;
  clock: Clock;
}): SubscribersAdmin {
  return {
    async lookup(raw) {
      const email = requireEmail(decodeIfEncoded(raw));
      const [s, suppression] = await Promise.all([subscribers.findByAddress(email), suppressions.find(email)]);
      if (!s && !suppression) throw new NotFoundError('no subscriber with this address');
      const recentDeliveries = s && deliveries ? await deliveries.recentFor(s.id, RECENT_DELIVERIES) : [];
      if (!s) return { email, status: 'none', suppression, recentDeliveries };
      return {
        id: s.id, email: s.email, status: s.status, preferences: s.preferences, consent: s.consent,
        createdAt: s.createdAt, updatedAt: s.updatedAt,
        ...(s.confirmedAt ? { confirmedAt: s.confirmedAt } : {}),
        ...(s.unsubscribedAt ? { unsubscribedAt: s.unsubscribedAt } : {}),
        ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}),
        ...(s.suppressedAt ? { suppressedAt: s.suppressedAt } : {}),
        ...(s.suppressionReason ? { suppressionReason: s.suppressionReason } : {}),
        transientBounces: s.transientBounces ?? 0,
        ...(suppression ? { suppression } : {}),
        recentDeliveries,
      };
    },

    /**
     * Removes the person: the subscription (address, preferences, consent) and the address entry. The address may
     * subscribe again through a fresh double opt-in. A suppression stays: it holds no address, only a keyed hash.
     */
    async erase(raw) {
      const email = requireEmail(decodeIfEncoded(raw));
      const [owner, suppression] = await Promise.all([subscribers.addressOwner(email), suppressions.find(email)]);
      // The person's request counts even when nothing of theirs is stored: an import must not add them later.
      await suppressions.recordDeparture(email, 'erased', clock.now());
      if (!owner) throw new NotFoundError('no subscriber with this address; the request is recorded, so an import will not add it');
      // The subscription first: if the second step fails, a retry still finds the address entry and finishes.
      await subscribers.remove(owner);
      await subscribers.releaseAddress(email, owner);
      return { erased: true, suppressionKept: Boolean(suppression) };
    },
  };
}

/** A path parameter may arrive still percent-encoded (e.g. `%40` for @) depending on the gateway. */
function decodeIfEncoded(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
