import { newSubscriptionId } from '#core/subscriber-id.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { DEFAULT_PREFERENCES } from '#core/subscription-schema.ts';
import type { OperatorAccess } from './operator.ts';

export const DEMO_READER = { email: 'reader@example.com', timeZone: 'Asia/Tokyo' } as const;

/** The confirmed local demo reader (reader@example.com, Asia/Tokyo, the defaults); leaves an existing one alone. */
export async function seedDemoReader({ subscriberStore, hashIp, clock }: Pick<OperatorAccess, 'subscriberStore' | 'hashIp' | 'clock'>): Promise<Subscriber> {
  const existing = await subscriberStore.findByAddress(DEMO_READER.email);
  if (existing) return existing;
  // An entry may name a subscription that is gone (erased, expired): the demo reader takes the address over.
  const owner = await subscriberStore.addressOwner(DEMO_READER.email);
  const id = newSubscriptionId();
  const at = clock.now().toISOString();
  const seed = { ip: hashIp('127.0.0.1'), agent: 'datewatch local demo seed' };
  const reader: Subscriber = {
    id, email: DEMO_READER.email, status: 'active',
    preferences: { ...DEFAULT_PREFERENCES, timeZone: DEMO_READER.timeZone },
    consent: {
      requestedAt: at, requestIpHash: seed.ip, requestUserAgent: seed.agent,
      confirmedAt: at, confirmIpHash: seed.ip, confirmUserAgent: seed.agent,
    },
    createdAt: at, updatedAt: at, confirmedAt: at,
  };
  await subscriberStore.put(reader, null);
  if (await subscriberStore.claimAddress(reader.email, id, owner)) return reader;
  // Another start seeded it first: ours belongs to no one.
  await subscriberStore.remove(id);
  return (await subscriberStore.findByAddress(DEMO_READER.email))!;
}
