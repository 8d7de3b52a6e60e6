import type { SNSEvent } from 'aws-lambda';
import type { Bounces, SesNotification } from '#core/bounces.ts';
import type { JobFeedback } from '#core/job-feedback.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';

export interface SesEventsDeps {
  bounces: Bounces;
  /** Delivery, bounce and complaint events counted against their job (absent: only suppressions are kept). */
  feedback?: JobFeedback;
  telemetry?: InvocationTelemetry;
}

/**
 * SNS → SES event → suppression, and the job's delivered / bounced / complained figures. A message that is not JSON
 * is logged and dropped: retrying cannot fix it.
 */
export function makeSesEventsHandler({ bounces, feedback, telemetry = noTelemetry }: SesEventsDeps) {
  return (event: SNSEvent) => telemetry.invocation({}, async (): Promise<void> => {
    for (const record of event.Records ?? []) {
      await telemetry.invocation({ correlation_id: record.Sns?.MessageId }, async () => {
        let notification: SesNotification;
        try {
          notification = JSON.parse(record.Sns?.Message ?? '') as SesNotification;
        } catch {
          telemetry.error('dropped an SNS message that is not JSON');
          return;
        }
        if (!notification || typeof notification !== 'object') return;
        const outcome = await bounces.handle(notification);
        const job = feedback ? await feedback.count(notification) : undefined;
        telemetry.info('feedback recorded', {
          ...outcome, ...(job ? { job: job.counted } : {}), sesMessageId: notification.mail?.messageId,
        });
      });
    }
  });
}
