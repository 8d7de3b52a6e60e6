import { makeDynamoCatalogStore } from '#adapters/dynamodb/catalog-store.ts';
import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoJobStore } from '#adapters/dynamodb/job-store.ts';
import { makeDynamoSendLedger } from '#adapters/dynamodb/send-ledger.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoSuppressionStore } from '#adapters/dynamodb/suppression-store.ts';
import { makeDynamoUpdateStore } from '#adapters/dynamodb/update-store.ts';
import { randomUUID } from 'node:crypto';
import { makeRealTimeThrottle } from '#adapters/real-time-throttle.ts';
import { makeSesSendQuota } from '#adapters/ses/send-quota.ts';
import { makeCompose } from '#core/compose.ts';
import { makeSendDeadline, type TimeLeft } from '#core/send-deadline.ts';
import { resolveSendRate } from '#core/send-rate.ts';
import { makeSender } from '#core/sender.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { makeSenderHandler } from '#handlers/sender.ts';
import { readMail, readPublicBaseUrl, readSendRate, readTableName, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, sesMailer, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';
import { keysFreshFirst, liveLinkAndSuppressionKeys, makeSignedLinks } from './links.ts';

/**
 * Time kept back at the end of an invocation for the sends in flight to be recorded and the batch answered
 * (SQS batch item failures); the readers it cannot cover are handed back.
 */
const SEND_TIME_MARGIN_MS = 2_000;

/** Sender: claims each (job, reader) in the ledger, renders with the reader's signed links, sends through SES. */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const mail = readMail(env);
  const rate = readSendRate(env);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  // The sender skips a mailbox suppressed under any spelling, so it reads the suppression secret too (not to record).
  const { keys, suppressionKeys } = await liveLinkAndSuppressionKeys(env, access, clock, telemetry);
  const stores = tableStoresOf(access, readTableName(env), options, {
    jobs: makeDynamoJobStore, events: makeDynamoEventStore, stories: makeDynamoStoryStore,
    catalog: makeDynamoCatalogStore,
    subscribers: makeDynamoSubscriberStore, updates: makeDynamoUpdateStore, ledger: makeDynamoSendLedger,
    suppressions: makeDynamoSuppressionStore,
  });
  const { links } = makeSignedLinks(keys.last, readPublicBaseUrl(env), clock);
  // Read once per container (build runs at the cold start): the quota changes rarely, a new instance reads it again.
  const ratePerSecond = await resolveSendRate(rate, makeSesSendQuota(access), telemetry);
  const processMessage = keysFreshFirst(keys, makeSender({
    jobs: stores.jobs,
    events: stores.events,
    stories: stores.stories,
    catalog: stores.catalog,
    subscribers: stores.subscribers,
    updates: stores.updates,
    ledger: stores.ledger,
    mailer: sesMailer(access, mail, options),
    compose: makeCompose({ links, from: mail.sender }),
    suppressions: makeSuppressions({ store: stores.suppressions, keys: suppressionKeys.fresh }),
    clock, throttle: makeRealTimeThrottle(ratePerSecond), newClaimId: randomUUID, telemetry,
  }));
  const deadlineOf = (timeLeft: TimeLeft) =>
    makeSendDeadline({ timeLeft, intervalMs: 1000 / ratePerSecond, marginMs: SEND_TIME_MARGIN_MS });
  return makeSenderHandler({ processMessage, deadlineOf, telemetry });
}

export const handler = lazyHandler(() => build(process.env));
