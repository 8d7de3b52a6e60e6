import { senderRoot } from '#lambdas/roots/sender.ts';
import type { ProcessMessage } from '#core/sender.ts';
import type { SendMessage } from '#ports/send-queue.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import { lazyHandler } from './http/router.ts';
import { sqsBatchHandler } from './sqs/batch.ts';

export interface SenderHandlerDeps {
  processMessage: ProcessMessage;
  telemetry?: InvocationTelemetry;
}

/**
 * SQS → sender: each message is a page of readers for one job. A message that must be retried is reported
 * as a batch item failure, so SQS redelivers it alone; readers already sent are skipped by the ledger then.
 * When SES refuses the account itself, the invocation fails instead: the batch comes back whole, the event
 * source slows down, and the sender's Errors alarm fires.
 */
export function makeSenderHandler({ processMessage, telemetry = noTelemetry }: SenderHandlerDeps) {
  return sqsBatchHandler<SendMessage>(telemetry, 'message', async (message) => {
    const outcome = await processMessage(message);
    return { retry: outcome.retry, details: { jobId: message.jobId, recipients: message.recipients.length, ...outcome } };
  // Messages of one batch overlap too, so one message's setup reads and last reader do not leave SES idle.
  }, { recordsAtOnce: 4 });
}

export const handler = lazyHandler(async () => makeSenderHandler(await senderRoot(process.env)));
