import { readSecretString, readTokenKeys } from '#adapters/secrets/token-keys.ts';
import { makeSqsSignUpQueue } from '#adapters/sqs/sign-up-queue.ts';
import { makeCatalog } from '#core/catalog.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeSubscriptions } from '#core/subscriptions.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { makePublicApi } from '#handlers/public-api.ts';
import {
  readConsoleSignIn, readOriginVerifySecret, readPublicBaseUrl, readSignUpQueueUrl, readTableName,
  readTokenSecret, type Env,
} from '#lambdas/config.ts';
import { ORIGIN_VERIFY_HEADER } from '#lambdas/routes.ts';
import { awsAccessOf, clockOf, sqsClientOf, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';
import { randomIds } from './ids.ts';
import { makeConsentIpHasher, makeRateLimitKeys, makeSignedLinks } from './links.ts';

/**
 * Public API: pages and feeds, subscriptions, preferences, unsubscribe. A subscribe request is queued for the
 * sign-up worker, which mails the confirmation: this function sends no mail.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const publicBaseUrl = readPublicBaseUrl(env);
  const signUpQueueUrl = readSignUpQueueUrl(env);
  const clock = clockOf(options);
  const keys = await readTokenKeys(access, readTokenSecret(env));
  const originSecret = readOriginVerifySecret(env);
  const edge = originSecret
    ? { header: ORIGIN_VERIFY_HEADER, value: await readSecretString(access, originSecret) }
    : undefined;

  const stores = tableStoresOf(access, readTableName(env), options);
  const telemetry = telemetryOf(env, options);
  const stories = stores.stories;
  const events = makeEventsService({ events: stores.events, stories, clock, newId: randomIds });
  const { tokens, links } = makeSignedLinks(keys, publicBaseUrl, clock);
  const subscriptions = makeSubscriptions({
    subscribers: stores.subscribers,
    suppressions: makeSuppressions({ store: stores.suppressions, keys }),
    rateLimiter: stores.rateLimiter,
    signUps: makeSqsSignUpQueue(sqsClientOf(access, options), signUpQueueUrl), stories,
    events, tokens, clock, hashIp: makeConsentIpHasher(keys), limitKeys: makeRateLimitKeys(keys),
  });
  const consoleSignIn = readConsoleSignIn(env);
  return makePublicApi({
    events, catalog: makeCatalog({ stories, events }), clock, subscriptions, links, publicBaseUrl, telemetry,
    consoleSignIn,
    ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
