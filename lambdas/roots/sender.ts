import { randomUUID } from 'node:crypto';
import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoJobStore } from '#adapters/dynamodb/job-store.ts';
import { makeDynamoSendLedger } from '#adapters/dynamodb/send-ledger.ts';
import { makeDynamoSubscriberStore } from '#adapters/dynamodb/subscriber-store.ts';
import { makeDynamoUpdateStore } from '#adapters/dynamodb/update-store.ts';
import { makeRealTimeThrottle } from '#adapters/real-time-throttle.ts';
import { makeSesSendQuota } from '#adapters/ses/send-quota.ts';
import { makeCompose } from '#core/compose.ts';
import { makeSender } from '#core/sender.ts';
import { resolveSendRate } from '#core/send-rate.ts';
import type { SenderHandlerDeps } from '#handlers/sender.ts';
import { readAwsAccess, readMail, readPublicBaseUrl, readSendRate, readTableName, type Env } from '#lambdas/config.ts';
import { keysFreshFirst, liveTokenKeys, makeSignedLinks } from './links.ts';
import { clockOf, documentClient, sesMailer, telemetryOf, type RootOptions } from './shared.ts';

/** Sender: claims each (job, reader) in the ledger, renders with the reader's signed links, sends through SES. */
export async function senderRoot(env: Env, options: RootOptions = {}): Promise<SenderHandlerDeps> {
  const access = readAwsAccess(env);
  const tableName = readTableName(env);
  const mail = readMail(env);
  const publicBaseUrl = readPublicBaseUrl(env);
  const rate = readSendRate(env);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const keys = await liveTokenKeys(env, clock, telemetry);

  const doc = documentClient(access, options);
  const { links } = makeSignedLinks(keys.last, publicBaseUrl, clock);
  // Read once per container (this root runs at the cold start): the quota changes rarely, and a new instance reads it again.
  const ratePerSecond = await resolveSendRate(rate, makeSesSendQuota(access), telemetry);
  const processMessage = keysFreshFirst(keys, makeSender({
    jobs: makeDynamoJobStore(doc, tableName),
    events: makeDynamoEventStore(doc, tableName),
    stories: makeDynamoStoryStore(doc, tableName),
    subscribers: makeDynamoSubscriberStore(doc, tableName),
    updates: makeDynamoUpdateStore(doc, tableName),
    ledger: options.wrapLedger ? options.wrapLedger(makeDynamoSendLedger(doc, tableName)) : makeDynamoSendLedger(doc, tableName),
    mailer: sesMailer(access, mail, options),
    compose: makeCompose({ links, from: mail.sender }),
    clock, throttle: makeRealTimeThrottle(ratePerSecond), newClaimId: randomUUID, telemetry,
  }));
  return { processMessage, telemetry };
}
