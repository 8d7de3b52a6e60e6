import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeSqsSignUpQueue } from '#adapters/sqs/sign-up-queue.ts';
import { makeEventReads } from '#core/event-reads.ts';
import { makeSubscribe } from '#core/subscribe.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { makeSubscribeApi } from '#handlers/subscribe.ts';
import { readSignUpQueueUrl, readTableName, type Env } from '#lambdas/config.ts';
import {
  awsAccessOf, clockOf, edgeTrustOf, sqsClientOf, tableStoresOf, telemetryOf, type BuildOptions,
} from './build-options.ts';
import { keysFreshFirst, liveSuppressionKeys, makeConsentIpHasher, makeRateLimitKeys } from './links.ts';

/**
 * Subscribe: a sign-up (the subscribe page's form post, or JSON) is validated, counted against its client network
 * and queued for the sign-up worker, which mails the confirmation. It holds the suppression secret only for the
 * keyed hashes of the consent record and the limit: no signing key, no subscription read or written, no mail.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const [suppressionKeys, edge] = await Promise.all([
    liveSuppressionKeys(env, access, clock, telemetry), edgeTrustOf(env, access),
  ]);
  const stores = tableStoresOf(access, readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore, rateLimiter: makeDynamoRateLimiter,
  });
  const { subscribe } = makeSubscribe({
    events: makeEventReads({ events: stores.events, clock }), stories: stores.stories,
    rateLimiter: stores.rateLimiter,
    signUps: makeSqsSignUpQueue(sqsClientOf(access, options), readSignUpQueueUrl(env)),
    hashIp: makeConsentIpHasher(suppressionKeys.last), limitKeys: makeRateLimitKeys(suppressionKeys.last), clock,
  });
  // The hashes use the keys read last: a rotation is picked up before the next request that needs it.
  return makeSubscribeApi({
    subscriptions: { subscribe: keysFreshFirst(suppressionKeys, subscribe) }, telemetry, ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
