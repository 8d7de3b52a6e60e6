import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeBounces } from '#core/bounces.ts';
import { makeConfirmationMailer } from '#core/confirmation-mail.ts';
import { makeSignUps } from '#core/sign-ups.ts';
import type { SubscriptionLimits } from '#core/subscriptions.ts';
import { makeJobsAdmin } from '#core/jobs-admin.ts';
import type { TokenKeys } from '#core/tokens.ts';
import { makeOperatorAccess } from '#local/operator.ts';
import type { Clock } from '#ports/clock.ts';
import type { IdGenerator } from '#ports/ids.ts';
import type { Mailer } from '#ports/mailer.ts';
import type { SignUpMessage } from '#ports/sign-up-queue.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeSubscriptions } from './subscriptions.ts';

/**
 * Every use case over one table, for tests that call handlers in process (the fuzz harness, handler-level
 * integration tests). The functions themselves are wired by the `build` of their entry files in lambdas/functions/.
 * The sign-up queue here runs the worker at once, in the request: what the queue and the sign-up Lambda do on
 * the local stack, without the wait. A failed request is kept in `signUpFailures` instead of being retried.
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
  const events = base.newId ? makeEventsService({ events: operator.eventStore, stories: operator.storyStore, clock: base.clock, newId: base.newId }) : operator.events;
  const { rateLimiter } = operator;
  const processSignUp = makeSignUps({
    subscribers: operator.subscriberStore, suppressions: operator.suppressions, rateLimiter, limitKeys: operator.limitKeys,
    links: operator.links, clock: base.clock, limits: base.limits,
    sendConfirmation: makeConfirmationMailer({ mailer: base.mailer, sender: base.sender, events, stories: operator.storyStore, clock: base.clock }),
  });
  const signUpFailures: { request: SignUpMessage; error: unknown }[] = [];
  const subscriptions = makeSubscriptions({
    subscribers: operator.subscriberStore, suppressions: operator.suppressions, events, stories: operator.storyStore, rateLimiter,
    tokens: operator.tokens, hashIp: operator.hashIp, limitKeys: operator.limitKeys, clock: base.clock, limits: base.limits,
    signUps: { enqueue: (request) => processSignUp(request).then(() => undefined, (error: unknown) => { signUpFailures.push({ request, error }); }) },
  });
  return {
    ...operator, events, subscriptions, processSignUp, signUpFailures,
    jobs: makeJobsAdmin({
      jobs: operator.jobStore, stats: operator.jobStats, stories: operator.storyStore,
      events: operator.eventStore, updates: operator.updateStore,
    }),
    bounces: makeBounces({ subscribers: operator.subscriberStore, suppressions: operator.suppressions, clock: base.clock }),
  };
}

export type TestDependencies = ReturnType<typeof makeTestDependencies>;
