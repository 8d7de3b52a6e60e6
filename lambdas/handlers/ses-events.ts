import type { SNSEvent } from 'aws-lambda';
import type { Bounces, SesNotification } from '#core/bounces.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';

export interface SesEventsDeps {
  bounces: Bounces;
  telemetry?: InvocationTelemetry;
}

/** SNS → SES feedback → suppression. A message that is not JSON is logged and dropped: retrying cannot fix it. */
export function makeSesEventsHandler({ bounces, telemetry = noTelemetry }: SesEventsDeps) {
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
        telemetry.info('feedback recorded', { ...outcome, sesMessageId: notification.mail?.messageId });
      });
    }
  });
}
