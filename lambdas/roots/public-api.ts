import { SQSClient } from '@aws-sdk/client-sqs';
import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { readSecretString, readTokenKeys } from '#adapters/secrets/token-keys.ts';
import { makeSqsSignUpQueue } from '#adapters/sqs/sign-up-queue.ts';
import { makeCatalog } from '#core/catalog.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeSubscriptions } from '#core/subscriptions.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import type { PublicApiDeps } from '#handlers/public-api.ts';
import { readConsoleSignIn, readOriginVerifySecret, readPublicBaseUrl, readSignUpQueueUrl, readTableName, readTokenSecret, type Env } from '#lambdas/config.ts';
import { ORIGIN_VERIFY_HEADER } from '#lambdas/routes.ts';
import { randomIds } from './ids.ts';
import { makeConsentIpHasher, makeRateLimitKeys, makeSignedLinks } from './links.ts';
import { clientConfig } from '#adapters/aws-client.ts';
import { awsAccessOf, clockOf, documentClient, telemetryOf, type RootOptions } from './shared.ts';

/**
 * Public API: pages and feeds, subscriptions, preferences, unsubscribe. A subscribe request is queued for the
 * sign-up worker, which mails the confirmation: this function sends no mail.
 */
export async function publicApiRoot(env: Env, options: RootOptions = {}): Promise<PublicApiDeps> {
  const access = awsAccessOf(env, options);
  const tableName = readTableName(env);
  const publicBaseUrl = readPublicBaseUrl(env);
  const signUpQueueUrl = readSignUpQueueUrl(env);
  const clock = clockOf(options);
  const keys = await readTokenKeys(access, readTokenSecret(env));
  const originSecret = readOriginVerifySecret(env);
  const edge = originSecret ? { header: ORIGIN_VERIFY_HEADER, value: await readSecretString(access, originSecret) } : undefined;

  const doc = documentClient(access, options);
  const telemetry = telemetryOf(env, options);
  const sqs = new SQSClient(clientConfig(access));
  const stories = makeDynamoStoryStore(doc, tableName);
  const events = makeEventsService({ events: makeDynamoEventStore(doc, tableName), stories, clock, newId: randomIds });
  const { tokens, links } = makeSignedLinks(keys, publicBaseUrl, clock);
  const subscriptions = makeSubscriptions({
    subscribers: makeDynamoSubscriberStore(doc, tableName),
    suppressions: makeSuppressions({ store: makeDynamoSuppressionStore(doc, tableName), keys }),
    rateLimiter: makeDynamoRateLimiter(doc, tableName),
    signUps: makeSqsSignUpQueue(sqs, signUpQueueUrl), stories,
    events, tokens, clock, hashIp: makeConsentIpHasher(keys), limitKeys: makeRateLimitKeys(keys),
  });
  const consoleSignIn = readConsoleSignIn(env);
  return { events, catalog: makeCatalog({ stories, events }), clock, subscriptions, links, publicBaseUrl, telemetry, consoleSignIn, ...(edge ? { edge } : {}) };
}
