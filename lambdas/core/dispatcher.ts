import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { StoryStore } from '#ports/story-store.ts';
import type { JobStore } from '#ports/job-store.ts';
import type { SendQueue } from '#ports/send-queue.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import type { UpdateStore } from '#ports/update-store.ts';
import { noTelemetry, type Telemetry } from '#ports/telemetry.ts';
import { whyNot } from './audience.ts';
import type { SendJob } from './model/job.ts';
import { digestSlots } from './due.ts';
import { planJobs, reminderHorizon } from './planning.ts';
import { READER_SHARDS } from './model/subscriber.ts';
import { canonicalTimeZone } from './zoned-time.ts';
import { storyAlerts } from './model/story.ts';

export interface DispatcherDeps {
  events: EventStore;
  stories: StoryStore;
  subscribers: SubscriberStore;
  jobs: JobStore;
  queue: SendQueue;
  /** Editors' story updates; without it none are planned (dispatchers wired before updates existed). */
  updates?: Pick<UpdateStore, 'pending' | 'markDispatched'>;
  recipientsPerMessage: number;
  /** How far back a first run (no cursor yet) looks. */
  firstWindowMs?: number;
  /** Reads the end of a run, for its lag behind the scheduled time; without it no lag is reported. */
  clock?: Clock;
  telemetry?: Telemetry;
}

export interface DispatchReport {
  from: string;
  to: string;
  created: number;
  skipped: number;
  queuedMessages: number;
  recipients: number;
}

/**
 * Runs once per scheduled minute with the schedule's own time `at` (not the Lambda's clock, so a late or
 * replayed invocation covers the right window). Safe to run twice or concurrently: jobs are created once,
 * and a fan-out repeated after a crash only re-queues readers the ledger will skip.
 */
export function makeDispatcher(deps: DispatcherDeps) {
  const { events, stories, subscribers, jobs, queue, updates, recipientsPerMessage, firstWindowMs = 60_000, clock, telemetry = noTelemetry } = deps;
  async function fanOut(job: SendJob, spellings: ReadonlyMap<string, string[]>): Promise<{ messages: number; recipients: number }> {
    const zones = job.timeZone ? spellings.get(job.timeZone) ?? [job.timeZone] : [...spellings.values()].flat();
    const pages: Promise<{ messages: number; recipients: number }>[] = [];
    for (const zone of zones) for (let shard = 0; shard < READER_SHARDS; shard++) pages.push(fanOutShard(job, zone, shard));
    const done = await Promise.all(pages);
    return done.reduce((a, b) => ({ messages: a.messages + b.messages, recipients: a.recipients + b.recipients }), { messages: 0, recipients: 0 });
  }

  async function fanOutShard(job: SendJob, zone: string, shard: number) {
    let cursor: string | undefined;
    let messages = 0;
    let recipients = 0;
    let batch: string[] = [];
    const flush = async (force: boolean) => {
      const out = [];
      while (batch.length >= recipientsPerMessage || (force && batch.length)) out.push({ jobId: job.id, recipients: batch.splice(0, recipientsPerMessage) });
      if (out.length) { await queue.sendAll(out); messages += out.length; }
    };
    do {
      const page = await subscribers.activeReaders(zone, shard, cursor, 1000);
      for (const reader of page.readers) {
        // A superseded reader is queued too, so that the sender records in the ledger why they got no mail.
        const why = whyNot(reader, job);
        if (why === undefined || why.code === 'superseded') { batch.push(reader.id); recipients++; }
      }
      await flush(false);
      cursor = page.cursor;
    } while (cursor);
    await flush(true);
    return { messages, recipients };
  }

  /** Every run reports, even one with nothing due: the lag alarm takes ten silent minutes for a stopped clock. */
  function finished(at: Date, report: DispatchReport): DispatchReport {
    telemetry.gauge('DispatcherFanOut', report.recipients, 'Count');
    if (clock) telemetry.gauge('DispatcherLagSeconds', Math.max(0, clock.now().getTime() - at.getTime()) / 1000, 'Seconds');
    return report;
  }

  return async function dispatch(at: Date): Promise<DispatchReport> {
    const last = await jobs.cursor();
    const from = last ?? new Date(at.getTime() - firstWindowMs);
    const report: DispatchReport = { from: from.toISOString(), to: at.toISOString(), created: 0, skipped: 0, queuedMessages: 0, recipients: 0 };
    if (at <= from) return finished(at, report);

    const [storedZones, alerts, pendingUpdates, nearEvents] = await Promise.all([
      subscribers.zones(), events.pendingAlerts(), updates ? updates.pending() : Promise.resolve([]),
      // Most runs plan reminders only: the events whose reminders can fall in the window, not every upcoming one.
      events.listEndingBetween(from, reminderHorizon(at)),
    ]);
    const spellings = zonesToPlan(storedZones);
    const digestDue = [...spellings.keys()].some((zone) => digestSlots(zone, from, at).length > 0);
    // A digest due in some zone lists what is coming up however far off: then every upcoming event.
    const upcoming = digestDue ? await events.listFrom(from) : nearEvents;
    // Statuses by key, never from a listing: a story missing from a list (an index being moved by the seed, a
    // page read before an edit) would drop its alerts below, and they are cleared after this run.
    const storyList = await stories.getMany([
      ...upcoming.map((e) => e.storyId), ...alerts.map(({ event }) => event.storyId), ...pendingUpdates.map((u) => u.storyId),
    ]);
    // Reminders and digests only for live stories; alerts also for a withdrawn one (its cancellations), none for an archived one.
    const status = new Map(storyList.map((s) => [s.id, s.status]));
    const live = upcoming.filter((e) => status.get(e.storyId) === 'active');
    const alerting = alerts.filter(({ event, alert }) => {
      const story = status.get(event.storyId);
      return story !== undefined && storyAlerts({ status: story }, alert.kind);
    });
    const updating = pendingUpdates.map((u) => ({ storyId: u.storyId, updateId: u.id, storyStatus: status.get(u.storyId) }));
    const planned = planJobs({ from, to: at, events: live, zones: [...spellings.keys()], alerts: alerting, updates: updating });
    for (const candidate of planned) {
      const { job, created } = await jobs.createOnce(candidate);
      if (created) report.created++;
      if (job.status === 'skipped') { if (created) report.skipped++; continue; }
      if (job.status === 'queued') continue;
      const { messages, recipients } = await fanOut(job, spellings);
      await jobs.markQueued(job.id, recipients);
      report.queuedMessages += messages;
      report.recipients += recipients;
    }
    for (const { event } of alerts) await events.clearAlert(event.id, event.version);
    // Only after its job was created and fanned out: a crash before this leaves it pending, and the next run's
    // createOnce finds the job (queued: nothing is sent again; still fanning out: the ledger skips who got it).
    for (const u of pendingUpdates) await updates!.markDispatched(u.storyId, u.id, at);
    await jobs.advanceCursor(at);
    return finished(at, report);
  };
}

export type Dispatch = ReturnType<typeof makeDispatcher>;

/**
 * The zones to plan, each once under its canonical name, with the spellings readers are indexed under (only
 * those stored before zones were canonicalised differ from it). Names that are no zone at all are dropped, so
 * the planning never outgrows the IANA list, whatever the table holds.
 */
export function zonesToPlan(stored: readonly string[]): Map<string, string[]> {
  const byZone = new Map<string, string[]>();
  for (const name of stored) {
    const zone = canonicalTimeZone(name);
    if (zone === undefined) continue;
    byZone.set(zone, [...(byZone.get(zone) ?? []), name]);
  }
  return byZone;
}
