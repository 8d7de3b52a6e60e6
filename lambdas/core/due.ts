import { addDays, isoWeekday, localDate, zonedToInstant } from './zoned-time.ts';
import { eventEndsAt, eventLocalDate, eventStartsAt, type DatedEvent } from './event.ts';
import { leadDays, type LeadTime } from './subscriber.ts';

/** Reminders and digests go out at this wall-clock time in the reader's zone. */
export const SEND_TIME = '08:00';
/** A digest lists the events of this many days ahead. */
export const DIGEST_HORIZON_DAYS = 14;

/** 08:00 in the reader's zone on the event's own date minus the lead time (P0D: the morning of the day). */
export function reminderDueAt(event: DatedEvent, lead: LeadTime, readerZone: string): Date {
  return zonedToInstant(addDays(eventLocalDate(event), -leadDays(lead)), SEND_TIME, readerZone);
}

/**
 * Whether a reminder is still worth sending at `now`: an all-day event until its day is over (P0D arrives on
 * the morning of the day itself), a timed event until it begins.
 */
export function reminderStillUseful(event: DatedEvent, now: Date): boolean {
  if (event.status === 'cancelled') return false;
  return (event.date ? eventEndsAt(event) : eventStartsAt(event)) > now;
}

export interface DigestSlot {
  period: 'weekly' | 'daily';
  localDate: string;
  dueAt: Date;
}

/** The digest send times in `zone` within (from, to]: 08:00 every day, and on Mondays the weekly one. */
export function digestSlots(zone: string, from: Date, to: Date): DigestSlot[] {
  const slots: DigestSlot[] = [];
  const last = localDate(to, zone);
  for (let d = localDate(from, zone); d <= last; d = addDays(d, 1)) {
    const dueAt = zonedToInstant(d, SEND_TIME, zone);
    if (dueAt <= from || dueAt > to) continue;
    slots.push({ period: 'daily', localDate: d, dueAt });
    if (isoWeekday(d) === 1) slots.push({ period: 'weekly', localDate: d, dueAt });
  }
  return slots;
}

/** The scheduled events a digest sent at `at` lists: those starting within the horizon, not yet over. */
export function digestEvents(events: DatedEvent[], at: Date): DatedEvent[] {
  const horizon = at.getTime() + DIGEST_HORIZON_DAYS * 86_400_000;
  return events.filter((e) => e.status === 'scheduled' && eventEndsAt(e) > at && eventStartsAt(e).getTime() <= horizon);
}
