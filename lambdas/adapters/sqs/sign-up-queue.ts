import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SignUpQueue } from '#ports/sign-up-queue.ts';
import { untilAllProcessed } from '../unprocessed.ts';

const SQS_BATCH = 10;
/** SendMessageBatch calls in flight at once during an import. */
const PARALLEL_BATCHES = 8;

/** One SendMessage per subscribe request: the same call whatever the address's state. */
export function makeSqsSignUpQueue(client: SQSClient, queueUrl: string): SignUpQueue {
  return {
    async enqueue(message) {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
    },
    // An import's confirmations: SendMessageBatch in tens (authorized as sqs:SendMessage), refused entries sent again.
    async enqueueMany(messages) {
      const batches: { Id: string; MessageBody: string }[][] = [];
      for (let i = 0; i < messages.length; i += SQS_BATCH) {
        batches.push(messages.slice(i, i + SQS_BATCH).map((m, n) => ({ Id: String(n), MessageBody: JSON.stringify(m) })));
      }
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(PARALLEL_BATCHES, batches.length) }, async () => {
        while (next < batches.length) {
          await untilAllProcessed(batches[next++]!, async (batch) => {
            const out = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch }));
            const failed = new Set((out.Failed ?? []).map((f) => f.Id));
            return batch.filter((e) => failed.has(e.Id));
          }, { attempts: 5, baseDelayMs: 50, what: 'sign-up messages SQS refused' });
        }
      }));
    },
  };
}
