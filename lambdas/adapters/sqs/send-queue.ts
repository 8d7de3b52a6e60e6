import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SendQueue } from '#ports/send-queue.ts';

const SQS_BATCH = 10;

/** SendMessageBatch in tens; entries SQS refuses are sent again, so a fan-out page is never half-queued. */
export function makeSqsSendQueue(client: SQSClient, queueUrl: string): SendQueue {
  return {
    async sendAll(messages) {
      for (let i = 0; i < messages.length; i += SQS_BATCH) {
        let entries = messages.slice(i, i + SQS_BATCH).map((m, n) => ({ Id: String(n), MessageBody: JSON.stringify(m) }));
        for (let attempt = 0; entries.length; attempt++) {
          const out = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
          const failed = new Set((out.Failed ?? []).map((f) => f.Id));
          if (failed.size && attempt >= 4) throw new Error(`SQS refused ${failed.size} messages after retries`);
          entries = entries.filter((e) => failed.has(e.Id));
          if (entries.length) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        }
      }
    },
  };
}
