/**
 * Infrastructure cost per 1,000 emails, from the requests counted in the largest fan-out and published
 * us-east-1 prices, beside SES's own $0.10.
 */
import { subscriberIdOf } from '#core/subscriber-id.ts';
import type { FanoutResult } from './fanout.ts';
import type { DeployedFigures } from './deployed.ts';
import { round } from './lib.ts';

/** Published us-east-1 list prices (not fetched during the run; the date says when they were taken). */
export const PRICES = {
  source: 'aws.amazon.com/{dynamodb/pricing/on-demand,sqs/pricing,lambda/pricing,ses/pricing}, us-east-1 list prices',
  asOf: '2025-06 (DynamoDB on-demand rates as cut on 2024-11-01); not re-checked online during this run',
  dynamoWriteRequestUnitPerMillion: 0.625,
  dynamoReadRequestUnitPerMillion: 0.125,
  dynamoStorageGbMonth: 0.25,
  sqsRequestPerMillion: 0.40,
  lambdaRequestPerMillion: 0.20,
  lambdaArmGbSecond: 0.0000133334,
  sesPerThousandEmails: 0.10,
};


export interface CostResult {
  per1000: Record<string, number>;
  totalPer1000: number;
  totalWithLocalDurationsPer1000: number;
  ledgerStoragePer1000: number;
  sesPer1000: number;
  shareOfSes: number;
  targetPer1000: number;
  met: boolean;
  counted: Record<string, number>;
  prices: typeof PRICES;
  assumptions: string[];
}

export function costPer1000(fanout: FanoutResult, DEPLOYED: DeployedFigures): CostResult {
  const run = fanout.runs.at(-1)!;
  const k = 1000 / run.emailsSent;
  const messages = run.queuedMessages;
  const rpm = fanout.settings.recipientsPerMessage;
  const body = JSON.stringify({ jobId: `reminder|abe-putin-summit-yamaguchi|2016-12-15|P1D|${run.zone}`, recipients: Array.from({ length: rpm }, (_, i) => subscriberIdOf(`r${i}@x.example`)) });
  const chunksPerBatch = Math.ceil((Buffer.byteLength(body) * DEPLOYED.sqsBatchSize) / 65_536);
  // Dispatcher SendMessageBatch, the event source mapping's ReceiveMessage and DeleteMessageBatch, each per 10 messages.
  const sqsRequests = (messages / DEPLOYED.sqsBatchSize) * (chunksPerBatch + 2);
  const senderInvocations = messages / DEPLOYED.sqsBatchSize;
  const rateBoundSeconds = run.emailsSent / DEPLOYED.sendRatePerSecondPerInstance;
  const localSenderSeconds = run.seconds * fanout.settings.senderConcurrency;
  const gbs = (seconds: number) => (seconds + run.dispatcherSeconds) * DEPLOYED.senderMemoryGb;
  const per1000 = {
    dynamoWrites: round(run.dynamo.wru * k * PRICES.dynamoWriteRequestUnitPerMillion / 1e6, 6),
    dynamoReads: round(run.dynamo.rru * k * PRICES.dynamoReadRequestUnitPerMillion / 1e6, 6),
    sqs: round(sqsRequests * k * PRICES.sqsRequestPerMillion / 1e6, 6),
    lambdaRequests: round((senderInvocations + 1) * k * PRICES.lambdaRequestPerMillion / 1e6, 6),
    lambdaDuration: round(gbs(rateBoundSeconds) * k * PRICES.lambdaArmGbSecond, 6),
  };
  const total = Object.values(per1000).reduce((a, b) => a + b, 0);
  const withLocal = total - per1000.lambdaDuration + gbs(localSenderSeconds) * k * PRICES.lambdaArmGbSecond;
  // A ledger item (about 0.4 KB, stored twice: table and gsi2) kept for its retention period.
  const ledgerStorage = 1000 * 0.4 * 2 / 2 ** 20 * PRICES.dynamoStorageGbMonth * (DEPLOYED.ledgerRetentionDays / 30);
  return {
    per1000, totalPer1000: round(total, 5), totalWithLocalDurationsPer1000: round(withLocal, 5),
    ledgerStoragePer1000: round(ledgerStorage, 5),
    sesPer1000: PRICES.sesPerThousandEmails, shareOfSes: round(total / PRICES.sesPerThousandEmails, 3),
    targetPer1000: 0.005, met: total <= 0.005,
    counted: {
      emails: run.emailsSent, dynamoCalls: run.dynamo.total, wru: round(run.dynamo.wru, 0), rru: round(run.dynamo.rru, 0),
      queueMessages: messages, sqsRequests: round(sqsRequests, 0), senderInvocations: round(senderInvocations, 0),
      senderGbSecondsRateBound: round(gbs(rateBoundSeconds), 1), senderGbSecondsLocal: round(gbs(localSenderSeconds), 1),
    },
    prices: PRICES,
    assumptions: [
      `Lambda duration: each sender instance sends ${DEPLOYED.sendRatePerSecondPerInstance} emails/s (SEND_RATE_PER_SECOND), so an email holds ${1 / DEPLOYED.sendRatePerSecondPerInstance} s of ${DEPLOYED.senderMemoryGb * 1024} MB arm64; with the durations measured here instead (fan-out wall time x sender concurrency, an upper bound) the total is totalWithLocalDurationsPer1000.`,
      `SQS: ${DEPLOYED.sqsBatchSize} messages of ${rpm} readers per SendMessageBatch, ReceiveMessage and DeleteMessageBatch (${chunksPerBatch} 64 KB chunk a batch); empty polls of the event source mapping are a fixed cost, not per email.`,
      'DynamoDB: capacity units estimated from counted requests and item sizes (see bench/meter.ts); a write to an item in a GSI (ALL projection) is counted once more for the index.',
      'Storage of the send ledger over its 400-day retention is shown apart (ledgerStoragePer1000); the issue prices requests.',
    ],
  };
}
