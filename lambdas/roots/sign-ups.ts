import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeConfirmationMailer } from '#core/confirmation-mail.ts';
import { makeSignUps } from '#core/sign-ups.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import type { SignUpsHandlerDeps } from '#handlers/sign-ups.ts';
import { readAwsAccess, readMail, readPublicBaseUrl, readTableName, type Env } from '#lambdas/config.ts';
import { keysFreshFirst, liveSuppressionKeys, liveTokenKeys, makeRateLimitKeys, makeSignedLinks } from './links.ts';
import { clockOf, documentClient, sesMailer, telemetryOf, type RootOptions } from './shared.ts';

/** Sign-up worker: makes an address pending and mails its confirmation, off the public API's request path. */
export async function signUpsRoot(env: Env, options: RootOptions = {}): Promise<SignUpsHandlerDeps> {
  const access = readAwsAccess(env);
  const tableName = readTableName(env);
  const mail = readMail(env);
  const publicBaseUrl = readPublicBaseUrl(env);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const keys = await liveTokenKeys(env, clock, telemetry);
  const suppressionKeys = await liveSuppressionKeys(env, clock, telemetry);

  const doc = documentClient(access, options);
  const { links } = makeSignedLinks(keys.last, publicBaseUrl, clock);
  const events = makeDynamoEventStore(doc, tableName);
  const processSignUp = keysFreshFirst(keys, makeSignUps({
    subscribers: makeDynamoSubscriberStore(doc, tableName),
    suppressions: makeSuppressions({ store: makeDynamoSuppressionStore(doc, tableName), keys: suppressionKeys.fresh }),
    rateLimiter: makeDynamoRateLimiter(doc, tableName),
    limitKeys: makeRateLimitKeys(suppressionKeys.last),
    links, clock,
    sendConfirmation: makeConfirmationMailer({ mailer: sesMailer(access, mail, options), sender: mail.sender, events, stories: makeDynamoStoryStore(doc, tableName), clock }),
  }));
  return { processSignUp, telemetry };
}
