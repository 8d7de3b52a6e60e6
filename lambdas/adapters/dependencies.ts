import { randomBytes, randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeEventsService } from '#core/events-service.ts';
import type { Clock } from '#ports/clock.ts';
import type { IdGenerator } from '#ports/ids.ts';
import type { Mailer } from '#ports/mailer.ts';
import { makeDynamoEventStore } from './dynamodb/event-store.ts';
import { makeDynamoJobStore } from './dynamodb/job-store.ts';
import { makeDynamoSendLedger } from './dynamodb/send-ledger.ts';
import { makeDispatcher } from '#core/dispatcher.ts';
import { makeSender } from '#core/sender.ts';
import { makeCompose } from '#core/compose.ts';
import { makeJobsAdmin } from '#core/jobs-admin.ts';
import type { SendThrottle } from '#core/send-throttle.ts';
import type { SendQueue } from '#ports/send-queue.ts';
import { makeSubscriptionDependencies, type TokenKeys } from './subscription-dependencies.ts';

/** Everything the handlers need, from ports that AWS or the local stack provide. */
export interface BaseDependencies {
  doc: DynamoDBDocumentClient;
  tableName: string;
  mailer: Mailer;
  clock: Clock;
  tokenKeys: TokenKeys;
  publicBaseUrl: string;
  sender: string;
  newId?: IdGenerator;
}

export const randomIds: IdGenerator = (prefix) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** The one wiring of use cases to adapters; the AWS and local entry points differ only in what they pass in. */
export function buildDependencies(base: BaseDependencies) {
  const eventStore = makeDynamoEventStore(base.doc, base.tableName);
  const events = makeEventsService({ events: eventStore, clock: base.clock, newId: base.newId ?? randomIds });
  const jobStore = makeDynamoJobStore(base.doc, base.tableName);
  const ledger = makeDynamoSendLedger(base.doc, base.tableName);
  const subscription = makeSubscriptionDependencies({ ...base, events, deliveries: ledger });
  return { clock: base.clock, eventStore, events, jobStore, ledger, jobs: makeJobsAdmin(jobStore), ...subscription };
}

export type Dependencies = ReturnType<typeof buildDependencies>;

export interface DeliveryOptions {
  queue: SendQueue;
  throttle: SendThrottle;
  recipientsPerMessage: number;
  newClaimId?: () => string;
  /** Wraps the mailer (the chaos run injects faults here). */
  mailer?: Mailer;
}

/** The dispatcher and the sender, over the same stores as the API. */
export function buildDeliveryDependencies(base: BaseDependencies, deps: Dependencies, options: DeliveryOptions) {
  const { jobStore: jobs, ledger } = deps;
  const dispatch = makeDispatcher({
    events: deps.eventStore, subscribers: deps.subscriberStore, jobs, queue: options.queue, recipientsPerMessage: options.recipientsPerMessage,
  });
  const processMessage = makeSender({
    jobs, events: deps.eventStore, subscribers: deps.subscriberStore, ledger,
    mailer: options.mailer ?? base.mailer,
    compose: makeCompose({ links: deps.links, from: base.sender }),
    clock: base.clock, throttle: options.throttle, newClaimId: options.newClaimId ?? randomUUID,
  });
  return { dispatch, processMessage };
}
