import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { MailerForbiddenError } from '#ports/mailer.ts';
import type { InvocationTelemetry, LogFields } from '#ports/telemetry.ts';

/**
 * An SQS batch (ReportBatchItemFailures), `recordsAtOnce` records at a time: a record whose work must run again becomes a
 * batch item failure, so SQS redelivers it alone; an unreadable one is logged and dropped (no retry can fix
 * it). An error `failsTheBatch` picks (such as SES refusing the account itself) fails the invocation instead: the
 * batch comes back whole, the event source slows down, and the function's Errors alarm fires. `I` is what one
 * invocation hands each of its records (the sender's deadline), given with the event.
 */
export function sqsBatchHandler<M, I = unknown>(
  telemetry: InvocationTelemetry, what: string,
  work: (message: M, invocation: I | undefined) => Promise<{ retry: boolean; details?: LogFields }>,
  { failsTheBatch = () => false, recordsAtOnce = 1 }: { failsTheBatch?: (err: unknown) => boolean; recordsAtOnce?: number } = {},
) {
  async function processRecord(body: string, invocation: I | undefined): Promise<boolean> {
    let message: M;
    try {
      message = JSON.parse(body) as M;
    } catch {
      telemetry.error(`dropping an unreadable ${what}`);
      return false;
    }
    try {
      const { retry, details } = await work(message, invocation);
      telemetry.info(`${what} processed`, details);
      return retry;
    } catch (err) {
      if (failsTheBatch(err)) throw err;
      if (err instanceof MailerForbiddenError) {
        // A missing grant: its alarm fires on the first one; the record is kept for when the role is fixed.
        telemetry.count('MailRejected', 1, { Reason: 'configuration' });
        telemetry.error(`${what} failed: the function may not send mail (a missing permission); it will be retried`, { error: err.code });
        return true;
      }
      telemetry.error(`${what} failed; it will be retried`, { error: (err as Error).name });
      return true;
    }
  }

  const records = (event: SQSEvent) => ({ records: event.Records.length });
  return (event: SQSEvent, invocation?: I) => telemetry.invocation(records(event), async () => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    let next = 0;
    let refused: { err: unknown } | undefined;
    // Records may overlap (each is mostly waiting on the network); a refusal of the whole account lets those in
    // flight settle, starts no other, and fails the invocation once they have.
    const worker = async () => {
      while (!refused && next < event.Records.length) {
        const record = event.Records[next++]!;
        try {
          const retry = await telemetry.invocation({ correlation_id: record.messageId },
            () => processRecord(record.body, invocation));
          if (retry) failures.push({ itemIdentifier: record.messageId });
        } catch (err) {
          refused ??= { err };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(recordsAtOnce, event.Records.length)) }, worker));
    if (refused) throw refused.err;
    return { batchItemFailures: failures } satisfies SQSBatchResponse;
  });
}
