import { subscriberIdOf } from '#core/subscriber-id.ts';
import type { Preferences, Subscriber } from '#core/model/subscriber.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';

/** Stores a confirmed reader directly (the subscribe flow has its own tests); returns it. */
export async function addActiveReader(store: SubscriberStore, email: string, prefs: Partial<Preferences>, confirmedAt = '2016-11-19T00:00:00.000Z'): Promise<Subscriber> {
  const reader: Subscriber = {
    id: subscriberIdOf(email), email, status: 'active',
    preferences: { timeZone: 'UTC', reminders: ['P7D', 'P1D'], digest: 'none', events: 'all', ...prefs },
    consent: { requestedAt: confirmedAt, requestIpHash: 'test', requestUserAgent: 'test', confirmedAt },
    createdAt: confirmedAt, updatedAt: confirmedAt, confirmedAt,
  };
  if (!(await store.put(reader, null)) || !(await store.claimAddress(email, reader.id, undefined))) throw new Error(`reader ${email} exists`);
  return reader;
}
