import { addDays, isoWeekday, localDate, zonedToInstant } from './zoned-time.ts';
import { eventEndsAt, eventStartsAt, isProvisional, type DatedEvent, type When } from './model/event.ts';
import { leadDays, type LeadTime } from './model/subscriber.ts';
import { messagesFor } from './i18n/catalogues.ts';
import { plural } from './i18n/messages.ts';
import type { Language } from './model/language.ts';

/** Reminders and digests go out at this wall-clock time in the reader's zone. */
export const SEND_TIME = '08:00';
/**
 * A morning-of reminder (P0D) for an event that begins at or before 08:00 the reader's time would arrive after
 * it began: it goes at this time the evening before instead, the earliest moment it is still of use.
 */
export const EVENING_BEFORE_TIME = '20:00';
/** A digest lists the events of this many days ahead. */
export const DIGEST_HORIZON_DAYS = 14;

/**
 * The reader's calendar date on which the event begins (an all-day event begins at midnight in its own zone):
 * Kishida's visit, all day on 3 December in Moscow, begins on 2 December at 16:00 in New York.
 */
export function readerStartDate(event: When, readerZone: string): string {
  return localDate(eventStartsAt(event), readerZone);
}

/**
 * When a reminder is due, counted on the reader's calendar: 08:00 their time, the lead's number of days before
 * the day the event begins for them. P0D is the morning of that day, or 20:00 the evening before when the
 * event begins at or before 08:00 their time.
 */
export function reminderDueAt(event: When, lead: LeadTime, readerZone: string): Date {
  const start = eventStartsAt(event);
  const startDate = localDate(start, readerZone);
  const morning = zonedToInstant(addDays(startDate, -leadDays(lead)), SEND_TIME, readerZone);
  if (morning < start) return morning;
  return zonedToInstant(addDays(startDate, -1), EVENING_BEFORE_TIME, readerZone);
}

/**
 * A reminder is worth sending until the event begins (all-day: midnight in its zone), never after; and never
 * while its date is to be confirmed, since no day-based reminder can be right for it.
 */
export function reminderStillUseful(event: DatedEvent, now: Date): boolean {
  if (event.status === 'cancelled' || isProvisional(event)) return false;
  return eventStartsAt(event) > now;
}

/** Whole days from `now` to the event's start, on the reader's calendar: 0 today, 1 tomorrow. */
export function daysUntil(event: When, readerZone: string, now: Date): number {
  const today = Date.parse(`${localDate(now, readerZone)}T00:00:00Z`);
  const day = Date.parse(`${readerStartDate(event, readerZone)}T00:00:00Z`);
  return Math.round((day - today) / 86_400_000);
}

/**
 * What a reminder says at `now`, for the reader: "Today", "Tomorrow", "In 6 days"; "Under way" once the event
 * has begun (the sender does not send a reminder then, but a digest lists it that way).
 */
export function distanceLabel(event: When, readerZone: string, now: Date, lang: Language = 'en'): string {
  const words = messagesFor(lang).distance;
  // A range has no day to count to; "In 3 days" would promise what the source did not.
  if (isProvisional(event)) return words.provisional;
  if (eventStartsAt(event) <= now) return words.underWay;
  const days = daysUntil(event, readerZone, now);
  if (days <= 0) return words.today;
  if (days === 1) return words.tomorrow;
  // "In 3 days", "3日後", "Через 3 дня" / "Через 5 дней": the language's own plural form for the count.
  return plural(lang, days, words.inDays);
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

/**
 * The scheduled events a digest sent at `at` lists: those starting within the horizon, not yet over; and every
 * provisional one whose range has not passed, however far off, since the digest is where readers hear of it.
 */
export function digestEvents(events: DatedEvent[], at: Date): DatedEvent[] {
  const horizon = at.getTime() + DIGEST_HORIZON_DAYS * 86_400_000;
  return events.filter((e) => e.status === 'scheduled' && eventEndsAt(e) > at
    && (isProvisional(e) || eventStartsAt(e).getTime() <= horizon));
}
