import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { readTokenKeys } from '#adapters/secrets/token-keys.ts';
import { makeConfirmationMailer } from '#core/confirmation-mail.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeSubscriptions } from '#core/subscriptions.ts';
import type { PublicApiDeps } from '#handlers/public-api.ts';
import { readAwsAccess, readMail, readPublicBaseUrl, readTableName, readTokenSecret, type Env } from '#lambdas/config.ts';
import { randomIds } from './ids.ts';
import { makeConsentIpHasher, makeSignedLinks } from './links.ts';
import { clockOf, documentClient, sesMailer, telemetryOf, type RootOptions } from './shared.ts';

/** Public API: pages and feeds, subscriptions, preferences, unsubscribe; it sends the confirmation email. */
export async function publicApiRoot(env: Env, options: RootOptions = {}): Promise<PublicApiDeps> {
  const access = readAwsAccess(env);
  const tableName = readTableName(env);
  const mail = readMail(env);
  const publicBaseUrl = readPublicBaseUrl(env);
  const clock = clockOf(options);
  const keys = await readTokenKeys(access, readTokenSecret(env));

  const doc = documentClient(access, options);
  const telemetry = telemetryOf(env, options);
  const events = makeEventsService({ events: makeDynamoEventStore(doc, tableName), clock, newId: randomIds });
  const { tokens, links } = makeSignedLinks(keys, publicBaseUrl, clock);
  const subscriptions = makeSubscriptions({
    subscribers: makeDynamoSubscriberStore(doc, tableName),
    rateLimiter: makeDynamoRateLimiter(doc, tableName),
    events, tokens, links, clock, hashIp: makeConsentIpHasher(keys),
    sendConfirmation: makeConfirmationMailer({ mailer: sesMailer(access, mail, options), sender: mail.sender, events, clock }),
  });
  return { events, clock, subscriptions, links, telemetry };
}
