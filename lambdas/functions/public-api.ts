import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeSqsSignUpQueue } from '#adapters/sqs/sign-up-queue.ts';
import { makeCatalog } from '#core/catalog.ts';
import { makeEventReads } from '#core/event-reads.ts';
import { makeSubscriptions } from '#core/subscriptions.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { makePublicApi } from '#handlers/public-api.ts';
import { readPublicBaseUrl, readSignUpQueueUrl, readTableName, type Env } from '#lambdas/config.ts';
import {
  awsAccessOf, clockOf, edgeTrustOf, sqsClientOf, tableStoresOf, telemetryOf, type BuildOptions,
} from './build-options.ts';
import {
  liveLinkAndSuppressionKeys, makeConsentIpHasher, makeRateLimitKeys, makeSignedLinks, methodsKeysFreshFirst,
} from './links.ts';

/**
 * Public API: a reader's actions: subscribe, and what the signed links open (confirm, preferences, unsubscribe).
 * A subscribe request is queued for the
 * sign-up worker, which mails the confirmation: this function sends no mail.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const publicBaseUrl = readPublicBaseUrl(env);
  const signUpQueueUrl = readSignUpQueueUrl(env);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const { keys, suppressionKeys } = await liveLinkAndSuppressionKeys(env, access, clock, telemetry);
  const edge = await edgeTrustOf(env, access);

  const stores = tableStoresOf(access, readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore, subscribers: makeDynamoSubscriberStore,
    suppressions: makeDynamoSuppressionStore, rateLimiter: makeDynamoRateLimiter,
  });
  const stories = stores.stories;
  const events = makeEventReads({ events: stores.events, clock });
  const { tokens, links } = makeSignedLinks(keys.last, publicBaseUrl, clock);
  // Every token this function verifies or signs is inside a subscriptions call (its pages link after one).
  const subscriptions = methodsKeysFreshFirst(keys, makeSubscriptions({
    subscribers: stores.subscribers,
    suppressions: makeSuppressions({ store: stores.suppressions, keys: suppressionKeys.fresh }),
    rateLimiter: stores.rateLimiter,
    signUps: makeSqsSignUpQueue(sqsClientOf(access, options), signUpQueueUrl), stories,
    events, tokens, clock,
    hashIp: makeConsentIpHasher(suppressionKeys.last), limitKeys: makeRateLimitKeys(suppressionKeys.last),
  }));
  return makePublicApi({
    catalog: makeCatalog({ stories, events }), subscriptions, links, telemetry,
    ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
