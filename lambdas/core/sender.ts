import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { JobStore } from '#ports/job-store.ts';
import { MailerRejectedError, MailerThrottledError, type Mailer } from '#ports/mailer.ts';
import type { SendLedger } from '#ports/send-ledger.ts';
import type { SendMessage } from '#ports/send-queue.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import { whyNot } from './audience.ts';
import { eventLocalDate, type DatedEvent } from './event.ts';
import type { SendJob } from './job.ts';
import type { SendThrottle } from './send-throttle.ts';
import type { Subscriber } from './subscriber.ts';

export interface ComposedEmail {
  subject: string;
  raw: string;
}

/** Renders one job's email for one reader; `events` are the upcoming events, for digests. */
export type Compose = (input: { job: SendJob; reader: Subscriber; event?: DatedEvent; events: DatedEvent[]; now: Date }) => ComposedEmail;

export interface SenderDeps {
  jobs: JobStore;
  events: EventStore;
  subscribers: SubscriberStore;
  ledger: SendLedger;
  mailer: Mailer;
  compose: Compose;
  clock: Clock;
  throttle: SendThrottle;
  newClaimId: () => string;
  /** A claim older than this is taken to belong to a dead sender. Keep it above the Lambda timeout. */
  leaseMs?: number;
  /** Waits before sending again after SES throttled a call (nothing was sent); when they run out the message is retried. */
  throttleBackoffMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

export interface MessageOutcome {
  sent: number;
  skipped: number;
  /** True when the message must be delivered again (throttling, a busy claim, a transient failure). */
  retry: boolean;
}

/**
 * The life of one queue message: for each reader, claim the (job, reader) pair in the ledger, check again
 * that the mail is wanted and current, render, send, and record SES's message id.
 */
export function makeSender(deps: SenderDeps) {
  const { jobs, events, subscribers, ledger, mailer, compose, clock, throttle, newClaimId, leaseMs = 5 * 60_000 } = deps;
  const { throttleBackoffMs = [25, 100, 400], sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) } = deps;

  /**
   * Throttling means SES sent nothing and asks us to slow down: wait and try the same reader again here, so a
   * message is not redelivered (and counted towards the dead-letter queue) for every throttled call.
   */
  async function sendPatiently(message: { to: string; raw: string }): Promise<{ messageId: string }> {
    for (let attempt = 0; ; attempt++) {
      await throttle.take();
      try {
        return await mailer.sendRaw(message);
      } catch (err) {
        const wait = throttleBackoffMs[attempt];
        if (!(err instanceof MailerThrottledError) || wait === undefined) throw err;
        await sleep(wait);
      }
    }
  }

  /** Why the job itself is no longer worth sending, whoever the reader. */
  function staleReason(job: SendJob, event: DatedEvent | undefined): string | undefined {
    if (job.kind === 'digest') return undefined;
    if (!event) return 'event deleted';
    if (job.kind === 'alert') return undefined;
    if (event.status === 'cancelled') return 'event cancelled';
    if (eventLocalDate(event) !== job.eventDate) return 'event moved; the reminder for its new date is due instead';
    return undefined;
  }

  return async function processMessage(message: SendMessage): Promise<MessageOutcome> {
    const outcome: MessageOutcome = { sent: 0, skipped: 0, retry: false };
    const job = await jobs.get(message.jobId);
    if (!job) return outcome;
    const [event, readers, upcoming] = await Promise.all([
      job.eventId ? events.get(job.eventId) : Promise.resolve(undefined),
      subscribers.getMany(message.recipients),
      job.kind === 'digest' ? events.listFrom(new Date(job.dueAt)) : Promise.resolve([]),
    ]);
    const byId = new Map(readers.map((r) => [r.id, r]));
    let firstFailure: unknown;
    const jobStale = staleReason(job, event);

    for (const readerId of message.recipients) {
      const claimId = newClaimId();
      const claim = await ledger.claim(job.id, readerId, claimId, clock.now(), leaseMs);
      if (claim.outcome === 'done') continue;
      if (claim.outcome === 'busy') { outcome.retry = true; continue; }

      const reader = byId.get(readerId);
      const reason = jobStale ?? whyNot(reader, job);
      if (reason) {
        await ledger.markSkipped(job.id, readerId, claimId, { reason, kind: job.kind, at: clock.now() });
        outcome.skipped++;
        continue;
      }
      let email: ComposedEmail;
      let messageId: string;
      try {
        email = compose({ job, reader: reader!, event, events: upcoming, now: clock.now() });
        ({ messageId } = await sendPatiently({ to: reader!.email, raw: email.raw }));
      } catch (err) {
        if (err instanceof MailerRejectedError) {
          await ledger.markSkipped(job.id, readerId, claimId, { reason: 'rejected by the mail transport', kind: job.kind, at: clock.now() });
          outcome.skipped++;
          continue;
        }
        // Nothing went out: give the claim back so the retry can send at once.
        await ledger.release(job.id, readerId, claimId).catch(() => {});
        outcome.retry = true;
        if (err instanceof MailerThrottledError) break;
        // One reader's failure must not hold the others hostage: every failure costs the message a receive,
        // and after five it is dead-lettered with its readers unsent. Try the rest, then report the failure.
        firstFailure ??= err;
        continue;
      }
      outcome.sent++;
      // SES has the mail now: never give the claim back, or the retry would send it again at once. If recording
      // fails, the claim stays INPROGRESS and only a redelivery after its lease could resend (the one window left).
      await ledger.markSent(job.id, readerId, claimId, { messageId, subject: email.subject, kind: job.kind, at: clock.now() }).catch(() => {});
    }
    if (firstFailure !== undefined) throw firstFailure;
    return outcome;
  };
}

export type ProcessMessage = ReturnType<typeof makeSender>;
