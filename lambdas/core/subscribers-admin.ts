import type { Clock } from '#ports/clock.ts';
import type { DeliveryLog, DeliveryRecord } from '#ports/delivery-log.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import { NotFoundError } from './errors.ts';
import type { Consent, Preferences, SubscriberStatus, SuppressionReason } from './subscriber.ts';
import { requireEmail, subscriberIdOf } from './subscriber-id.ts';

export interface SubscriberLookup {
  id: string;
  /** Absent after erasure: only the hash remains. */
  email?: string;
  status: SubscriberStatus;
  erased: boolean;
  preferences?: Preferences;
  consent?: Consent;
  createdAt?: string;
  updatedAt: string;
  confirmedAt?: string;
  unsubscribedAt?: string;
  suppressedAt?: string;
  suppressionReason?: SuppressionReason;
  transientBounces: number;
  recentDeliveries: DeliveryRecord[];
}

export interface SubscribersAdmin {
  lookup(email: string): Promise<SubscriberLookup>;
  erase(email: string): Promise<{ id: string; status: 'suppressed'; erased: true }>;
}

const RECENT_DELIVERIES = 20;

/** What an operator sees of one reader, and the right to be forgotten (keeping the hash that blocks re-mailing). */
export function makeSubscribersAdmin({ subscribers, deliveries, clock }: {
  subscribers: SubscriberStore;
  deliveries?: DeliveryLog;
  clock: Clock;
}): SubscribersAdmin {
  async function find(email: string) {
    const id = subscriberIdOf(requireEmail(decodeIfEncoded(email)));
    const s = await subscribers.get(id);
    if (!s) throw new NotFoundError('no subscriber with this address');
    return s;
  }

  return {
    async lookup(email) {
      const s = await find(email);
      const erased = s.suppressionReason === 'erased';
      const recentDeliveries = deliveries ? await deliveries.recentFor(s.id, RECENT_DELIVERIES) : [];
      return {
        id: s.id,
        ...(erased ? {} : { email: s.email, preferences: s.preferences, consent: s.consent, createdAt: s.createdAt }),
        status: s.status,
        erased,
        updatedAt: s.updatedAt,
        ...(s.confirmedAt && !erased ? { confirmedAt: s.confirmedAt } : {}),
        ...(s.unsubscribedAt && !erased ? { unsubscribedAt: s.unsubscribedAt } : {}),
        ...(s.suppressedAt ? { suppressedAt: s.suppressedAt } : {}),
        ...(s.suppressionReason ? { suppressionReason: s.suppressionReason } : {}),
        transientBounces: s.transientBounces ?? 0,
        recentDeliveries,
      };
    },

    async erase(email) {
      const s = await find(email);
      await subscribers.erase(s.id, clock.now().toISOString());
      return { id: s.id, status: 'suppressed', erased: true };
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
