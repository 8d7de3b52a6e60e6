/**
 * How every email, page and invitation states when an event is, by one set of rules:
 * - a timed event: the reader's time, and the event's local time when that reads differently, each labelled;
 * - an all-day event: its date in its own zone, and, where the reader's day does not line up with it, the hours
 *   it spans in the reader's zone;
 * - a provisional event (a range, no day yet): "date to be confirmed (mid-November)", in the source's words, or
 *   the days of its range ("date to be confirmed (15–20 November 2016)"); no reader-zone line, since no day is known;
 * - never the same reading twice, never a line without a label.
 * Every function takes the reader's language (English when absent): the words come from its catalogue
 * (i18n/), days, times and zone names from i18n/dates.ts (English words of our own, so they do not change with
 * the runtime's ICU version; Japanese and Russian from Intl).
 */
import { eventEndsAt, eventStartsAt, TIMED_EVENT_HOURS, type DateRange, type When } from './model/event.ts';
import { clockTime, dateAndTime as dateAndTimeIn, longDate as longDateIn, rangeText as rangeTextIn, zoneName } from './i18n/dates.ts';
import { whenWordsFor } from './i18n/page-words.ts';
import type { Language } from './model/language.ts';
import { localDate } from './zoned-time.ts';

export interface WhenLine {
  label: string;
  text: string;
}

/** "Saturday 3 December 2016" for a calendar date ("2016年12月3日(土)", "сб, 3 декабря 2016 г."). */
export function longDate(date: string, lang: Language = 'en'): string {
  return longDateIn(date, lang);
}

/**
 * The days of a range, as short as they read unambiguously: "15–20 November 2016", "28 November – 3 December
 * 2016", "28 December 2016 – 3 January 2017", "November 2016" for a whole month, "15 November 2016" for one day.
 */
export function rangeText(range: Pick<DateRange, 'from' | 'to'>, lang: Language = 'en'): string {
  return rangeTextIn(range, lang);
}

/** "date to be confirmed (mid-November)": the source's words when the editor kept them, else the range's days. */
export function provisionalText(range: DateRange, lang: Language = 'en'): string {
  return whenWordsFor(lang).provisional(range.label ?? rangeText(range, lang));
}

/**
 * The event's day in its own zone, for a subject line: "Thursday 15 December 2016"; a provisional event's
 * "date to be confirmed (…)". The body's lines (whenLines) carry the times and the reader's zone.
 */
export function eventDay(e: When, lang: Language = 'en'): string {
  if (e.date) return longDate(e.date, lang);
  if (e.startTime) return longDate(e.startTime.slice(0, 10), lang);
  return provisionalText(e.range!, lang);
}

/**
 * When it is, in a few words for a sentence, on the reader's calendar: "Saturday 17 December 2016, 15:00 your
 * time", "Saturday 3 December 2016 (all day)", "date to be confirmed (mid-November)".
 */
export function whenShort(e: When, readerZone: string, lang: Language = 'en'): string {
  const w = whenWordsFor(lang);
  if (e.startTime) return w.shortTimed(dateAndTime(eventStartsAt(e), readerZone, lang));
  if (e.date) {
    const day = longDate(e.date, lang);
    return dayAligned(e, readerZone) ? w.shortAllDay(day) : w.shortAllDayIn(day, zoneName(e.timeZone, eventStartsAt(e), lang));
  }
  return provisionalText(e.range!, lang);
}

/**
 * The day a subject names, as the reader's calendar has it: a timed event's day on the reader's clock (the
 * summit at 15:00 in Tokyo on Friday 16 is Saturday 17 in Kiritimati, Thursday 15 in Pago Pago); an all-day
 * event's day, saying whose day it is when the reader's days do not line up with it.
 */
export function readerDay(e: When, readerZone: string, lang: Language = 'en'): string {
  if (e.startTime) return longDate(localDate(eventStartsAt(e), readerZone), lang);
  if (e.date) {
    const day = longDate(e.date, lang);
    return dayAligned(e, readerZone) ? day : whenWordsFor(lang).dayIn(day, zoneName(e.timeZone, eventStartsAt(e), lang));
  }
  return provisionalText(e.range!, lang);
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
export function dateAndTime(instant: Date, zone: string, lang: Language = 'en'): string {
  return dateAndTimeIn(instant, zone, lang);
}

const cache = new Map<string, WhenLine[]>();
const CACHE_ENTRIES = 10_000;

/**
 * The labelled lines that say when `e` is. Without a reader zone (the calendar feed, the subscribe page) only
 * the event's own zone is shown.
 */
export function whenLines(e: When, readerZone?: string, lang: Language = 'en'): WhenLine[] {
  const range = e.range ? `${e.range.from}/${e.range.to}/${e.range.label ?? ''}` : '';
  const key = `${e.date ?? ''}|${e.startTime ?? ''}|${range}|${e.timeZone}|${readerZone ?? ''}|${lang}`;
  let lines = cache.get(key);
  if (!lines) {
    lines = e.date ? allDayLines(e, readerZone, lang) : e.startTime ? timedLines(e, readerZone, lang)
      : [{ label: whenWordsFor(lang).when, text: provisionalText(e.range!, lang) }];
    if (cache.size >= CACHE_ENTRIES) cache.clear();
    cache.set(key, lines);
  }
  return lines;
}

/** Events carry a start, never an end: every timed event says so, and what calendars are given instead. */
const ends = (lang: Language): WhenLine => {
  const w = whenWordsFor(lang);
  return { label: w.ends, text: w.endsText(TIMED_EVENT_HOURS) };
};

function timedLines(e: When, readerZone: string | undefined, lang: Language): WhenLine[] {
  const w = whenWordsFor(lang);
  const start = eventStartsAt(e);
  const atEvent = dateAndTime(start, e.timeZone, lang);
  const eventZone = zoneName(e.timeZone, start, lang);
  if (!readerZone) return [{ label: w.when, text: w.zoned(atEvent, eventZone) }, ends(lang)];
  if (readerZone === e.timeZone) return [{ label: w.when, text: w.zonedYours(atEvent, eventZone) }, ends(lang)];
  const yours = dateAndTime(start, readerZone, lang);
  if (yours === atEvent) return [{ label: w.when, text: w.zonedSame(atEvent, eventZone, zoneName(readerZone, start, lang)) }, ends(lang)];
  return [
    { label: w.yourTime, text: w.zoned(yours, zoneName(readerZone, start, lang)) },
    { label: w.localAtEvent, text: w.zoned(atEvent, eventZone) },
    ends(lang),
  ];
}

function allDayLines(e: When, readerZone: string | undefined, lang: Language): WhenLine[] {
  const w = whenWordsFor(lang);
  const start = eventStartsAt(e);
  const eventZone = zoneName(e.timeZone, start, lang);
  const day = { label: w.date, text: w.allDay(longDate(e.date!, lang), eventZone) };
  if (!readerZone || readerZone === e.timeZone) return [day];
  const end = eventEndsAt(e);
  if (dayAligned(e, readerZone)) return [{ label: w.date, text: w.allDaySame(longDate(e.date!, lang), eventZone) }];
  const until = localDate(end, readerZone) === localDate(start, readerZone) ? clockTime(end, readerZone, lang) : dateAndTime(end, readerZone, lang);
  return [day, { label: w.yourTime, text: w.span(dateAndTime(start, readerZone, lang), until, zoneName(readerZone, start, lang)) }];
}

/** The lines on one line, for bullets, previews and page hints: "Date: …; Your time: …". */
export function whenInline(e: When, readerZone?: string, lang: Language = 'en'): string {
  return whenLines(e, readerZone, lang).map((l) => `${l.label}: ${l.text}`).join('; ');
}

/** The lines for a text/plain part, each "Label: text", indented by `indent`. */
export function whenText(e: When, readerZone?: string, indent = '', lang: Language = 'en'): string[] {
  return whenLines(e, readerZone, lang).map((l) => `${indent}${l.label}: ${l.text}`);
}
