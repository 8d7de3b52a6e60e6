/**
 * iCalendar (RFC 5545) for the story's events: the subscribable feed and the one-event invite sent with mail.
 * SEQUENCE is the event's version as stored (DESIGN: "SEQUENCE = version"): it only ever grows, and the feed,
 * the invites and the alerts all derive it the same way. Timed events are written in UTC, so no VTIMEZONE is
 * needed; all-day events are DATE values, the standard form of an all-day entry, and the DESCRIPTION says whose
 * day it is (and, in an invite, what that is on the reader's clock), by the same rules as the emails (when.ts).
 * An invite (RFC 5546) names the ORGANIZER (the sender address) and the reader as ATTENDEE, a NON-PARTICIPANT
 * who has nothing to answer (PARTSTAT=ACCEPTED, RSVP=FALSE), so calendars file it without RSVP buttons that would
 * mail a reply to an address nobody reads.
 * A provisional event (a range, date to be confirmed) stays out of calendars until it is firm: a calendar entry
 * promises a day, and a tentative all-day block over "mid-November" (or a whole year) would clutter every day of
 * it and set off the calendar's own alarms on a day nobody announced. So the feed leaves it out, no REQUEST is
 * made for it, and an event that becomes provisional again is withdrawn with a CANCEL (same UID, higher
 * SEQUENCE); when its date is confirmed, the "date confirmed" alert's REQUEST (a higher SEQUENCE again) puts it back.
 */
import type { ChangeNotice } from './change-notice.ts';
import { type DatedEvent, type EventSource, eventEndsAt, eventStartsAt, isProvisional } from './model/event.ts';
import { dayAligned, whenText } from './when.ts';
import { inviteWordsFor } from './i18n/page-words.ts';
import type { Language } from './model/language.ts';
import { addDays } from './zoned-time.ts';

export interface CalendarFeedOptions {
  calendarName: string;
  now: Date;
  /** An RFC 5545 duration; how often subscribed clients should refresh. */
  refreshInterval?: string;
}

export interface EventInviteOptions {
  method: 'REQUEST' | 'CANCEL';
  now: Date;
  /** The sender address: RFC 5546 requires an ORGANIZER on REQUEST and CANCEL. */
  organizerEmail: string;
  /** The reader the invite is for: the ATTENDEE. */
  attendeeEmail: string;
  /** The reader's zone, for the DESCRIPTION's "Your time" line. */
  readerTimeZone?: string;
  /** An alert's change: the DESCRIPTION opens with it and its source, as the mail does. */
  change?: ChangeNotice | undefined;
  /** The reader's language: the DESCRIPTION's words and dates (the event's text comes localized by compose). */
  language?: Language | undefined;
}

const PRODID = '-//Datewatch//Datewatch 0.1//EN';
const CRLF = '\r\n';
const encoder = new TextEncoder();

/** The SEQUENCE of an event's VEVENT: its version, so each stored change supersedes the last. */
export function eventSequence(event: Pick<DatedEvent, 'version'>): number {
  return event.version;
}

export function eventUid(event: Pick<DatedEvent, 'id'>): string {
  return `${event.id}@datewatch`;
}

export function renderCalendarFeed(events: readonly DatedEvent[], options: CalendarFeedOptions): string {
  const refresh = options.refreshInterval ?? 'PT1H';
  if (!/^P(?!$)(?:\d+W|(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$/.test(refresh)) {
    throw new Error(`refreshInterval must be an RFC 5545 duration such as PT1H, got ${refresh}`);
  }
  return serialize([
    'BEGIN:VCALENDAR',
    `PRODID:${PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
    `NAME:${escapeText(options.calendarName)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${refresh}`,
    `X-PUBLISHED-TTL:${refresh}`,
    ...events.filter((e) => !isProvisional(e)).flatMap((e) => vevent(e, options.now)),
    'END:VCALENDAR',
  ]);
}

export function renderEventInvite(event: DatedEvent, options: EventInviteOptions): string {
  return eventInviteFor(event, options)(options.attendeeEmail);
}

/**
 * The invite of one event for many readers: everything but the reader's ATTENDEE line is rendered once, and
 * the returned function adds that line (a compose of thousands of readers makes one invite each).
 */
export function eventInviteFor(event: DatedEvent, options: Omit<EventInviteOptions, 'attendeeEmail'>): (attendeeEmail: string) => string {
  if (options.method === 'REQUEST' && isProvisional(event)) {
    throw new Error(`event ${event.id} is provisional: it has no day to invite to until its date is confirmed (a CANCEL withdraws it)`);
  }
  const status = options.method === 'CANCEL' ? 'CANCELLED' : undefined;
  const organizer = calendarAddress(options.organizerEmail, 'organizerEmail');
  const [before, after] = serialize([
    'BEGIN:VCALENDAR',
    `PRODID:${PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method}`,
    ...vevent(event, options.now, {
      status, organizer, attendee: true, readerTimeZone: options.readerTimeZone,
      change: options.change, language: options.language,
    }),
    'END:VCALENDAR',
  ]).split(ATTENDEE_SLOT) as [string, string];
  return (attendeeEmail) => `${before}${foldLine(attendeeLine(calendarAddress(attendeeEmail, 'attendeeEmail')))}${after}`;
}

/** Where the reader's ATTENDEE line goes: a whole content line, never folded (it is short and has no escapes). */
const ATTENDEE_SLOT = '\u0001attendee\u0001';

function attendeeLine(address: string): string {
  return `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${address}`;
}

/** A mailto: value must not break out of its content line or its parameters. */
function calendarAddress(address: string, field: string): string {
  if (typeof address !== 'string' || !/^[^\s@<>"';:,\\]+@[^\s@<>"';:,\\]+$/.test(address)) {
    throw new Error(`${field} must be a plain address such as news@example.com`);
  }
  return address;
}

interface InviteParts {
  status?: string;
  organizer?: string;
  /** Leaves the line for the reader's ATTENDEE (see eventInviteFor). */
  attendee?: boolean;
  readerTimeZone?: string;
  change?: ChangeNotice | undefined;
  language?: Language | undefined;
}

function vevent(e: DatedEvent, now: Date, extra: InviteParts = {}): string[] {
  const status = extra.status ?? (e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
  const source = (label: string, s: EventSource) => [`${label}: ${s.publisher}: "${s.quote}"`, ...(s.url ? [s.url] : [])];
  // An alert's invite tells the change first, on the change's word; the first announcement follows as background.
  const change = extra.change;
  const words = inviteWordsFor(extra.language);
  const description = [
    ...(change ? [change.statement, ...source(words.sourceOfChange, change.source), ''] : []),
    ...whenText(e, extra.readerTimeZone, '', extra.language ?? 'en'), '', e.summary, '',
    ...(!change ? source(words.source, e.source)
      : change.background ? source(words.firstAnnounced, change.background) : []),
  ].join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${eventUid(e)}`,
    `DTSTAMP:${utcStamp(now)}`,
    // A provisional event appears only in a CANCEL, where RFC 5546 makes DTSTART optional: it has no day to give.
    // An all-day event is the event zone's day: a DATE where that is the reader's day too, else the same day as
    // the timed span it is on the reader's clock, so the calendar shows what the mail says (README: all-day events).
    ...(e.date && (!extra.readerTimeZone || dayAligned(e, extra.readerTimeZone))
      ? [`DTSTART;VALUE=DATE:${compactDate(e.date)}`, `DTEND;VALUE=DATE:${compactDate(addDays(e.date, 1))}`]
      : e.date || e.startTime ? [`DTSTART:${utcStamp(eventStartsAt(e))}`, `DTEND:${utcStamp(eventEndsAt(e))}`] : []),
    `SEQUENCE:${eventSequence(e)}`,
    `SUMMARY:${escapeText(e.title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `LOCATION:${escapeText(e.place)}`,
    `STATUS:${status}`,
    ...(extra.organizer ? [`ORGANIZER;CN=Datewatch:mailto:${extra.organizer}`] : []),
    ...(extra.attendee ? [ATTENDEE_SLOT] : []),
    ...(e.source.url ? [`URL:${e.source.url}`] : []),
    `CREATED:${utcStamp(new Date(e.createdAt))}`,
    `LAST-MODIFIED:${utcStamp(new Date(e.updatedAt))}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** TEXT value escaping (RFC 5545 3.3.11); other control characters cannot be represented and are dropped. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/** Folds a content line to at most 75 octets per line, never inside a UTF-8 sequence (RFC 5545 3.1). */
export function foldLine(line: string): string {
  // Most lines are ASCII, where octets are characters: slice without encoding (an invite is made per email).
  if (asciiOnly.test(line)) return foldAscii(line);
  if (encoder.encode(line).length <= 75) return line;
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0)!);
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
      limit = 74; // continuation lines begin with one space
    }
    current += ch;
    octets += size;
  }
  pieces.push(current);
  return pieces.join(`${CRLF} `);
}

const asciiOnly = /^[\x00-\x7f]*$/;

function foldAscii(line: string): string {
  if (line.length <= 75) return line;
  let out = line.slice(0, 75);
  for (let i = 75; i < line.length; i += 74) out += `${CRLF} ${line.slice(i, i + 74)}`;
  return out;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

function serialize(lines: string[]): string {
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function utcStamp(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new Error('invalid date in calendar data');
  return instant.toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
}

function compactDate(date: string): string {
  return date.replace(/-/g, '');
}
