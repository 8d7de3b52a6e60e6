import { follows, followsStory, type Subscriber } from './model/subscriber.ts';
import { SEED_STORY_ID } from './model/story.ts';
import type { SendJob } from './model/job.ts';
import { canonicalTimeZone } from './zoned-time.ts';

/** Why a reader gets no mail for a job: the words kept in the ledger, and a short code counted per reason. */
export interface NotWanted {
  reason: string;
  code: SkipCode;
}

export type SkipCode =
  | 'reader-erased' | `reader-${Exclude<Subscriber['status'], 'active'>}` | 'confirmed-after-due' | 'preferences-changed'
  | 'event-deleted' | 'update-missing' | 'story-archived' | 'nothing-followed' | 'event-cancelled' | 'event-moved' | 'event-begun' | 'superseded' | 'recipient-rejected'
  | 'mailbox-suppressed';

const notWanted = (code: SkipCode, reason: string): NotWanted => ({ code, reason });

/**
 * Whether a reader should get this job's mail: asked in the fan-out and asked again by the sender just
 * before sending, so an unsubscribe or a change of preferences in between stops the mail.
 * Returns undefined when the reader wants it, else why they don't.
 */
export function whyNot(reader: Subscriber | undefined, job: SendJob): NotWanted | undefined {
  if (!reader) return notWanted('reader-erased', 'reader erased');
  if (reader.status !== 'active') return notWanted(`reader-${reader.status}`, `reader ${reader.status}`);
  if (!reader.confirmedAt || reader.confirmedAt > job.dueAt) return notWanted('confirmed-after-due', 'fell due before the reader confirmed');
  const p = reader.preferences;
  const changed = (reason: string) => notWanted('preferences-changed', reason);
  // Jobs are planned per canonical zone; a zone stored before zones were canonical still matches its own.
  const zone = canonicalTimeZone(p.timeZone) ?? p.timeZone;
  switch (job.kind) {
    case 'reminder': {
      if (zone !== job.timeZone) return changed('reader changed time zone');
      if (!p.reminders.includes(job.lead!)) return changed(`reader does not want ${job.lead} reminders`);
      if (!follows(p, job.storyId ?? SEED_STORY_ID, job.eventId!)) return changed('reader does not follow the event');
      // A catch-up after downtime: the reader gets only the nearest missed reminder they asked for.
      const nearer = job.supersededBy?.find((lead) => p.reminders.includes(lead));
      if (nearer) return notWanted('superseded', `superseded by the ${nearer} reminder, due in the same catch-up`);
      // One reminder per event per calendar day: the nearer one due later today is sent instead, and says so.
      const sameDay = job.laterSameDay?.find((lead) => p.reminders.includes(lead));
      if (sameDay) return notWanted('superseded', `one reminder per event per day: the ${sameDay} reminder is due later the same day`);
      return undefined;
    }
    case 'digest':
      if (zone !== job.timeZone) return changed('reader changed time zone');
      return p.digest === job.digest ? undefined : changed(`reader wants digest ${p.digest}`);
    case 'alert':
      return follows(p, job.storyId ?? SEED_STORY_ID, job.eventId!) ? undefined : changed('reader does not follow the event');
    case 'update':
      // About the story, not one event: every follower of the story, unless they turned editors' updates off.
      if (!followsStory(p, job.storyId!)) return changed('reader does not follow the story');
      return p.updates === false ? changed("reader turned editors' updates off") : undefined;
  }
}
