import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoJobStore } from '#adapters/dynamodb/job-store.ts';
import { makeDynamoSendLedger } from '#adapters/dynamodb/send-ledger.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeSubscribersAdmin } from '#core/subscribers-admin.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import type { TokenKeys } from '#core/tokens.ts';
import type { SuppressionKeys } from '#core/suppressions.ts';
import { randomIds } from '#lambdas/roots/ids.ts';
import { makeConsentIpHasher, makeRateLimitKeys, makeSignedLinks } from '#lambdas/roots/links.ts';
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
  const eventStore = makeDynamoEventStore(doc, tableName);
  const storyStore = makeDynamoStoryStore(doc, tableName);
  const subscriberStore = makeDynamoSubscriberStore(doc, tableName);
  const ledger = makeDynamoSendLedger(doc, tableName);
  const { tokens, links } = makeSignedLinks(tokenKeys, publicBaseUrl, clock);
  const suppressions = makeSuppressions({ store: makeDynamoSuppressionStore(doc, tableName), keys: suppressionKeys });
  return {
    clock, eventStore, subscriberStore, ledger, tokens, links, suppressions,
    jobStore: makeDynamoJobStore(doc, tableName),
    storyStore,
    events: makeEventsService({ events: eventStore, stories: storyStore, clock, newId: randomIds }),
    subscribers: makeSubscribersAdmin({ subscribers: subscriberStore, deliveries: ledger, suppressions }),
    hashIp: makeConsentIpHasher(suppressionKeys),
    limitKeys: makeRateLimitKeys(suppressionKeys),
  };
}

export type OperatorAccess = ReturnType<typeof makeOperatorAccess>;
