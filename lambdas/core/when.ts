/**
 * How every email, page and invitation states when an event is, by one set of rules:
 * - a timed event: the reader's time, and the event's local time when that reads differently, each labelled;
 * - an all-day event: its date in its own zone, and, where the reader's day does not line up with it, the hours
 *   it spans in the reader's zone;
 * - a provisional event (a range, no day yet): "date to be confirmed (mid-November)", in the source's words, or
 *   the days of its range ("date to be confirmed (15–20 November 2016)"); no reader-zone line, since no day is known;
 * - never the same reading twice, never a line without a label.
 * Names of days and months are our own (English), so the words do not change with the runtime's ICU version.
 */
import { eventEndsAt, eventStartsAt, TIMED_EVENT_HOURS, type DateRange, type When } from './model/event.ts';
import { zoneName } from './zone-names.ts';
import { addDays, isoWeekday, localDate, wallTimeAt } from './zoned-time.ts';

export interface WhenLine {
  label: string;
  text: string;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Saturday 3 December 2016" for a calendar date. */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[isoWeekday(date) - 1]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * The days of a range, as short as they read unambiguously: "15–20 November 2016", "28 November – 3 December
 * 2016", "28 December 2016 – 3 January 2017", "November 2016" for a whole month, "15 November 2016" for one day.
 */
export function rangeText({ from, to }: Pick<DateRange, 'from' | 'to'>): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  if (from === to) return `${fd} ${MONTHS[fm - 1]} ${fy}`;
  const wholeMonth = fy === ty && fm === tm && fd === 1 && addDays(to, 1).endsWith('-01');
  if (wholeMonth) return `${MONTHS[fm - 1]} ${fy}`;
  if (fy === ty && fm === tm) return `${fd}–${td} ${MONTHS[fm - 1]} ${fy}`;
  if (fy === ty) return `${fd} ${MONTHS[fm - 1]} – ${td} ${MONTHS[tm - 1]} ${fy}`;
  return `${fd} ${MONTHS[fm - 1]} ${fy} – ${td} ${MONTHS[tm - 1]} ${ty}`;
}

/** "date to be confirmed (mid-November)": the source's words when the editor kept them, else the range's days. */
export function provisionalText(range: DateRange): string {
  return `date to be confirmed (${range.label ?? rangeText(range)})`;
}

/**
 * The event's day in its own zone, for a subject line: "Thursday 15 December 2016"; a provisional event's
 * "date to be confirmed (…)". The body's lines (whenLines) carry the times and the reader's zone.
 */
export function eventDay(e: When): string {
  if (e.date) return longDate(e.date);
  if (e.startTime) return longDate(e.startTime.slice(0, 10));
  return provisionalText(e.range!);
}

/**
 * When it is, in a few words for a sentence, on the reader's calendar: "Saturday 17 December 2016, 15:00 your
 * time", "Saturday 3 December 2016 (all day)", "date to be confirmed (mid-November)".
 */
export function whenShort(e: When, readerZone: string): string {
  if (e.startTime) return `${dateAndTime(eventStartsAt(e), readerZone)} your time`;
  if (e.date) return dayAligned(e, readerZone) ? `${longDate(e.date)} (all day)` : `${longDate(e.date)} (all day, ${zoneName(e.timeZone, eventStartsAt(e))})`;
  return provisionalText(e.range!);
}

/**
 * The day a subject names, as the reader's calendar has it: a timed event's day on the reader's clock (the
 * summit at 15:00 in Tokyo on Friday 16 is Saturday 17 in Kiritimati, Thursday 15 in Pago Pago); an all-day
 * event's day, saying whose day it is when the reader's days do not line up with it.
 */
export function readerDay(e: When, readerZone: string): string {
  if (e.startTime) return longDate(localDate(eventStartsAt(e), readerZone));
  if (e.date) return dayAligned(e, readerZone) ? longDate(e.date) : `${longDate(e.date)}, ${zoneName(e.timeZone, eventStartsAt(e))}`;
  return provisionalText(e.range!);
}

/** True when the all-day event's day is exactly a day on the reader's calendar (same date, midnight to midnight). */
export function dayAligned(e: When, readerZone: string): boolean {
  if (!e.date) return false;
  if (readerZone === e.timeZone) return true;
  const start = eventStartsAt(e);
  const end = eventEndsAt(e);
  return localDate(start, readerZone) === e.date && clockTime(start, readerZone) === '00:00' && clockTime(end, readerZone) === '00:00';
}

/** "Friday 2 December 2016, 16:00": the wall clock in `zone` at `instant`. */
export function dateAndTime(instant: Date, zone: string): string {
  return `${longDate(localDate(instant, zone))}, ${clockTime(instant, zone)}`;
}

function clockTime(instant: Date, zone: string): string {
  const w = wallTimeAt(instant, zone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

const cache = new Map<string, WhenLine[]>();
const CACHE_ENTRIES = 10_000;

/**
 * The labelled lines that say when `e` is. Without a reader zone (the calendar feed, the subscribe page) only
 * the event's own zone is shown.
 */
export function whenLines(e: When, readerZone?: string): WhenLine[] {
  const key = `${e.date ?? ''}|${e.startTime ?? ''}|${e.range ? `${e.range.from}/${e.range.to}/${e.range.label ?? ''}` : ''}|${e.timeZone}|${readerZone ?? ''}`;
  let lines = cache.get(key);
  if (!lines) {
    lines = e.date ? allDayLines(e, readerZone) : e.startTime ? timedLines(e, readerZone) : [{ label: 'When', text: provisionalText(e.range!) }];
    if (cache.size >= CACHE_ENTRIES) cache.clear();
    cache.set(key, lines);
  }
  return lines;
}

/** Events carry a start, never an end: every timed event says so, and what calendars are given instead. */
const ENDS: WhenLine = { label: 'Ends', text: `not announced (calendar entries show ${TIMED_EVENT_HOURS} hours)` };

function timedLines(e: When, readerZone: string | undefined): WhenLine[] {
  const start = eventStartsAt(e);
  const atEvent = dateAndTime(start, e.timeZone);
  const eventZone = zoneName(e.timeZone, start);
  if (!readerZone) return [{ label: 'When', text: `${atEvent} ${eventZone}` }, ENDS];
  if (readerZone === e.timeZone) return [{ label: 'When', text: `${atEvent} ${eventZone} (your time)` }, ENDS];
  const yours = dateAndTime(start, readerZone);
  if (yours === atEvent) return [{ label: 'When', text: `${atEvent} ${eventZone} (the same on your clock, ${zoneName(readerZone, start)})` }, ENDS];
  return [
    { label: 'Your time', text: `${yours} ${zoneName(readerZone, start)}` },
    { label: 'Local time at the event', text: `${atEvent} ${eventZone}` },
    ENDS,
  ];
}

function allDayLines(e: When, readerZone: string | undefined): WhenLine[] {
  const start = eventStartsAt(e);
  const eventZone = zoneName(e.timeZone, start);
  const day = { label: 'Date', text: `${longDate(e.date!)}, all day (${eventZone})` };
  if (!readerZone || readerZone === e.timeZone) return [day];
  const end = eventEndsAt(e);
  if (dayAligned(e, readerZone)) return [{ label: 'Date', text: `${longDate(e.date!)}, all day (${eventZone}, the same day on your calendar)` }];
  const until = localDate(end, readerZone) === localDate(start, readerZone) ? clockTime(end, readerZone) : dateAndTime(end, readerZone);
  return [day, { label: 'Your time', text: `${dateAndTime(start, readerZone)} to ${until} ${zoneName(readerZone, start)}` }];
}

/** The lines on one line, for bullets, previews and page hints: "Date: …; Your time: …". */
export function whenInline(e: When, readerZone?: string): string {
  return whenLines(e, readerZone).map((l) => `${l.label}: ${l.text}`).join('; ');
}

/** The lines for a text/plain part, each "Label: text", indented by `indent`. */
export function whenText(e: When, readerZone?: string, indent = ''): string[] {
  return whenLines(e, readerZone).map((l) => `${indent}${l.label}: ${l.text}`);
}
