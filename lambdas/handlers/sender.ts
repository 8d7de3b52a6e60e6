import { senderRoot } from '#lambdas/roots/sender.ts';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ProcessMessage } from '#core/sender.ts';
import type { SendMessage } from '#ports/send-queue.ts';
import { lazyHandler } from './http/router.ts';

/**
 * SQS → sender: each message is a page of readers for one job. A message that must be retried is reported
 * as a batch item failure, so SQS redelivers it alone; readers already sent are skipped by the ledger then.
 */
export function makeSenderHandler(processMessage: ProcessMessage, log: (line: string) => void = console.log) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    let totals = { sent: 0, skipped: 0 };
    for (const record of event.Records) {
      let message: SendMessage;
      try {
        message = JSON.parse(record.body) as SendMessage;
      } catch {
        log(JSON.stringify({ msg: 'dropping unreadable message', messageId: record.messageId }));
        continue;
      }
      try {
        const outcome = await processMessage(message);
        totals = { sent: totals.sent + outcome.sent, skipped: totals.skipped + outcome.skipped };
        if (outcome.retry) failures.push({ itemIdentifier: record.messageId });
      } catch (err) {
        log(JSON.stringify({ msg: 'message failed', messageId: record.messageId, error: (err as Error).name }));
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    log(JSON.stringify({ msg: 'sender batch', records: event.Records.length, ...totals, retries: failures.length }));
    return { batchItemFailures: failures };
  };
}

export const handler = lazyHandler(async () => makeSenderHandler(await senderRoot(process.env)));
