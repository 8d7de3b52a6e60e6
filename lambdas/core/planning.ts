import { digestEvents, digestSlots, reminderDueAt, reminderStillUseful } from './due.ts';
import { eventEndsAt, eventLocalDate, eventStartsAt, isProvisional, type DatedEvent, type PendingAlert } from './model/event.ts';
import { alertJobId, digestJobId, reminderJobId, updateJobId, type SendJob } from './model/job.ts';
import type { StoryStatus } from './model/story.ts';
import { LEAD_TIMES, leadDays, type LeadTime } from './model/subscriber.ts';
import { localDate } from './zoned-time.ts';

export interface PlanInput {
  /** The window this run covers: (from, to]. `to` is the schedule's scheduled time. */
  from: Date;
  to: Date;
  events: DatedEvent[];
  /** Canonical zones only (see canonicalTimeZone): each is planned once. */
  zones: string[];
  alerts: { event: DatedEvent; alert: PendingAlert }[];
  /** Editors' updates waiting for their job, each with its story's status now (undefined: no such story). */
  updates?: readonly { storyId: string; updateId: string; storyStatus: StoryStatus | undefined }[];
}

/**
 * Every job that fell due in the window, each either to fan out or recorded as skipped with its reason.
 * After downtime a window holds several missed reminders of one event: a reader gets only the nearest one
 * they asked for (each job names the nearer leads that supersede it, and the sender records the others as
 * superseded), labelled with the true distance when it is sent. Pure: the same input gives the same jobs.
 */
export function planJobs({ from, to, events, zones, alerts, updates = [] }: PlanInput): SendJob[] {
  const createdAt = to.toISOString();
  const jobs: SendJob[] = [];
  // Which leads of which events could fall due in this window in any zone: a cheap bound first, so a run over
  // thousands of events resolves wall times only for the few that are near (the rest cost one subtraction each).
  // No day-based reminder until the date is confirmed: once it is, its reminders fall due from its new day.
  const near = events
    .filter((event) => !isProvisional(event))
    .map((event) => {
      const start = eventStartsAt(event);
      return { event, leads: LEAD_TIMES.filter((lead) => mayFallDue(start, lead, from, to)) };
    })
    .filter(({ leads }) => leads.length > 0);

  for (const zone of zones) {
    for (const { event, leads } of near) {
      const due = leads.map((lead) => ({ lead, at: reminderDueAt(event, lead, zone) })).filter(({ at }) => at > from && at <= to);
      const useful = reminderStillUseful(event, to);
      due.forEach(({ lead, at }, i) => {
        // LEAD_TIMES runs from the farthest lead to the nearest, so the nearer missed ones come after this one.
        const supersededBy: LeadTime[] = useful ? due.slice(i + 1).map((d) => d.lead) : [];
        const { laterSameDay, standsFor } = sameDayLeads(event, lead, at, zone);
        jobs.push({
          id: reminderJobId(event.id, eventLocalDate(event), lead, zone),
          kind: 'reminder', dueAt: at.toISOString(), timeZone: zone, storyId: event.storyId, eventId: event.id, eventDate: eventLocalDate(event), lead,
          ...(supersededBy.length ? { supersededBy } : {}),
          ...(useful && laterSameDay.length ? { laterSameDay } : {}),
          ...(standsFor.length ? { standsFor } : {}),
          status: useful ? 'fanning-out' : 'skipped',
          ...(useful ? {} : { reason: event.status === 'cancelled' ? 'event cancelled' : 'event already begun' }),
          createdAt,
        });
      });
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
    const pastEvent = eventEndsAt(event) <= to;
    jobs.push({
      id: alertJobId(event.id, event.version),
      kind: 'alert', dueAt: to.toISOString(), storyId: event.storyId, eventId: event.id, alert: { ...alert, version: event.version },
      status: pastEvent ? 'skipped' : 'fanning-out', ...(pastEvent ? { reason: 'event already over' } : {}), createdAt,
    });
  }

  // An update goes to every zone at once, like an alert; one whose story stopped being active in between is kept, skipped.
  for (const { storyId, updateId, storyStatus } of updates) {
    const reason = storyStatus === 'active' ? undefined : `story ${storyStatus ?? 'deleted'}`;
    jobs.push({
      id: updateJobId(storyId, updateId), kind: 'update', dueAt: to.toISOString(), storyId, updateId,
      status: reason ? 'skipped' : 'fanning-out', ...(reason ? { reason } : {}), createdAt,
    });
  }
  return jobs;
}

const DAY_MS = 86_400_000;

/**
 * The other leads whose reminder of this event falls on the same calendar day in `zone` as this one's (due at
 * `at`): the nearer ones, due later that day, and the farther ones, due earlier. With reminders at 08:00 and the
 * same-day one moved to 20:00 the evening before an early event, only the 1-day and same-day reminders can meet.
 */
function sameDayLeads(event: DatedEvent, lead: LeadTime, at: Date, zone: string): { laterSameDay: LeadTime[]; standsFor: LeadTime[] } {
  const day = localDate(at, zone);
  const index = LEAD_TIMES.indexOf(lead);
  const onDay = LEAD_TIMES.filter((other) => other !== lead && localDate(reminderDueAt(event, other, zone), zone) === day);
  return {
    laterSameDay: onDay.filter((other) => LEAD_TIMES.indexOf(other) > index),
    standsFor: onDay.filter((other) => LEAD_TIMES.indexOf(other) < index),
  };
}

/**
 * False when no zone's reminder of this lead can fall in (from, to]. A reminder is due at 08:00 on the reader's
 * calendar `lead` days before the day the event begins for them, or 20:00 the evening before: always within
 * (start - (lead + 2) days, start - lead days + 1 day], whatever the zone's offset (UTC-12 to UTC+14) and daylight
 * saving. The bound is loose on purpose; reminderDueAt decides.
 */
export function mayFallDue(startsAt: Date, lead: LeadTime, from: Date, to: Date): boolean {
  const start = startsAt.getTime();
  const days = leadDays(lead);
  const earliest = start - (days + 2) * DAY_MS;
  const latest = start - (days - 1) * DAY_MS;
  return to.getTime() > earliest && from.getTime() < latest;
}

/**
 * The latest end of an event any of whose reminders can fall due by `to`: it begins within the farthest lead plus
 * two days (see mayFallDue) and a dated event lasts at most a day (25 hours across a daylight-saving change).
 * One day more, for margin: the planner decides, this only bounds what the dispatcher lists.
 */
export function reminderHorizon(to: Date): Date {
  const farthest = Math.max(...LEAD_TIMES.map(leadDays));
  return new Date(to.getTime() + (farthest + 4) * DAY_MS);
}
