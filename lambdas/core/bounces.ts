/**
 * SES feedback, as SES publishes it to SNS: identity notifications carry `notificationType`, configuration-set
 * event publishing carries `eventType`; both have `bounce.bouncedRecipients[]` or
 * `complaint.complainedRecipients[]` of `{ emailAddress }`. A permanent bounce or a complaint stops all mail to
 * the address for good (a suppression of its mailbox, kept as a keyed hash); a transient (or undetermined)
 * bounce is only counted.
 */
import type { Clock } from '#ports/clock.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import { noTelemetry, type Telemetry } from '#ports/telemetry.ts';
import type { Subscriber, SuppressionReason } from './model/subscriber.ts';
import { normaliseEmail } from './subscriber-id.ts';
import { endOtherSpellings, stamp, suppressedSubscription } from './subscriptions.ts';
import type { Suppressions } from './suppressions.ts';

export interface SesNotification {
  notificationType?: string;
  eventType?: string;
  bounce?: { bounceType?: string; bounceSubType?: string; bouncedRecipients?: { emailAddress?: string }[]; timestamp?: string };
  complaint?: { complainedRecipients?: { emailAddress?: string }[]; timestamp?: string; complaintFeedbackType?: string };
  /** Configuration-set event publishing only: SES delivered the message to these recipients' mail servers. */
  delivery?: { recipients?: string[]; timestamp?: string };
  /** `tags` (configuration-set events only): the message tags set at send time, each a list of values. */
  mail?: { messageId?: string; destination?: string[]; tags?: Record<string, string[] | undefined> };
}

export interface FeedbackOutcome {
  kind: 'bounce-permanent' | 'bounce-transient' | 'complaint' | 'ignored';
  suppressed: number;
  counted: number;
}

const MAX_ATTEMPTS = 4;

type Change = (current: Subscriber, now: Date) => Subscriber | undefined;

export function makeBounces({ subscribers, suppressions, clock, telemetry = noTelemetry }: {
  subscribers: SubscriberStore;
  suppressions: Suppressions;
  clock: Clock;
  telemetry?: Telemetry;
}) {
  const usable = (email: string): string | undefined => {
    const normalised = normaliseEmail(email);
    if (!normalised) telemetry.warn('skipped a feedback recipient that is not a usable address');
    return normalised;
  };

  /** Reads and conditionally rewrites the address's subscription; concurrent notifications for one address both count. */
  async function update(email: string, change: Change): Promise<Subscriber | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await subscribers.findByAddress(email);
      if (!current) return undefined;
      const next = change(current, clock.now());
      if (!next) return undefined;
      if (await subscribers.put(next, current.updatedAt)) return next;
    }
    throw new Error('ses-events: the subscriber kept changing while recording feedback; the notification will be retried');
  }

  /**
   * The lasting record is the suppression (a keyed hash, kept even for an address we never had a subscription
   * for, and after erasure); the subscription, if any, ends at once and is deleted after the retention period.
   */
  async function suppress(raw: string, reason: SuppressionReason): Promise<boolean> {
    const email = usable(raw);
    if (!email) return false;
    await suppressions.add(email, reason, clock.now());
    const ended = await update(email, (s, now) =>
      (s.status === 'suppressed' ? undefined : suppressedSubscription(s, reason, now)));
    if (ended) await subscribers.setAddressExpiry(ended.email, ended.id, ended.expiresAt);
    // The suppression holds for the mailbox: its subscriptions under other spellings (`Jane.Doe@`, `jane+x@`) are
    // never mailed again either, so they end too, and the readers' counters stop counting them.
    await endOtherSpellings({ subscribers, clock }, email, reason);
    return true;
  }

  async function countTransient(raw: string): Promise<boolean> {
    const email = usable(raw);
    if (!email) return false;
    return Boolean(await update(email, (s, now) => ({
      ...s, transientBounces: (s.transientBounces ?? 0) + 1, lastTransientBounceAt: now.toISOString(), updatedAt: stamp(s.updatedAt, now),
    })));
  }

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
