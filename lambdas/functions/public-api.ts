import { makeDynamoSubscriptionRecords } from '#adapters/dynamodb/subscription-records.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeConfirmations } from '#core/confirmations.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import { makeUnsubscribes } from '#core/unsubscribes.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { makePublicApi } from '#handlers/public-api.ts';
import { readPublicBaseUrl, readTableName, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, edgeTrustOf, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';
import { liveLinkAndSuppressionKeys, makeConsentIpHasher, makeSignedLinks, methodsKeysFreshFirst } from './links.ts';

/**
 * Public API: what the confirmation and unsubscribe links in an email open (a page, and its POST; the one-click
 * unsubscribe). It verifies and signs links, checks and records suppressions, and reads and writes subscriptions.
 * Subscribing is the subscribe function's, the preferences link the preferences function's; this one sends no mail.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const publicBaseUrl = readPublicBaseUrl(env);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const { keys, suppressionKeys } = await liveLinkAndSuppressionKeys(env, access, clock, telemetry);
  const edge = await edgeTrustOf(env, access);

  const stores = tableStoresOf(access, readTableName(env), options, {
    subscriptionRecords: makeDynamoSubscriptionRecords, suppressions: makeDynamoSuppressionStore,
  });
  const { tokens, links } = makeSignedLinks(keys.last, publicBaseUrl, clock);
  const suppressions = makeSuppressions({ store: stores.suppressions, keys: suppressionKeys.fresh });
  const subscribers = stores.subscriptionRecords;
  // Every token this function verifies or signs is inside one of these calls (its pages link after one).
  const subscriptions = methodsKeysFreshFirst(keys, {
    ...makeConfirmations({
      subscribers, suppressions, tokens, clock, hashIp: makeConsentIpHasher(suppressionKeys.last),
    }),
    ...makeUnsubscribes({ subscribers, suppressions, tokens, clock }),
  });
  return makePublicApi({ subscriptions, links, telemetry, ...(edge ? { edge } : {}) });
}

export const handler = lazyHandler(() => build(process.env));
