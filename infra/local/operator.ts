import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeTableStores } from '#adapters/dynamodb/table-stores.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeSubscribersAdmin } from '#core/subscribers-admin.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import type { TokenKeys } from '#core/tokens.ts';
import type { SuppressionKeys } from '#core/suppressions.ts';
import { randomIds } from '#lambdas/functions/ids.ts';
import { makeConsentIpHasher, makeRateLimitKeys, makeSignedLinks } from '#lambdas/functions/links.ts';
import type { Clock } from '#ports/clock.ts';

/**
 * What an operator (and a test, or the replay and chaos harnesses) reaches directly on one machine, as one
 * would with the console on AWS: the stores over dynalite and links signed with the stack's keys. It goes
 * around the IAM gateway on purpose; the functions never use it.
 */
export function makeOperatorAccess({ doc, tableName, tokenKeys, suppressionKeys = tokenKeys, publicBaseUrl, clock }: {
  doc: DynamoDBDocumentClient;
  tableName: string;
  tokenKeys: TokenKeys;
  /** The suppression secret's keys; in-process tests without a stack may use one set of keys for both. */
  suppressionKeys?: SuppressionKeys;
  publicBaseUrl: string;
  clock: Clock;
}) {
  const stores = makeTableStores(doc, tableName);
  const { events: eventStore, stories: storyStore, subscribers: subscriberStore, ledger } = stores;
  const { tokens, links } = makeSignedLinks(tokenKeys, publicBaseUrl, clock);
  const suppressions = makeSuppressions({ store: stores.suppressions, keys: suppressionKeys });
  return {
    clock, eventStore, subscriberStore, ledger, tokens, links, suppressions,
    jobStore: stores.jobs,
    jobStats: stores.jobStats,
    audienceStore: stores.audience,
    updateStore: stores.updates,
    rateLimiter: stores.rateLimiter,
    storyStore,
    catalogStore: stores.catalog,
    events: makeEventsService({ events: eventStore, stories: storyStore, clock, newId: randomIds }),
    subscribers: makeSubscribersAdmin({ subscribers: subscriberStore, deliveries: ledger, suppressions, clock }),
    hashIp: makeConsentIpHasher(suppressionKeys),
    limitKeys: makeRateLimitKeys(suppressionKeys),
  };
}

export type OperatorAccess = ReturnType<typeof makeOperatorAccess>;
