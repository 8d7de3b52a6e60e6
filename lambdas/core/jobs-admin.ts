import type { EventStore } from '#ports/event-store.ts';
import type { JobStats } from '#ports/job-stats.ts';
import type { JobStore } from '#ports/job-store.ts';
import type { StoryStore } from '#ports/story-store.ts';
import type { UpdateStore } from '#ports/update-store.ts';
import type { SkipCode } from './audience.ts';
import { jobRef, type SendJob } from './model/job.ts';

/** Why readers of a job got nothing, in the editor's words, per reason code the sender counts. */
export const SKIP_WORDS: Record<SkipCode | 'other', string> = {
  'reader-erased': 'reader erased',
  'reader-pending': 'reader not confirmed',
  'reader-unsubscribed': 'reader unsubscribed',
  'reader-suppressed': 'address suppressed (bounce or complaint)',
  'confirmed-after-due': 'confirmed after it fell due',
  'preferences-changed': 'reader changed their choices',
  'event-deleted': 'event deleted',
  'update-missing': 'update not found',
  'story-archived': 'story archived or withdrawn',
  'nothing-followed': 'nothing coming up for the reader',
  'event-cancelled': 'event cancelled',
  'event-moved': 'event moved (a new reminder is due)',
  'event-begun': 'event already begun',
  superseded: 'a nearer reminder went instead',
  'recipient-rejected': 'rejected by the mail service',
  'mailbox-suppressed': 'mailbox suppressed under another spelling',
  other: 'other reasons',
};

export const skipWords = (code: string): string => SKIP_WORDS[code as SkipCode] ?? code;

/**
 * What became of a job's readers. `targeted`: readers the dispatcher handed to the sender; `sent` and `skipped` as
 * the sender settled them; `delivered`, `bounced`, `complained` from SES's own events for those mails (no open or
 * click tracking). Readers neither sent nor skipped yet are `waiting`.
 */
export interface JobProgress {
  targeted?: number;
  sent: number;
  skipped: { code: string; reason: string; readers: number }[];
  waiting?: number;
  delivered: number;
  bounced: number;
  complained: number;
}

/** A job as the jobs screen shows it: what it is about by title, and its progress. */
export type JobView = SendJob & {
  storyTitle?: string;
  eventTitle?: string;
  updateSubject?: string;
  progress: JobProgress;
};

export interface JobsAdmin {
  recent(): Promise<JobView[]>;
  /** The progress of these jobs, by job id (a story's updates show theirs). */
  progressOf(jobs: readonly Pick<SendJob, 'id' | 'recipients'>[]): Promise<Map<string, JobProgress>>;
}

export interface JobsAdminDeps {
  jobs: Pick<JobStore, 'recent'>;
  stats: Pick<JobStats, 'figures'>;
  stories: Pick<StoryStore, 'getMany'>;
  events: Pick<EventStore, 'get'>;
  updates: Pick<UpdateStore, 'get'>;
}

const RECENT = 50;

/** Delivery status for editors: the latest send jobs, named by their story and event, with their progress. */
export function makeJobsAdmin({ jobs, stats, stories, events, updates }: JobsAdminDeps): JobsAdmin {
  async function progressOf(list: readonly Pick<SendJob, 'id' | 'recipients'>[]): Promise<Map<string, JobProgress>> {
    const figures = await stats.figures(list.map((j) => jobRef(j.id)));
    return new Map(
      list.map((j) => {
        const f = figures.get(jobRef(j.id));
        const skipped = Object.entries(f?.skipped ?? {})
          .map(([code, readers]) => ({ code, reason: skipWords(code), readers }))
          .sort((a, b) => b.readers - a.readers);
        const settled = (f?.sent ?? 0) + skipped.reduce((n, s) => n + s.readers, 0);
        return [
          j.id,
          {
            ...(j.recipients !== undefined
              ? { targeted: j.recipients, waiting: Math.max(0, j.recipients - settled) }
              : {}),
            sent: f?.sent ?? 0,
            skipped,
            delivered: f?.delivered ?? 0,
            bounced: f?.bounced ?? 0,
            complained: f?.complained ?? 0,
          },
        ];
      }),
    );
  }

  return {
    progressOf,
    async recent() {
      const list = await jobs.recent(RECENT);
      const storyIds = [...new Set(list.map((j) => j.storyId).filter((id): id is string => Boolean(id)))];
      const eventIds = [...new Set(list.map((j) => j.eventId).filter((id): id is string => Boolean(id)))];
      const updateKeys = [
        ...new Map(list.filter((j) => j.updateId && j.storyId).map((j) => [`${j.storyId}|${j.updateId}`, j])).values(),
      ];
      const [storyList, eventList, updateList, progress] = await Promise.all([
        stories.getMany(storyIds),
        Promise.all(eventIds.map((id) => events.get(id))),
        Promise.all(updateKeys.map((j) => updates.get(j.storyId!, j.updateId!))),
        progressOf(list),
      ]);
      const storyTitle = new Map(storyList.map((s) => [s.id, s.title]));
      const eventTitle = new Map(eventList.filter((e) => e !== undefined).map((e) => [e.id, e.title]));
      const subject = new Map(
        updateList.filter((u) => u !== undefined).map((u) => [`${u.storyId}|${u.id}`, u.subject]),
      );
      return list.map((j): JobView => {
        const story = j.storyId ? storyTitle.get(j.storyId) : undefined;
        const event = j.eventId ? eventTitle.get(j.eventId) : undefined;
        const update = j.updateId ? subject.get(`${j.storyId}|${j.updateId}`) : undefined;
        return {
          ...j,
          ...(story ? { storyTitle: story } : {}),
          ...(event ? { eventTitle: event } : {}),
          ...(update ? { updateSubject: update } : {}),
          progress: progress.get(j.id)!,
        };
      });
    },
  };
}
