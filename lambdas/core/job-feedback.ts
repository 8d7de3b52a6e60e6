/**
 * SES's own word on each message of a job: its Delivery, Bounce and Complaint events (published by the
 * configuration set with the message's tags) counted against the job the `job=<ref>` tag names. Nothing about the
 * reader is kept here, and there is no open or click tracking: these are the mail servers' answers, not the reader's.
 */
import type { Clock } from '#ports/clock.ts';
import type { FeedbackKind, JobStats } from '#ports/job-stats.ts';
import { noTelemetry, type Telemetry } from '#ports/telemetry.ts';
import type { SesNotification } from './bounces.ts';

export interface FeedbackCount {
  /** What the event counted as, or why it counted for no job. */
  counted: FeedbackKind | 'duplicate' | 'no-job' | 'ignored';
  jobRef?: string;
}

const REF = /^[0-9a-f]{16}$/;

export function makeJobFeedback({
  stats,
  clock,
  telemetry = noTelemetry,
}: {
  stats: JobStats;
  clock: Clock;
  telemetry?: Telemetry;
}) {
  return {
    async count(n: SesNotification): Promise<FeedbackCount> {
      const type = n.eventType ?? n.notificationType;
      const kind: FeedbackKind | undefined =
        type === 'Delivery'
          ? 'delivered'
          : type === 'Bounce'
            ? 'bounced'
            : type === 'Complaint'
              ? 'complained'
              : undefined;
      if (!kind) return { counted: 'ignored' };
      const ref = n.mail?.tags?.job?.[0];
      const messageId = n.mail?.messageId;
      // A confirmation or a test send (no job), or an identity notification (which carries no tags).
      if (!ref || !REF.test(ref) || !messageId) return { counted: 'no-job' };
      const recipients =
        kind === 'delivered'
          ? n.delivery?.recipients?.length
          : kind === 'bounced'
            ? n.bounce?.bouncedRecipients?.length
            : n.complaint?.complainedRecipients?.length;
      const counted = await stats.countFeedback(
        ref,
        `${messageId}#${type}`,
        kind,
        Math.max(1, recipients ?? 1),
        clock.now(),
      );
      if (!counted)
        telemetry.info('an SES event counted before was delivered again; not counted twice', {
          jobRef: ref,
          eventType: type,
        });
      return { counted: counted ? kind : 'duplicate', jobRef: ref };
    },
  };
}

export type JobFeedback = ReturnType<typeof makeJobFeedback>;
