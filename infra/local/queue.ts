import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { SendMessage, SendQueue } from '#ports/send-queue.ts';

export interface LocalQueueOptions {
  /** The sender handler, called with SQS-shaped batches exactly as the event source mapping would. */
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
  batchSize?: number;
  /** Batches in flight at once (the Lambda's maximum concurrency). */
  concurrency?: number;
  /** Deliveries before a message goes to the dead-letter list (the redrive policy). */
  maxReceiveCount?: number;
  /** Real milliseconds before a failed message is visible again: the queue's visibility timeout, scaled. */
  visibilityTimeoutMs?: number;
  /** The queue's ARN, as the event source mapping names it in each record. */
  arn?: string;
}

interface Entry { id: string; body: string; receiveCount: number; sentAt: number }

export interface LocalQueue extends SendQueue {
  /** Raw message bodies, as SQS's SendMessage(Batch) hands them over. */
  enqueue(bodies: string[]): void;
  /** Resolves once every message was processed or dead-lettered, retries included. */
  drain(): Promise<void>;
  readonly deadLetters: readonly { body: SendMessage; receiveCount: number }[];
  readonly stats: { received: number; deliveries: number; retries: number };
}

/** An in-process stand-in for SQS plus the Lambda event source mapping: batches, partial failures, retries, a DLQ. */
export function makeLocalQueue(opts: LocalQueueOptions): LocalQueue {
  const batchSize = opts.batchSize ?? 10;
  const concurrency = opts.concurrency ?? 2;
  const maxReceiveCount = opts.maxReceiveCount ?? 5;
  const visibilityTimeoutMs = opts.visibilityTimeoutMs ?? 50;
  const arn = opts.arn ?? 'arn:aws:sqs:us-east-1:000000000000:datewatch-send';
  const ready: Entry[] = [];
  const deadLetters: { body: SendMessage; receiveCount: number }[] = [];
  const stats = { received: 0, deliveries: 0, retries: 0 };
  let inFlight = 0;
  let delayed = 0;
  let idleWaiters: (() => void)[] = [];

  const settleIfIdle = () => {
    if (ready.length === 0 && inFlight === 0 && delayed === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  const pump = () => {
    while (inFlight < concurrency && ready.length > 0) {
      const batch = ready.splice(0, batchSize);
      inFlight++;
      deliver(batch).finally(() => { inFlight--; pump(); settleIfIdle(); });
    }
  };

  async function deliver(batch: Entry[]): Promise<void> {
    for (const e of batch) e.receiveCount++;
    stats.deliveries += batch.length;
    let failed: Set<string>;
    try {
      const res = await opts.handler({ Records: batch.map((e) => toRecord(e, arn)) });
      failed = new Set((res?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      failed = new Set(batch.map((e) => e.id));
    }
    for (const e of batch) {
      if (!failed.has(e.id)) continue;
      if (e.receiveCount >= maxReceiveCount) { deadLetters.push({ body: JSON.parse(e.body), receiveCount: e.receiveCount }); continue; }
      stats.retries++;
      delayed++;
      setTimeout(() => { delayed--; ready.push(e); pump(); settleIfIdle(); }, visibilityTimeoutMs);
    }
  }

  const queue: LocalQueue = {
    deadLetters,
    stats,
    enqueue(bodies) {
      for (const body of bodies) ready.push({ id: randomUUID(), body, receiveCount: 0, sentAt: Date.now() });
      stats.received += bodies.length;
      pump();
    },
    async sendAll(messages) {
      queue.enqueue(messages.map((m) => JSON.stringify(m)));
    },
    drain() {
      return new Promise<void>((resolve) => { idleWaiters.push(resolve); settleIfIdle(); });
    },
  };
  return queue;
}

function toRecord(e: Entry, arn: string): SQSRecord {
  return {
    messageId: e.id,
    receiptHandle: `${e.id}:${e.receiveCount}`,
    body: e.body,
    attributes: {
      ApproximateReceiveCount: String(e.receiveCount),
      SentTimestamp: String(e.sentAt),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(e.sentAt),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: arn,
    awsRegion: arn.split(':')[3] ?? 'us-east-1',
  };
}
