import type { ProcessSignUp } from '#core/sign-ups.ts';
import type { SignUpMessage } from '#ports/sign-up-queue.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import { sqsBatchHandler } from './sqs/batch.ts';
import { MailerNotReadyError } from '#ports/mailer.ts';

/** SES refusing the account itself (sandbox, paused): no message can go, so the whole batch fails. */
const accountNotReady = (err: unknown) => err instanceof MailerNotReadyError;

export interface SignUpsHandlerDeps {
  processSignUp: ProcessSignUp;
  telemetry?: InvocationTelemetry;
}

/**
 * SQS → sign-up worker: each message is one subscribe request, taken off the public API's request path. A request
 * whose confirmation could not be sent is reported as a batch item failure, so SQS delivers it again (and, after
 * its retries, to the dead-letter queue); the worker knows a redelivery and only finishes the mailing.
 * Confirmations are counted as the sender counts its mail (MailSent, MailRejected by reason), so the
 * rejected-mail rate alarm covers them too.
 */
export function makeSignUpsHandler({ processSignUp, telemetry = noTelemetry }: SignUpsHandlerDeps) {
  return sqsBatchHandler<SignUpMessage>(telemetry, 'sign-up request', async (request) => {
    const outcome = await processSignUp(request);
    if (outcome === 'mailed') telemetry.count('MailSent');
    if (outcome === 'rejected') {
      telemetry.count('MailRejected', 1, { Reason: 'recipient' });
      telemetry.warn('SES rejected the confirmation for this address; not retried, the pending request expires');
    }
    return { retry: false, details: { outcome } };
  }, { failsTheBatch: accountNotReady });
}
