import { follows, type Subscriber } from './subscriber.ts';
import type { SendJob } from './job.ts';

/**
 * Whether a reader should get this job's mail: asked in the fan-out and asked again by the sender just
 * before sending, so an unsubscribe or a change of preferences in between stops the mail.
 * Returns undefined when the reader wants it, else the reason they don't.
 */
export function whyNot(reader: Subscriber | undefined, job: SendJob): string | undefined {
  if (!reader) return 'reader erased';
  if (reader.status !== 'active') return `reader ${reader.status}`;
  if (!reader.confirmedAt || reader.confirmedAt > job.dueAt) return 'fell due before the reader confirmed';
  const p = reader.preferences;
  switch (job.kind) {
    case 'reminder':
      if (p.timeZone !== job.timeZone) return 'reader changed time zone';
      if (!p.reminders.includes(job.lead!)) return `reader does not want ${job.lead} reminders`;
      if (!follows(p, job.eventId!)) return 'reader does not follow the event';
      return undefined;
    case 'digest':
      if (p.timeZone !== job.timeZone) return 'reader changed time zone';
      return p.digest === job.digest ? undefined : `reader wants digest ${p.digest}`;
    case 'alert':
      return follows(p, job.eventId!) ? undefined : 'reader does not follow the event';
  }
}
