import { digestEvents, digestSlots, reminderDueAt, reminderStillUseful } from './due.ts';
import { eventLocalDate, type DatedEvent, type PendingAlert } from './event.ts';
import { alertJobId, digestJobId, reminderJobId, type SendJob } from './job.ts';
import { LEAD_TIMES } from './subscriber.ts';

export interface PlanInput {
  /** The window this run covers: (from, to]. `to` is the schedule's scheduled time. */
  from: Date;
  to: Date;
  events: DatedEvent[];
  zones: string[];
  alerts: { event: DatedEvent; alert: PendingAlert }[];
}

/**
 * Every job that fell due in the window, each either to fan out or recorded as skipped with its reason
 * (a catch-up after downtime sends only what is still useful). Pure: the same input gives the same jobs.
 */
export function planJobs({ from, to, events, zones, alerts }: PlanInput): SendJob[] {
  const createdAt = to.toISOString();
  const jobs: SendJob[] = [];

  for (const zone of zones) {
    for (const event of events) {
      for (const lead of LEAD_TIMES) {
        const due = reminderDueAt(event, lead, zone);
        if (due <= from || due > to) continue;
        const useful = reminderStillUseful(event, to);
        jobs.push({
          id: reminderJobId(event.id, eventLocalDate(event), lead, zone),
          kind: 'reminder', dueAt: due.toISOString(), timeZone: zone, eventId: event.id, eventDate: eventLocalDate(event), lead,
          status: useful ? 'fanning-out' : 'skipped',
          ...(useful ? {} : { reason: event.status === 'cancelled' ? 'event cancelled' : 'event already begun or over' }),
          createdAt,
        });
      }
    }

    // After downtime only the latest missed digest of each period is worth reading; earlier ones are superseded.
    const slots = digestSlots(zone, from, to);
    for (const slot of slots) {
      const latest = slots.filter((s) => s.period === slot.period).at(-1) === slot;
      const listed = digestEvents(events, to);
      const reason = !latest ? 'superseded by a later digest' : listed.length === 0 ? 'nothing coming up' : undefined;
      jobs.push({
        id: digestJobId(slot.period, zone, slot.localDate),
        kind: 'digest', dueAt: slot.dueAt.toISOString(), timeZone: zone, digest: slot.period,
        status: reason ? 'skipped' : 'fanning-out', ...(reason ? { reason } : {}), createdAt,
      });
    }
  }

  for (const { event, alert } of alerts) {
    const pastEvent = !reminderStillUseful({ ...event, status: 'scheduled' }, to);
    jobs.push({
      id: alertJobId(event.id, event.version),
      kind: 'alert', dueAt: to.toISOString(), eventId: event.id, alert: { ...alert, version: event.version },
      status: pastEvent ? 'skipped' : 'fanning-out', ...(pastEvent ? { reason: 'event already over' } : {}), createdAt,
    });
  }
  return jobs;
}
