import { sesEventsRoot } from '#lambdas/roots/ses-events.ts';
import type { SNSEvent } from 'aws-lambda';
import type { Bounces, SesNotification } from '#core/bounces.ts';
import { lazyHandler } from './http/router.ts';

export interface SesEventsDeps {
  bounces: Bounces;
  log?: (line: string) => void;
}

/** SNS → SES feedback → suppression. A message that is not JSON is logged and dropped: retrying cannot fix it. */
export function makeSesEventsHandler({ bounces, log = console.log }: SesEventsDeps) {
  return async (event: SNSEvent): Promise<void> => {
    for (const record of event.Records ?? []) {
      let notification: SesNotification;
      try {
        notification = JSON.parse(record.Sns?.Message ?? '') as SesNotification;
      } catch {
        log(`ses-events: dropped SNS message ${record.Sns?.MessageId ?? '?'}: not JSON`);
        continue;
      }
      if (!notification || typeof notification !== 'object') continue;
      const outcome = await bounces.handle(notification);
      log(`ses-events: ${outcome.kind} (suppressed ${outcome.suppressed}, counted ${outcome.counted}) for message ${notification.mail?.messageId ?? '?'}`);
    }
  };
}

export const handler = lazyHandler(async () => makeSesEventsHandler(await sesEventsRoot(process.env)));
