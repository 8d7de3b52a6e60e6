/**
 * SES feedback, as SES publishes it to SNS: identity notifications carry `notificationType`, configuration-set
 * event publishing carries `eventType`; both have `bounce.bouncedRecipients[]` or
 * `complaint.complainedRecipients[]` of `{ emailAddress }`. A permanent bounce or a complaint stops all mail to
 * the address for good; a transient (or undetermined) bounce is only counted.
 */
import type { Clock } from '#ports/clock.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import { noTelemetry, type Telemetry } from '#ports/telemetry.ts';
import type { Subscriber, SuppressionReason } from './subscriber.ts';
import { normaliseEmail, subscriberIdOf } from './subscriber-id.ts';
import { stamp } from './subscriptions.ts';

export interface SesNotification {
  notificationType?: string;
  eventType?: string;
  bounce?: { bounceType?: string; bounceSubType?: string; bouncedRecipients?: { emailAddress?: string }[]; timestamp?: string };
  complaint?: { complainedRecipients?: { emailAddress?: string }[]; timestamp?: string; complaintFeedbackType?: string };
  mail?: { messageId?: string; destination?: string[] };
}

export interface FeedbackOutcome {
  kind: 'bounce-permanent' | 'bounce-transient' | 'complaint' | 'ignored';
  suppressed: number;
  counted: number;
}

const MAX_ATTEMPTS = 4;

export function makeBounces({ subscribers, clock, telemetry = noTelemetry }: {
  subscribers: SubscriberStore;
  clock: Clock;
  telemetry?: Telemetry;
}) {
  /** Reads and conditionally rewrites one subscriber; concurrent notifications for one address both count. */
  async function update(email: string, change: (current: Subscriber | undefined, id: string, now: Date) => Subscriber | undefined): Promise<boolean> {
    const normalised = normaliseEmail(email);
    if (!normalised) {
      telemetry.warn('skipped a feedback recipient that is not a usable address');
      return false;
    }
    const id = subscriberIdOf(normalised);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await subscribers.get(id);
      const next = change(current, id, clock.now());
      if (!next) return false;
      if (await subscribers.put(next, current?.updatedAt ?? null)) return true;
    }
    throw new Error('ses-events: the subscriber kept changing while recording feedback; the notification will be retried');
  }

  const suppress = (email: string, reason: SuppressionReason) => update(email, (s, id, now) => {
    if (s?.status === 'suppressed') return undefined;
    const at = now.toISOString();
    // An address we never had a subscription for is still blocked; we keep no address for it.
    const base: Subscriber = s ?? {
      id, email: '', status: 'suppressed', preferences: { timeZone: 'UTC', reminders: [], digest: 'none', events: [] },
      consent: { requestedAt: '', requestIpHash: '', requestUserAgent: '' }, createdAt: at, updatedAt: at,
    };
    return { ...base, status: 'suppressed', suppressedAt: at, suppressionReason: reason, updatedAt: stamp(s?.updatedAt, now) };
  });

  const countTransient = (email: string) => update(email, (s, _id, now) => {
    if (!s) return undefined;
    return { ...s, transientBounces: (s.transientBounces ?? 0) + 1, lastTransientBounceAt: now.toISOString(), updatedAt: stamp(s.updatedAt, now) };
  });

  return {
    async handle(notification: SesNotification): Promise<FeedbackOutcome> {
      const type = notification.notificationType ?? notification.eventType;
      if (type === 'Bounce' && notification.bounce) {
        const recipients = addresses(notification.bounce.bouncedRecipients);
        const bounceType = notification.bounce.bounceType;
        telemetry.count('MailBounced', recipients.length, { Reason: bounceType === 'Permanent' || bounceType === 'Transient' ? bounceType.toLowerCase() : 'undetermined' });
        if (notification.bounce.bounceType === 'Permanent') {
          let suppressed = 0;
          for (const r of recipients) if (await suppress(r, 'bounce')) suppressed++;
          return { kind: 'bounce-permanent', suppressed, counted: 0 };
        }
        let counted = 0;
        for (const r of recipients) if (await countTransient(r)) counted++;
        return { kind: 'bounce-transient', suppressed: 0, counted };
      }
      if (type === 'Complaint' && notification.complaint) {
        let suppressed = 0;
        const recipients = addresses(notification.complaint.complainedRecipients);
        telemetry.count('MailComplained', recipients.length);
        for (const r of recipients) if (await suppress(r, 'complaint')) suppressed++;
        return { kind: 'complaint', suppressed, counted: 0 };
      }
      return { kind: 'ignored', suppressed: 0, counted: 0 };
    },
  };
}

export type Bounces = ReturnType<typeof makeBounces>;

function addresses(list: { emailAddress?: string }[] | undefined): string[] {
  return (list ?? []).map((r) => r.emailAddress).filter((a): a is string => typeof a === 'string')
    // A recipient may come as `Name <address>`.
    .map((a) => /<([^<>]+)>\s*$/.exec(a)?.[1] ?? a);
}
