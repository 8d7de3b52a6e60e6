import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeConfirmationMailer } from '#core/confirmation-mail.ts';
import { makeSignUps } from '#core/sign-ups.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { makeSignUpsHandler } from '#handlers/sign-ups.ts';
import { readMail, readPublicBaseUrl, readTableName, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, sesMailer, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';
import { keysFreshFirst, liveLinkAndSuppressionKeys, makeRateLimitKeys, makeSignedLinks } from './links.ts';

/** Sign-up worker: makes an address pending and mails its confirmation, off the public API's request path. */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const mail = readMail(env);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const { keys, suppressionKeys } = await liveLinkAndSuppressionKeys(env, access, clock, telemetry);
  const stores = tableStoresOf(access, readTableName(env), options, {
    subscribers: makeDynamoSubscriberStore, suppressions: makeDynamoSuppressionStore,
    rateLimiter: makeDynamoRateLimiter, events: makeDynamoEventStore, stories: makeDynamoStoryStore,
  });
  const { links } = makeSignedLinks(keys.last, readPublicBaseUrl(env), clock);
  const processSignUp = keysFreshFirst(keys, makeSignUps({
    subscribers: stores.subscribers,
    suppressions: makeSuppressions({ store: stores.suppressions, keys: suppressionKeys.fresh }),
    rateLimiter: stores.rateLimiter,
    limitKeys: makeRateLimitKeys(suppressionKeys.last),
    links, clock,
    sendConfirmation: makeConfirmationMailer({
      mailer: sesMailer(access, mail, options), sender: mail.sender, clock,
      events: stores.events, stories: stores.stories,
    }),
  }));
  return makeSignUpsHandler({ processSignUp, telemetry });
}

export const handler = lazyHandler(() => build(process.env));
