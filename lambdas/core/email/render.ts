/**
 * Renders every email the service sends from the compiled templates: pure functions of their inputs (time
 * included), no AWS and no mjml. HTML gets escaped values through fill(); the text part carries the same facts.
 */
import { type DatedEvent, eventEndsAt, eventStartsAt } from '../event.ts';
import { renderEventInvite } from '../ical.ts';
import { addDays, formatHuman, localDate, wallTimeAt } from '../zoned-time.ts';
import { fragments, templates } from './compiled.ts';
import { fill } from './fill.ts';

export interface EmailLinks { preferencesUrl: string; unsubscribeUrl: string }

export interface EmailAttachment { filename: string; contentType: string; content: string }

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  attachments: EmailAttachment[];
}

export interface ReminderInput {
  event: DatedEvent;
  readerTimeZone: string;
  leadDays: number;
  links: EmailLinks;
  now: Date;
  organizerEmail?: string;
}

export interface DigestInput {
  events: readonly DatedEvent[];
  storyContext: readonly string[];
  readerTimeZone: string;
  period: 'weekly' | 'daily';
  links: EmailLinks;
  now: Date;
}

export type EventWhenAndWhere = Pick<DatedEvent, 'date' | 'startTime' | 'timeZone' | 'place'>;

export interface AlertInput {
  event: DatedEvent;
  kind: 'moved' | 'cancelled';
  previous?: EventWhenAndWhere;
  readerTimeZone: string;
  links: EmailLinks;
  now: Date;
  organizerEmail?: string;
}

export interface ConfirmationInput {
  confirmUrl: string;
  events: readonly DatedEvent[];
  readerTimeZone: string;
  now: Date;
}

/** Gmail clips messages whose HTML exceeds 102 KB; stay well under it. */
export const MAX_HTML_BYTES = 100 * 1024;
const DIGEST_MAX_ITEMS = 20;
const DIGEST_SUMMARY_CHARS = 280;
const INVITE_FILENAME = 'invite.ics';

export function renderReminder(input: ReminderInput): RenderedEmail {
  const { event, links } = input;
  const cancelled = event.status === 'cancelled';
  const heading = cancelled ? 'Cancelled' : leadLabel(input.leadDays);
  const subject = singleLine(`${heading}: ${event.title}`);
  const whenReader = whenForReader(event, input.readerTimeZone);
  const whenEvent = whenInEventZone(event);
  const google = googleCalendarUrl(event);
  const outlook = outlookCalendarUrl(event);
  const html = fill(templates.reminder, {
    subject, preheader: `${whenReader} · ${event.place}`, heading, title: event.title, whenReader, whenEvent,
    place: event.place, summary: event.summary, quote: event.source.quote, publisher: event.source.publisher,
    googleCalendarUrl: google, outlookCalendarUrl: outlook, icsFilename: INVITE_FILENAME, ...linkValues(links),
  });
  const text = lines(
    heading.toUpperCase(), event.title, '',
    `When (your time): ${whenReader}`, `When (local to the event): ${whenEvent}`, `Where: ${event.place}`, '',
    event.summary, '', ...sourceLines(event), '',
    `Add to Google Calendar: ${google}`, `Add to Outlook.com: ${outlook}`,
    `For Apple Calendar and other apps, open the attached ${INVITE_FILENAME} file.`,
    ...footerLines(links),
  );
  return finish(subject, html, text, [invite(event, cancelled ? 'CANCEL' : 'REQUEST', input)]);
}

export function renderDigest(input: DigestInput): RenderedEmail {
  const { readerTimeZone: tz, now } = input;
  const upcoming = [...input.events]
    .filter((e) => eventEndsAt(e).getTime() > now.getTime())
    .sort((a, b) => eventStartsAt(a).getTime() - eventStartsAt(b).getTime());
  const shown = upcoming.slice(0, DIGEST_MAX_ITEMS);
  const period = input.period === 'weekly' ? 'Weekly' : 'Daily';
  const count = upcoming.length === 0 ? 'nothing scheduled yet' : `${upcoming.length} upcoming event${upcoming.length === 1 ? '' : 's'}`;
  const subject = singleLine(`${period} digest: ${count}`);
  const intro = `What is coming up, with dates in your time zone (${tz}).`;
  const rows = shown.map((e) => ({
    when: `${whenForReader(e, tz)} · ${relativeDay(e, tz, now)}`,
    title: e.title,
    badge: e.status === 'cancelled' ? ' (cancelled)' : '',
    place: e.place,
    whenEvent: `local time: ${whenInEventZone(e)}`,
    summary: clip(e.summary, DIGEST_SUMMARY_CHARS),
  }));
  const more = upcoming.length - shown.length;
  const items = rows.length === 0
    ? fill(fragments.note, { text: 'No dated events are scheduled at the moment.' })
    : rows.map((r) => fill(fragments['digest-item'], r)).join('')
      + (more > 0 ? fill(fragments.note, { text: `And ${more} more on the events page.` }) : '');
  const context = input.storyContext.length === 0 ? '' : fill(fragments.label, { text: 'Background' })
    + input.storyContext.map((c) => fill(fragments.bullet, { text: c })).join('');
  const html = fill(templates.digest, {
    subject, preheader: rows[0] ? `Next: ${rows[0].title}, ${rows[0].when}` : intro,
    heading: `Your ${period.toLowerCase()} digest`, intro, items, context, ...linkValues(input.links),
  });
  const text = lines(
    `YOUR ${period.toUpperCase()} DIGEST`, intro, '',
    ...(rows.length === 0 ? ['No dated events are scheduled at the moment.', ''] : rows.flatMap((r) => [
      `${r.title}${r.badge}`, `  ${r.when}`, `  ${r.place} · ${r.whenEvent}`, `  ${r.summary}`, '',
    ])),
    ...(more > 0 ? [`And ${more} more on the events page.`, ''] : []),
    ...(input.storyContext.length > 0 ? ['BACKGROUND', ...input.storyContext.map((c) => `- ${c}`)] : []),
    ...footerLines(input.links),
  );
  return finish(subject, html, text, []);
}

export function renderAlert(input: AlertInput): RenderedEmail {
  const { event, readerTimeZone: tz, links } = input;
  const whenReader = whenForReader(event, tz);
  const whenEvent = whenInEventZone(event);
  const common = {
    title: event.title, icsFilename: INVITE_FILENAME, whenReader, whenEvent, place: event.place,
    summary: event.summary, quote: event.source.quote, publisher: event.source.publisher, ...linkValues(links),
  };
  if (input.kind === 'cancelled') {
    const subject = singleLine(`Cancelled: ${event.title}`);
    const html = fill(templates['alert-cancelled'], { ...common, subject, preheader: `No longer taking place: ${whenReader}` });
    const text = lines(
      'EVENT CANCELLED', event.title, '', 'It was planned for:', `  ${whenReader}`, `  ${whenEvent}`, `  ${event.place}`, '',
      event.summary, '', ...sourceLines(event), '',
      `The attached ${INVITE_FILENAME} removes it from your calendar.`, ...footerLines(links),
    );
    return finish(subject, html, text, [invite(event, 'CANCEL', input)]);
  }
  if (!input.previous) throw new Error('a moved alert needs the previous date and place');
  const before = { ...input.previous, status: event.status };
  const previousWhenReader = whenForReader(before, tz);
  const previousWhenEvent = whenInEventZone(before);
  const subject = singleLine(`Moved: ${event.title}`);
  const html = fill(templates['alert-moved'], {
    ...common, subject, preheader: `Now: ${whenReader}, ${event.place}`,
    previousWhenReader, previousWhenEvent, previousPlace: input.previous.place,
  });
  const text = lines(
    'EVENT MOVED', event.title, '',
    'Now:', `  ${whenReader}`, `  ${whenEvent}`, `  ${event.place}`, '',
    'Before:', `  ${previousWhenReader}`, `  ${previousWhenEvent}`, `  ${input.previous.place}`, '',
    event.summary, '', ...sourceLines(event), '',
    `The attached ${INVITE_FILENAME} updates it in your calendar.`, ...footerLines(links),
  );
  return finish(subject, html, text, [invite(event, 'REQUEST', input)]);
}

export function renderConfirmation(input: ConfirmationInput): RenderedEmail {
  const subject = 'Confirm your Datewatch subscription';
  const upcoming = input.events.filter((e) => e.status === 'scheduled' && eventEndsAt(e).getTime() > input.now.getTime())
    .sort((a, b) => eventStartsAt(a).getTime() - eventStartsAt(b).getTime());
  const bullets = upcoming.map((e) => `${e.title}: ${whenForReader(e, input.readerTimeZone)}`);
  const eventsHeading = bullets.length > 0 ? 'Coming up in this story' : 'No dated events yet: we will remind you when there are';
  const html = fill(templates.confirmation, {
    subject, preheader: 'One click to start your reminders.', confirmUrl: input.confirmUrl, eventsHeading,
    events: bullets.map((b) => fill(fragments.bullet, { text: b })).join(''),
  });
  const text = lines(
    'CONFIRM YOUR SUBSCRIPTION', '',
    'Someone, hopefully you, asked to follow this story on Datewatch with this address. Confirm to start receiving:',
    '- a reminder before each dated event,', '- a digest of what is coming up,', '- an alert if an event is moved or cancelled.', '',
    `Confirm: ${input.confirmUrl}`, '', eventsHeading, ...bullets.map((b) => `- ${b}`), '', '--',
    'If you did not ask to subscribe, ignore this email: nothing will be sent to you unless the link above is used.',
  );
  return finish(subject, html, text, []);
}

/** Add-to-calendar link for Google Calendar; all-day dates are YYYYMMDD with an exclusive end. */
export function googleCalendarUrl(e: DatedEvent): string {
  const dates = e.date
    ? `${compact(e.date)}/${compact(addDays(e.date, 1))}`
    : `${utcCompact(eventStartsAt(e))}/${utcCompact(eventEndsAt(e))}`;
  return `https://calendar.google.com/calendar/render?${query({
    action: 'TEMPLATE', text: e.title, dates, details: calendarDetails(e), location: e.place, ...(e.date ? {} : { ctz: e.timeZone }),
  })}`;
}

/** Add-to-calendar link for Outlook.com. */
export function outlookCalendarUrl(e: DatedEvent): string {
  const times: Record<string, string> = e.date
    ? { startdt: e.date, enddt: addDays(e.date, 1), allday: 'true' }
    : { startdt: eventStartsAt(e).toISOString().replace('.000', ''), enddt: eventEndsAt(e).toISOString().replace('.000', '') };
  return `https://outlook.live.com/calendar/0/deeplink/compose?${query({
    path: '/calendar/action/compose', rru: 'addevent', subject: e.title, ...times, body: calendarDetails(e), location: e.place,
  })}`;
}

/**
 * A fan-out renders the same event for thousands of readers in a handful of zones, and the Intl formatting
 * below dominated the cost of an email: the result depends only on these four strings, so keep it.
 */
const whenCache = new Map<string, string>();
const WHEN_CACHE_ENTRIES = 10_000;

/** The event's date and time as the reader's clock shows them. */
export function whenForReader(e: Pick<DatedEvent, 'date' | 'startTime' | 'timeZone'>, readerTimeZone: string): string {
  const key = `${e.date ?? ''}|${e.startTime ?? ''}|${e.timeZone}|${readerTimeZone}`;
  let when = whenCache.get(key);
  if (when === undefined) {
    when = formatWhenForReader(e, readerTimeZone);
    if (whenCache.size >= WHEN_CACHE_ENTRIES) whenCache.clear();
    whenCache.set(key, when);
  }
  return when;
}

function formatWhenForReader(e: Pick<DatedEvent, 'date' | 'startTime' | 'timeZone'>, readerTimeZone: string): string {
  const start = eventStartsAt(e);
  if (!e.date) return formatHuman(start, readerTimeZone, true);
  const end = eventEndsAt(e);
  const wallStart = wallTimeAt(start, readerTimeZone);
  const wallEnd = wallTimeAt(end, readerTimeZone);
  const alignedDay = localDate(start, readerTimeZone) === e.date
    && wallStart.hour === 0 && wallStart.minute === 0 && wallEnd.hour === 0 && wallEnd.minute === 0;
  if (alignedDay) return `${longDate(e.date)} (all day, ${readerTimeZone})`;
  return `${withoutZone(formatHuman(start, readerTimeZone, true), readerTimeZone)} to `
    + `${withoutZone(formatHuman(end, readerTimeZone, true), readerTimeZone)} (${readerTimeZone})`;
}

/** The event's date and time in its own zone; an all-day event is a date, never a midnight. */
export function whenInEventZone(e: Pick<DatedEvent, 'date' | 'startTime' | 'timeZone'>): string {
  if (e.date) return `${longDate(e.date)} (all day, ${e.timeZone})`;
  return formatHuman(eventStartsAt(e), e.timeZone, true);
}

function leadLabel(days: number): string {
  if (days <= 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  return `In ${days} days`;
}

function relativeDay(e: DatedEvent, tz: string, now: Date): string {
  const today = Date.parse(`${localDate(now, tz)}T00:00:00Z`);
  const day = Date.parse(`${localDate(eventStartsAt(e), tz)}T00:00:00Z`);
  const days = Math.round((day - today) / 86_400_000);
  if (days < 0) return 'under way';
  return leadLabel(days).replace(/^In/, 'in').replace(/^T/, 't');
}

const longDateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

function longDate(date: string): string {
  return longDateFormat.format(new Date(`${date}T12:00:00Z`));
}

function withoutZone(human: string, tz: string): string {
  const suffix = ` (${tz})`;
  return human.endsWith(suffix) ? human.slice(0, -suffix.length) : human;
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

function invite(event: DatedEvent, method: 'REQUEST' | 'CANCEL', input: { now: Date; organizerEmail?: string }): EmailAttachment {
  const content = renderEventInvite(event, { method, now: input.now, organizerEmail: input.organizerEmail });
  return { filename: INVITE_FILENAME, contentType: `text/calendar; charset=UTF-8; method=${method}`, content };
}

function sourceLines(e: DatedEvent): string[] {
  return [`"${e.source.quote}"`, `— ${e.source.publisher}`, ...(e.source.url ? [e.source.url] : [])];
}

function footerLines(links: EmailLinks): string[] {
  return ['', '--', 'You get this email because you follow a story on Datewatch.',
    `Email preferences: ${links.preferencesUrl}`, `Unsubscribe: ${links.unsubscribeUrl}`];
}

function linkValues(links: EmailLinks): Record<string, string> {
  return { preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl };
}

function lines(...parts: string[]): string {
  return `${parts.join('\n')}\n`;
}

/** Subjects are one line: control characters (CR and LF included) become a single space. */
export function singleLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function finish(subject: string, html: string, text: string, attachments: EmailAttachment[]): RenderedEmail {
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes > MAX_HTML_BYTES) throw new Error(`rendered email is ${bytes} bytes of HTML, over the ${MAX_HTML_BYTES} limit`);
  return { subject, html, text, attachments };
}
