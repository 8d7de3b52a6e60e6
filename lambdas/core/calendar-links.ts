/**
 * Add-to-calendar links for Google Calendar and Outlook.com: the mail's buttons and the story page's links for
 * each event. Pure functions of the event and, where the reader chose one, the reader's zone.
 */
import { type DatedEvent, eventEndsAt, eventStartsAt } from './model/event.ts';
import { dayAligned } from './when.ts';
import { addDays } from './zoned-time.ts';

/**
 * Add-to-calendar link for Google Calendar. An all-day event is a whole day (YYYYMMDD, exclusive end) where it is
 * the reader's day too, else the span it covers on the reader's clock, as the invite and the text give it.
 */
export function googleCalendarUrl(e: DatedEvent, readerZone?: string): string {
  const wholeDay = e.date !== undefined && (readerZone === undefined || dayAligned(e, readerZone));
  const dates = wholeDay
    ? `${compact(e.date!)}/${compact(addDays(e.date!, 1))}`
    : `${utcCompact(eventStartsAt(e))}/${utcCompact(eventEndsAt(e))}`;
  return `https://calendar.google.com/calendar/render?${query({
    action: 'TEMPLATE', text: e.title, dates, details: calendarDetails(e), location: e.place,
    ...(wholeDay ? {} : { ctz: readerZone ?? e.timeZone }),
  })}`;
}

/** Add-to-calendar link for Outlook.com, by the same rule. */
export function outlookCalendarUrl(e: DatedEvent, readerZone?: string): string {
  const wholeDay = e.date !== undefined && (readerZone === undefined || dayAligned(e, readerZone));
  const times: Record<string, string> = wholeDay
    ? { startdt: e.date!, enddt: addDays(e.date!, 1), allday: 'true' }
    : {
      startdt: eventStartsAt(e).toISOString().replace('.000', ''),
      enddt: eventEndsAt(e).toISOString().replace('.000', ''),
    };
  return `https://outlook.live.com/calendar/0/deeplink/compose?${query({
    path: '/calendar/action/compose', rru: 'addevent', subject: e.title, ...times, body: calendarDetails(e),
    location: e.place,
  })}`;
}

function calendarDetails(e: DatedEvent): string {
  return `${e.summary}\n\nSource: ${e.source.publisher}: "${e.source.quote}"${e.source.url ? `\n${e.source.url}` : ''}`;
}

function query(params: Record<string, string>): string {
  // A slash is legal in a query and keeps dates readable: dates=20161203/20161204.
  return Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2F/g, '/')}`).join('&');
}

function compact(date: string): string {
  return date.replace(/-/g, '');
}

function utcCompact(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
}

