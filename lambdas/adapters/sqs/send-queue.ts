import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SendQueue } from '#ports/send-queue.ts';
import { untilAllProcessed } from '../unprocessed.ts';

const SQS_BATCH = 10;

/** SendMessageBatch in tens; entries SQS refuses are sent again, so a fan-out page is never half-queued. */
export function makeSqsSendQueue(client: SQSClient, queueUrl: string): SendQueue {
  return {
    async sendAll(messages) {
      for (let i = 0; i < messages.length; i += SQS_BATCH) {
        const entries = messages.slice(i, i + SQS_BATCH).map((m, n) => ({ Id: String(n), MessageBody: JSON.stringify(m) }));
        await untilAllProcessed(entries, async (batch) => {
          const out = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch }));
          const failed = new Set((out.Failed ?? []).map((f) => f.Id));
          return batch.filter((e) => failed.has(e.Id));
        }, { attempts: 5, baseDelayMs: 50, what: 'messages SQS refused' });
      }
    },
  };
}
