import { SQSClient } from '@aws-sdk/client-sqs';
import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeSqsSignUpQueue } from '#adapters/sqs/sign-up-queue.ts';
import { makeCatalog } from '#core/catalog.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeSubscriptions } from '#core/subscriptions.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import type { PublicApiDeps } from '#handlers/public-api.ts';
import { readAwsAccess, readConsoleSignIn, readPublicBaseUrl, readSignUpQueueUrl, readTableName, type Env } from '#lambdas/config.ts';
import { randomIds } from './ids.ts';
import { liveSuppressionKeys, liveTokenKeys, makeConsentIpHasher, makeRateLimitKeys, makeSignedLinks, methodsKeysFreshFirst } from './links.ts';
import { clockOf, documentClient, edgeTrustOf, telemetryOf, type RootOptions } from './shared.ts';

/**
 * Public API: pages and feeds, subscriptions, preferences, unsubscribe. A subscribe request is queued for the
 * sign-up worker, which mails the confirmation: this function sends no mail.
 */
export async function publicApiRoot(env: Env, options: RootOptions = {}): Promise<PublicApiDeps> {
  const access = readAwsAccess(env);
  const tableName = readTableName(env);
  const publicBaseUrl = readPublicBaseUrl(env);
  const signUpQueueUrl = readSignUpQueueUrl(env);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const keys = await liveTokenKeys(env, clock, telemetry);
  const suppressionKeys = await liveSuppressionKeys(env, clock, telemetry);
  const edge = await edgeTrustOf(env, access);

  const doc = documentClient(access, options);
  const sqs = new SQSClient({ region: access.region, endpoint: access.endpoint, credentials: access.credentials });
  const stories = makeDynamoStoryStore(doc, tableName);
  const events = makeEventsService({ events: makeDynamoEventStore(doc, tableName), stories, clock, newId: randomIds });
  const { tokens, links } = makeSignedLinks(keys.last, publicBaseUrl, clock);
  // Every token this function verifies or signs is inside a subscriptions call (its pages link after one).
  const subscriptions = methodsKeysFreshFirst(keys, makeSubscriptions({
    subscribers: makeDynamoSubscriberStore(doc, tableName),
    suppressions: makeSuppressions({ store: makeDynamoSuppressionStore(doc, tableName), keys: suppressionKeys.fresh }),
    rateLimiter: makeDynamoRateLimiter(doc, tableName),
    signUps: makeSqsSignUpQueue(sqs, signUpQueueUrl), stories,
    events, tokens, clock, hashIp: makeConsentIpHasher(suppressionKeys.last), limitKeys: makeRateLimitKeys(suppressionKeys.last),
  }));
  const consoleSignIn = readConsoleSignIn(env);
  return { events, catalog: makeCatalog({ stories, events }), clock, subscriptions, links, publicBaseUrl, telemetry, consoleSignIn, ...(edge ? { edge } : {}) };
}
