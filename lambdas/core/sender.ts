import type { CatalogStore } from '#ports/catalog-store.ts';
import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { JobStore } from '#ports/job-store.ts';
import { MailerNotReadyError, MailerRejectedError, MailerThrottledError, type Mailer } from '#ports/mailer.ts';
import type { SendLedger } from '#ports/send-ledger.ts';
import type { SendMessage } from '#ports/send-queue.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import { noTelemetry, type Telemetry } from '#ports/telemetry.ts';
import { whyNot, type NotWanted } from './audience.ts';
import { reminderStillUseful } from './due.ts';
import { eventLocalDate, type DatedEvent } from './model/event.ts';
import type { SendJob } from './model/job.ts';
import type { SendThrottle } from './send-throttle.ts';
import type { SendDeadline } from './send-deadline.ts';
import { digestFor } from './digest-content.ts';
import { SEED_STORY_ID, storyAlerts, storyIsLive, type Story, storyRef } from './model/story.ts';
import type { StoryStore } from '#ports/story-store.ts';
import type { UpdateStore } from '#ports/update-store.ts';
import type { StoryUpdate } from './model/story-update.ts';
import type { Compose, ComposedEmail } from './compose.ts';
import type { Suppressions } from './suppressions.ts';

export interface SenderDeps {
  jobs: JobStore;
  events: EventStore;
  stories: StoryStore;
  /** A digest's stories and upcoming events, in one read. */
  catalog: CatalogStore;
  subscribers: SubscriberStore;
  /** Editors' story updates; without it an update job's readers are skipped ('update-missing'). */
  updates?: Pick<UpdateStore, 'get'>;
  ledger: SendLedger;
  mailer: Mailer;
  compose: Compose;
  clock: Clock;
  throttle: SendThrottle;
  /**
   * The mailboxes never to be mailed: a suppression made through one spelling (`Jane.Doe@`, `jane+x@`) also holds
   * for a subscription under another spelling of the same mailbox, which its own record does not show. With
   * `suppressedAmong`, a message's readers are looked up together when it is read, as their subscriptions are.
   */
  suppressions?: Pick<Suppressions, 'find' | 'suppressedAmong'>;
  newClaimId: () => string;
  /** A claim older than this is taken to belong to a dead sender. Keep it above the Lambda timeout. */
  leaseMs?: number;
  /** Waits before sending again after SES throttled a call (nothing was sent); when they run out the message is retried. */
  throttleBackoffMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  telemetry?: Telemetry;
  /** Readers of one message in flight at once (claim, send and record overlapping); 1 sends strictly in turn. */
  inFlight?: number;
}

export interface MessageOutcome {
  sent: number;
  skipped: number;
  /** Readers given back unsent because the invocation's time could not cover their send (retried, never lost). */
  handedBack?: number;
  /** True when the message must be delivered again (throttling, a busy claim, a transient failure). */
  retry: boolean;
}

/**
 * The life of one queue message: for each reader (several at once), claim the (job, reader) pair in the ledger, check again
 * that the mail is wanted and current, render, send, and record SES's message id.
 */
export function makeSender(deps: SenderDeps) {
  const {
    jobs, events, stories, catalog, subscribers, updates, ledger, mailer, compose, clock, throttle, newClaimId,
    leaseMs = 5 * 60_000, suppressions,
  } = deps;
  const { throttleBackoffMs = [25, 100, 400], sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), telemetry = noTelemetry, inFlight = 10 } = deps;

  /**
   * Throttling means SES sent nothing and asks us to slow down: wait and try the same reader again here, so a
   * message is not redelivered (and counted towards the dead-letter queue) for every throttled call.
   */
  async function sendPatiently(
    message: { to: string; raw: string }, deadline?: SendDeadline,
  ): Promise<{ messageId: string }> {
    for (let attempt = 0; ; attempt++) {
      waitingForTurn++;
      try {
        await throttle.take();
      } finally {
        waitingForTurn--;
      }
      // The turn came too late for a send to finish before the invocation's timeout: nothing went out yet.
      if (deadline && !deadline.roomToSend()) throw new OutOfTimeError();
      try {
        // Timed alone (not the wait for the turn): how long SES takes today is what the deadline learns.
        return await (deadline ? deadline.timed(() => mailer.sendRaw(message)) : mailer.sendRaw(message));
      } catch (err) {
        if (err instanceof MailerThrottledError) telemetry.count('MailThrottled');
        const wait = throttleBackoffMs[attempt];
        if (!(err instanceof MailerThrottledError) || wait === undefined) throw err;
        await sleep(wait);
      }
    }
  }

  // Readers waiting for their turn at the send rate, across the messages of an invocation (they share the throttle).
  let waitingForTurn = 0;

  /** Why the job itself is no longer worth sending, whoever the reader. */
  function staleReason(job: SendJob, event: DatedEvent | undefined, story: Story | undefined, update: StoryUpdate | undefined, now: Date): NotWanted | undefined {
    if (job.kind === 'digest') return undefined;
    if (job.kind === 'update') {
      if (!update) return { code: 'update-missing', reason: 'update not found' };
      // An update is news about a story still followed: archived, withdrawn or cancelled in between, it stays unsent.
      if (!story || !storyIsLive(story)) return { code: 'story-archived', reason: `story ${story?.status ?? 'deleted'}` };
      return undefined;
    }
    if (!event) return { code: 'event-deleted', reason: 'event deleted' };
    // A withdrawn story still tells its readers its events are cancelled; an archived one sends nothing more.
    if (!story || story.status === 'archived') return { code: 'story-archived', reason: 'story archived' };
    if (job.kind === 'alert') {
      // Checked as it goes out: a move queued before the story was withdrawn is no news about it any more.
      if (job.alert && !storyAlerts(story, job.alert.kind)) {
        return { code: 'story-archived', reason: 'story withdrawn: only its cancellations go out' };
      }
      return undefined;
    }
    if (!storyIsLive(story)) return { code: 'story-archived', reason: `story ${story.status}` };
    if (event.status === 'cancelled') return { code: 'event-cancelled', reason: 'event cancelled' };
    if (eventLocalDate(event) !== job.eventDate) return { code: 'event-moved', reason: 'event moved; the reminder for its new date is due instead' };
    // A reminder that would arrive after the event began is no reminder (a queue backed up, or a late retry).
    if (!reminderStillUseful(event, now)) return { code: 'event-begun', reason: 'event already begun' };
    return undefined;
  }

  const skip = async (job: SendJob, readerId: string, claimId: string, why: NotWanted) => {
    await ledger.markSkipped(job.id, readerId, claimId, {
      reason: why.reason, code: why.code, kind: job.kind, at: clock.now(),
    });
    telemetry.count('MailSkipped', 1, { Reason: why.code });
  };

  /** Nothing went out: give the claim back so a retry can send at once (else it waits out the lease). */
  const release = (job: SendJob, readerId: string, claimId: string) => ledger.release(job.id, readerId, claimId).catch((err) => {
    telemetry.warn('could not release a claim; the retry waits for its lease to expire', { jobId: job.id, readerId, error: (err as Error).name });
  });

  /**
   * `deadline`, when given, is the invocation's time: readers whose send it cannot cover are handed back (the
   * message is retried) rather than lost to a timeout in the middle of the batch.
   */
  return async function processMessage(message: SendMessage, deadline?: SendDeadline): Promise<MessageOutcome> {
    const outcome: MessageOutcome = { sent: 0, skipped: 0, retry: false };
    if (deadline && !deadline.roomForAnother(waitingForTurn)) {
      // Not even the setup reads: the whole message goes back as it came.
      telemetry.count('MailHandedBack', message.recipients.length);
      return { ...outcome, retry: true, handedBack: message.recipients.length };
    }
    const found = await jobs.get(message.jobId);
    if (!found) {
      telemetry.warn('dropping a message whose job does not exist', { jobId: message.jobId });
      return outcome;
    }
    const job: SendJob = found;
    const [event, readers, { events: upcoming, stories: storyList }, update] = await Promise.all([
      job.eventId ? events.get(job.eventId) : Promise.resolve(undefined),
      subscribers.getMany(message.recipients),
      job.kind === 'digest'
        ? catalog.storiesAndEventsFrom(new Date(job.dueAt)) : Promise.resolve({ events: [], stories: [] }),
      job.kind === 'update' && job.updateId && updates ? updates.get(job.storyId!, job.updateId) : Promise.resolve(undefined),
    ]);
    const story = job.kind === 'digest' ? undefined : await stories.get(event?.storyId ?? job.storyId ?? SEED_STORY_ID);
    const storyMap = new Map(storyList.map((s) => [s.id, s]));
    const byId = new Map(readers.map((r) => [r.id, r]));
    let firstFailure: unknown;
    let notReady: MailerNotReadyError | undefined;
    let alreadyDone = 0;
    const jobStale = staleReason(job, event, story, update, clock.now());
    // The mailboxes suppressed under another spelling, read with the subscriptions (one batch, not a read per
    // reader): a suppression recorded from here on counts from the next message, as an unsubscribe does.
    const suppressedNow = suppressions?.suppressedAmong && !jobStale
      ? await suppressions.suppressedAmong(readers.filter((r) => !whyNot(r, job)).map((r) => r.email))
      : undefined;
    // Found in the batch: `find` gives the record and moves it to the current key, as a lookup one by one did.
    const suppressed = async (email: string) =>
      (suppressedNow ? suppressedNow.has(email) : true) && await suppressions!.find(email) !== undefined;
    // An update links to the story itself (the publisher's article), so its StoryRef carries the story's url.
    const ref = story ? storyRef(story) : undefined;

    // Set when SES asks this message to stop (throttled past our patience, or the account not ready): readers not
    // yet claimed stay unclaimed for the retry; those in flight finish their round trip.
    let stopped = false;
    // Set when the invocation's time runs short: readers released or never claimed are counted as handed back.
    let outOfTime = false;
    let handedBack = 0;

    /** One reader's whole life: claim, check, render, send, record. Never throws what a retry should handle. */
    async function deliver(readerId: string): Promise<void> {
      const claimId = newClaimId();
      const claim = await ledger.claim(job.id, readerId, claimId, clock.now(), leaseMs);
      if (claim.outcome === 'done') { alreadyDone++; return; }
      if (claim.outcome === 'busy') { outcome.retry = true; return; }
      // Claimed while another worker was told to stop: give it back unsent, the retry takes it at once.
      if (stopped) { await release(job, readerId, claimId); outcome.retry = true; if (outOfTime) handedBack++; return; }

      const reader = byId.get(readerId);
      // A digest holds what this reader follows, as of sending: nothing followed and nothing new, no digest.
      const digest = job.kind === 'digest' && reader ? digestFor(reader.preferences, upcoming, storyMap, clock.now(), job.digest!, reader.confirmedAt) : undefined;
      const emptyDigest = digest && digest.groups.length === 0 && digest.newStories.length === 0
        ? { code: 'nothing-followed' as const, reason: 'nothing coming up in the stories the reader follows' } : undefined;
      const notWanted = jobStale ?? whyNot(reader, job) ?? emptyDigest
        ?? (suppressions && await suppressed(reader!.email) ? { code: 'mailbox-suppressed' as const, reason: 'mailbox suppressed (under another spelling)' } : undefined);
      if (notWanted) {
        await skip(job, readerId, claimId, notWanted);
        outcome.skipped++;
        return;
      }
      let email: ComposedEmail;
      let messageId: string;
      try {
        email = compose({ job: job, reader: reader!, event, ...(ref ? { story: ref } : {}), ...(digest ? { digest } : {}), ...(update ? { update } : {}), now: clock.now() });
        ({ messageId } = await sendPatiently({ to: reader!.email, raw: email.raw }, deadline));
      } catch (err) {
        if (err instanceof MailerRejectedError) {
          telemetry.count('MailRejected', 1, { Reason: 'recipient' });
          telemetry.warn('SES rejected the message for this reader; skipped', { jobId: job.id, readerId, error: err.message });
          await skip(job, readerId, claimId, { code: 'recipient-rejected', reason: 'rejected by the mail transport' });
          outcome.skipped++;
          return;
        }
        await release(job, readerId, claimId);
        outcome.retry = true;
        if (err instanceof OutOfTimeError) { handedBack++; outOfTime = stopped = true; return; }
        if (err instanceof MailerThrottledError) { stopped = true; return; }
        if (err instanceof MailerNotReadyError) {
          // Every other reader would meet the same refusal: stop, and let the whole message come back.
          if (!notReady) {
            telemetry.count('MailRejected', 1, { Reason: 'sender-not-ready' });
            telemetry.error('SES refuses to send for the account or identity; the mail stays pending and is retried', {
              jobId: job.id, error: err.code, detail: err.detail,
            });
          }
          notReady ??= err;
          stopped = true;
          return;
        }
        // One reader's failure must not hold the others hostage: every failure costs the message a receive,
        // and after five it is dead-lettered with its readers unsent. Try the rest, then report the failure.
        telemetry.error('sending to a reader failed; the message will be retried', { jobId: job.id, readerId, error: (err as Error).name, detail: (err as Error).message });
        firstFailure ??= err;
        return;
      }
      outcome.sent++;
      telemetry.count('MailSent');
      // SES has the mail now: never give the claim back, or the retry would send it again at once. If recording
      // fails, the claim stays INPROGRESS and only a redelivery after its lease could resend (the one window left).
      await ledger.markSent(job.id, readerId, claimId, { messageId, subject: email.subject, kind: job.kind, at: clock.now() }).catch((err) => {
        telemetry.error('sent, but the ledger did not record it; a redelivery after the lease could send it twice', {
          jobId: job.id, readerId, messageId, error: (err as Error).name,
        });
      });
    }

    // Each reader costs a claim, an SES call and a record, mostly waiting: keep several readers in flight so the
    // waits overlap. The throttle still hands out one send at a time, so the rate holds whatever the overlap.
    let next = 0;
    let crashed: { err: unknown } | undefined;
    const worker = async () => {
      while (!stopped && !crashed && next < message.recipients.length) {
        // Time left for no more than the readers already in flight: the rest stay unclaimed for the retry.
        if (deadline && !deadline.roomForAnother(waitingForTurn)) {
          outOfTime = stopped = true;
          outcome.retry = true;
          break;
        }
        const readerId = message.recipients[next++]!;
        // A claim the ledger could not answer (DynamoDB down past the SDK's retries) fails the whole message, as
        // before: no new reader starts, those in flight settle first so nothing is left half-recorded here.
        await deliver(readerId).catch((err: unknown) => { crashed ??= { err }; });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(inFlight, message.recipients.length)) }, worker));
    // The job's figures for this message's settled readers, in one write per job (the ledger already holds each).
    await ledger.flushFigures().catch((err) => {
      telemetry.error('the job figures were not updated; they stay short until a later message adds them', {
        jobId: job.id, error: (err as Error).name,
      });
    });
    if (crashed) throw crashed.err;
    const unfinished = message.recipients.length - alreadyDone - outcome.sent - outcome.skipped;
    telemetry.count('MailRetried', unfinished);
    if (outOfTime) {
      // Never claimed, or claimed and released before their send: both are taken at once by the retry.
      outcome.handedBack = handedBack + (message.recipients.length - next);
      telemetry.count('MailHandedBack', outcome.handedBack);
    }
    if (outcome.sent > 0) telemetry.gauge('MailLagSeconds', (clock.now().getTime() - Date.parse(job.dueAt)) / 1000, 'Seconds');
    if (notReady) throw notReady;
    if (firstFailure !== undefined) throw firstFailure;
    return outcome;
  };
}

export type ProcessMessage = ReturnType<typeof makeSender>;

/** A reader's turn at the send rate came when the invocation had no time left to send it. */
class OutOfTimeError extends Error {
  constructor() { super('no time left in the invocation for this send'); this.name = 'OutOfTimeError'; }
}
