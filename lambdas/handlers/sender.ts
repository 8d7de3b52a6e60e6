import type { Context, SQSEvent } from 'aws-lambda';
import type { SendDeadline, TimeLeft } from '#core/send-deadline.ts';
import type { ProcessMessage } from '#core/sender.ts';
import type { SendMessage } from '#ports/send-queue.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import { sqsBatchHandler } from './sqs/batch.ts';
import { MailerNotReadyError } from '#ports/mailer.ts';

/** SES refusing the account itself (sandbox, paused): no message can go, so the whole batch fails. */
const accountNotReady = (err: unknown) => err instanceof MailerNotReadyError;

export interface SenderHandlerDeps {
  processMessage: ProcessMessage;
  /** The invocation's deadline over the time Lambda's context says is left; without it the sender keeps no watch. */
  deadlineOf?: (timeLeft: TimeLeft) => SendDeadline;
  telemetry?: InvocationTelemetry;
}

/**
 * SQS → sender: each message is a page of readers for one job. A message that must be retried is reported
 * as a batch item failure, so SQS redelivers it alone; readers already sent are skipped by the ledger then.
 * Readers the invocation's time cannot cover are handed back the same way, before Lambda's timeout.
 * When SES refuses the account itself, the invocation fails instead: the batch comes back whole, the event
 * source slows down, and the sender's Errors alarm fires.
 */
export function makeSenderHandler({ processMessage, deadlineOf, telemetry = noTelemetry }: SenderHandlerDeps) {
  const batch = sqsBatchHandler<SendMessage, SendDeadline>(telemetry, 'message', async (message, deadline) => {
    const outcome = await processMessage(message, deadline);
    return { retry: outcome.retry, details: { jobId: message.jobId, recipients: message.recipients.length, ...outcome } };
  // Messages of one batch overlap too, so one message's setup reads and last reader do not leave SES idle.
  }, { failsTheBatch: accountNotReady, recordsAtOnce: 4 });
  // One deadline per invocation, shared by its messages: they share the send rate too.
  return (event: SQSEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>) =>
    batch(event, context && deadlineOf?.({ remainingMs: () => context.getRemainingTimeInMillis() }));
}
