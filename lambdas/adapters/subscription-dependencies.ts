import { createHmac } from 'node:crypto';
import { makeBounces } from '#core/bounces.ts';
import { makeConfirmationMailer } from '#core/confirmation-mail.ts';
import { makeIpHasher } from '#core/consent.ts';
import type { EventsService } from '#core/events-service.ts';
import { makeLinks } from '#core/links.ts';
import type { Subscriber } from '#core/subscriber.ts';
import { subscriberIdOf } from '#core/subscriber-id.ts';
import { makeSubscribersAdmin } from '#core/subscribers-admin.ts';
import { DEFAULT_PREFERENCES } from '#core/subscription-schema.ts';
import { makeSubscriptions, type SubscriptionLimits } from '#core/subscriptions.ts';
import { makeTokens, type TokenKeys } from '#core/tokens.ts';
import type { DeliveryLog } from '#ports/delivery-log.ts';
import type { BaseDependencies } from './dependencies.ts';
import { makeDynamoRateLimiter } from './dynamodb/rate-limiter.ts';
import { makeDynamoSubscriberStore } from './dynamodb/subscriber-store.ts';

export type { TokenKeys };

export type SubscriptionBase = Omit<BaseDependencies, 'newId'> & {
  events: Pick<EventsService, 'listAll'>;
  /** The send ledger, for the admin lookup's recent deliveries. */
  deliveries?: DeliveryLog;
  limits?: Partial<SubscriptionLimits>;
};

export const DEMO_READER = { email: 'reader@example.com', timeZone: 'Asia/Tokyo' } as const;

/** Subscriptions wired to DynamoDB and the mailer: what the public and admin APIs and ses-events need. */
export function makeSubscriptionDependencies(base: SubscriptionBase) {
  const { doc, tableName, clock } = base;
  const subscriberStore = makeDynamoSubscriberStore(doc, tableName);
  const rateLimiter = makeDynamoRateLimiter(doc, tableName);
  const tokens = makeTokens({ keys: base.tokenKeys, clock });
  const links = makeLinks({ baseUrl: base.publicBaseUrl, tokens });
  // A key of its own for IP hashes, derived from the signing key so there is one secret to keep.
  const hashIp = makeIpHasher(createHmac('sha256', base.tokenKeys.current).update('datewatch-ip-hash-key').digest('hex'));
  const subscriptions = makeSubscriptions({
    subscribers: subscriberStore, events: base.events, rateLimiter, tokens, links, hashIp, clock, limits: base.limits,
    sendConfirmation: makeConfirmationMailer({ mailer: base.mailer, sender: base.sender, events: base.events, clock }),
  });
  const subscribers = makeSubscribersAdmin({ subscribers: subscriberStore, deliveries: base.deliveries, clock });
  const bounces = makeBounces({ subscribers: subscriberStore, clock });

  /** The confirmed local demo reader (reader@example.com, Asia/Tokyo, the defaults); leaves an existing one alone. */
  async function seedDemoReader(): Promise<Subscriber> {
    const id = subscriberIdOf(DEMO_READER.email);
    const existing = await subscriberStore.get(id);
    if (existing) return existing;
    const at = clock.now().toISOString();
    const reader: Subscriber = {
      id, email: DEMO_READER.email, status: 'active',
      preferences: { ...DEFAULT_PREFERENCES, timeZone: DEMO_READER.timeZone },
      consent: {
        requestedAt: at, requestIpHash: hashIp('127.0.0.1'), requestUserAgent: 'datewatch local demo seed',
        confirmedAt: at, confirmIpHash: hashIp('127.0.0.1'), confirmUserAgent: 'datewatch local demo seed',
      },
      createdAt: at, updatedAt: at, confirmedAt: at,
    };
    if (await subscriberStore.put(reader, null)) return reader;
    return (await subscriberStore.get(id))!;
  }

  return { subscriberStore, rateLimiter, tokens, links, subscriptions, subscribers, bounces, seedDemoReader };
}

export type SubscriptionDependencies = ReturnType<typeof makeSubscriptionDependencies>;
