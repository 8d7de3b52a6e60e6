import { senderRoot } from '#lambdas/roots/sender.ts';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ProcessMessage } from '#core/sender.ts';
import { MailerNotReadyError } from '#ports/mailer.ts';
import type { SendMessage } from '#ports/send-queue.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import { lazyHandler } from './http/router.ts';

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
  /** True when the record must be delivered again. */
  async function processRecord(record: SQSRecord): Promise<boolean> {
    let message: SendMessage;
    try {
      message = JSON.parse(record.body) as SendMessage;
    } catch {
      telemetry.error('dropping an unreadable message');
      return false;
    }
    try {
      const outcome = await processMessage(message);
      telemetry.info('message processed', { jobId: message.jobId, recipients: message.recipients.length, ...outcome });
      return outcome.retry;
    } catch (err) {
      if (err instanceof MailerNotReadyError) throw err;
      telemetry.error('message failed; it will be retried', { jobId: message.jobId, error: (err as Error).name });
      return true;
    }
  }

  return (event: SQSEvent) => telemetry.invocation({ records: event.Records.length }, async (): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const retry = await telemetry.invocation({ correlation_id: record.messageId }, () => processRecord(record));
      if (retry) failures.push({ itemIdentifier: record.messageId });
    }
    return { batchItemFailures: failures };
  });
}

export const handler = lazyHandler(async () => makeSenderHandler(await senderRoot(process.env)));
