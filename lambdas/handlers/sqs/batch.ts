import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { InvocationTelemetry, LogFields } from '#ports/telemetry.ts';

/**
 * An SQS batch (ReportBatchItemFailures), one record at a time: a record whose work must run again becomes a
 * batch item failure, so SQS redelivers it alone; an unreadable one is logged and dropped (no retry can fix
 * it). An error `failsTheBatch` picks (such as SES refusing the account itself) fails the invocation instead: the
 * batch comes back whole, the event source slows down, and the function's Errors alarm fires.
 */
export function sqsBatchHandler<M>(
  telemetry: InvocationTelemetry, what: string, work: (message: M) => Promise<{ retry: boolean; details?: LogFields }>,
  failsTheBatch: (err: unknown) => boolean = () => false,
) {
  async function processRecord(body: string): Promise<boolean> {
    let message: M;
    try {
      message = JSON.parse(body) as M;
    } catch {
      telemetry.error(`dropping an unreadable ${what}`);
      return false;
    }
    try {
      const { retry, details } = await work(message);
      telemetry.info(`${what} processed`, details);
      return retry;
    } catch (err) {
      if (failsTheBatch(err)) throw err;
      telemetry.error(`${what} failed; it will be retried`, { error: (err as Error).name });
      return true;
    }
  }

  return (event: SQSEvent) => telemetry.invocation({ records: event.Records.length }, async (): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const retry = await telemetry.invocation({ correlation_id: record.messageId }, () => processRecord(record.body));
      if (retry) failures.push({ itemIdentifier: record.messageId });
    }
    return { batchItemFailures: failures };
  });
}
