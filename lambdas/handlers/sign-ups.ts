import { signUpsRoot } from '#lambdas/roots/sign-ups.ts';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ProcessSignUp } from '#core/sign-ups.ts';
import { MailerNotReadyError } from '#ports/mailer.ts';
import type { SignUpMessage } from '#ports/sign-up-queue.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import { lazyHandler } from './http/router.ts';

export interface SignUpsHandlerDeps {
  processSignUp: ProcessSignUp;
  telemetry?: InvocationTelemetry;
}

/**
 * SQS → sign-up worker: each message is one subscribe request, taken off the public API's request path. A request
 * whose confirmation could not be sent is reported as a batch item failure, so SQS delivers it again (and, after
 * its retries, to the dead-letter queue); the worker knows a redelivery and only finishes the mailing.
 */
export function makeSignUpsHandler({ processSignUp, telemetry = noTelemetry }: SignUpsHandlerDeps) {
  /** True when the record must be delivered again. */
  async function processRecord(record: SQSRecord): Promise<boolean> {
    let request: SignUpMessage;
    try {
      request = JSON.parse(record.body) as SignUpMessage;
    } catch {
      telemetry.error('dropping an unreadable sign-up request');
      return false;
    }
    try {
      const outcome = await processSignUp(request);
      telemetry.info('sign-up request processed', { outcome });
      return false;
    } catch (err) {
      if (err instanceof MailerNotReadyError) throw err;
      telemetry.error('sign-up request failed; it will be retried', { error: (err as Error).name });
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

export const handler = lazyHandler(async () => makeSignUpsHandler(await signUpsRoot(process.env)));
