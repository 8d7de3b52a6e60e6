import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { makeBounces } from '#core/bounces.ts';
import { makeConfirmationMailer } from '#core/confirmation-mail.ts';
import { makeSubscriptions, type SubscriptionLimits } from '#core/subscriptions.ts';
import { makeJobsAdmin } from '#core/jobs-admin.ts';
import type { TokenKeys } from '#core/tokens.ts';
import { makeOperatorAccess } from '#local/operator.ts';
import type { Clock } from '#ports/clock.ts';
import type { IdGenerator } from '#ports/ids.ts';
import type { Mailer } from '#ports/mailer.ts';
import { makeEventsService } from '#core/events-service.ts';

/**
 * Every use case over one table, for tests that call handlers in process (the fuzz harness, handler-level
 * integration tests). The functions themselves are wired by their own roots in lambdas/roots/.
 */
export function makeTestDependencies(base: {
  doc: DynamoDBDocumentClient;
  tableName: string;
  mailer: Mailer;
  clock: Clock;
  tokenKeys: TokenKeys;
  publicBaseUrl: string;
  sender: string;
  newId?: IdGenerator;
  limits?: Partial<SubscriptionLimits>;
}) {
  const operator = makeOperatorAccess(base);
  const events = base.newId ? makeEventsService({ events: operator.eventStore, clock: base.clock, newId: base.newId }) : operator.events;
  const subscriptions = makeSubscriptions({
    subscribers: operator.subscriberStore, events, rateLimiter: makeDynamoRateLimiter(base.doc, base.tableName),
    tokens: operator.tokens, links: operator.links, hashIp: operator.hashIp, clock: base.clock, limits: base.limits,
    sendConfirmation: makeConfirmationMailer({ mailer: base.mailer, sender: base.sender, events, clock: base.clock }),
  });
  return {
    ...operator, events, subscriptions,
    jobs: makeJobsAdmin(operator.jobStore),
    bounces: makeBounces({ subscribers: operator.subscriberStore, clock: base.clock }),
  };
}

export type TestDependencies = ReturnType<typeof makeTestDependencies>;
