/**
 * Renders every email the service sends from the compiled templates: pure functions of their inputs (time
 * included), no AWS and no mjml. HTML gets escaped values through fill(); the text part carries the same facts.
 * Dates follow one set of rules (when.ts); a reminder's label is the true distance on the reader's calendar at
 * the moment it is rendered, not the lead time it was planned for.
 */
import { distanceLabel } from '../due.ts';
import type { LeadTime } from '../model/subscriber.ts';
import { changeNotice, sourceText, type ChangeNotice } from '../change-notice.ts';
import { type DatedEvent, type EventSource, eventEndsAt, eventStartsAt, isProvisional } from '../model/event.ts';
import { eventInviteFor } from '../ical.ts';
import { dayAligned, rangeText, readerDay, whenLines, whenText, type WhenLine } from '../when.ts';
import { zoneName } from '../zone-names.ts';
import { addDays } from '../zoned-time.ts';
import { fragments, templates } from './compiled.ts';
import { escapeHtml, fill } from './fill.ts';
import type { StoryRef } from '../model/story.ts';
import { safeHref } from './markdown.ts';

export interface EmailLinks { preferencesUrl: string; unsubscribeUrl: string }

export interface EmailAttachment { filename: string; contentType: string; content: string }

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  attachments: EmailAttachment[];
  /** The invitation this email carries (made for `invite`'s reader, or by compose for each reader). */
  inviteMethod?: 'REQUEST' | 'CANCEL';
  /** An alert's change, which its invite's DESCRIPTION tells as the mail does. */
  change?: ChangeNotice;
}

/** Who an invitation is from and for (RFC 5546: ORGANIZER, ATTENDEE). */
export interface InviteParties {
  organizerEmail: string;
  attendeeEmail: string;
}

export interface ReminderInput {
  event: DatedEvent;
  story: StoryRef;
  readerTimeZone: string;
  links: EmailLinks;
  /** The moment of sending: the subject says how far the event is from it. */
  now: Date;
  /** Without it no invite is attached; compose attaches one per reader (see eventInvite). */
  invite?: InviteParties;
  /** The reader's farther reminders that fell on the same day and yielded to this one (one per event per day). */
  standsFor?: readonly LeadTime[];
  /** A mail that will carry no invitation (a test send): it says nothing of one. */
  withoutInvite?: boolean;
}

/** One story's part of a digest: its events (and background), in the reader's choice of stories. */
export interface DigestGroup {
  story: StoryRef;
  events: readonly DatedEvent[];
}

export interface DigestInput {
  groups: readonly DigestGroup[];
  /** Stories added since the last digest of this period, for readers who follow every story. */
  newStories?: readonly StoryRef[];
  readerTimeZone: string;
  period: 'weekly' | 'daily';
  links: EmailLinks;
  now: Date;
}

export type EventWhenAndWhere = Pick<DatedEvent, 'date' | 'startTime' | 'range' | 'timeZone' | 'place'>;

export interface AlertInput {
  event: DatedEvent;
  story: StoryRef;
  /** 'confirmed': a provisional event was given its date (previous: the range it had). */
  kind: 'moved' | 'confirmed' | 'cancelled';
  previous?: EventWhenAndWhere;
  /** The event's version the alert is for (its job's): picks the change it tells of from the event's history. */
  version?: number;
  /** A mail that will carry no invitation (a test send): it says nothing of one. */
  withoutInvite?: boolean;
  readerTimeZone: string;
  links: EmailLinks;
  now: Date;
  /** Without it no invite is attached; compose attaches one per reader (see eventInvite). */
  invite?: InviteParties;
}

export interface ConfirmationInput {
  confirmUrl: string;
  /** The stories the request names (their titles go in the mail); with `allStories`, every story, new ones too. */
  stories?: readonly StoryRef[];
  allStories?: boolean;
  events: readonly DatedEvent[];
  readerTimeZone: string;
  now: Date;
}

/** Gmail clips messages whose HTML exceeds 102 KB; stay well under it. */
export const MAX_HTML_BYTES = 100 * 1024;
const DIGEST_MAX_ITEMS = 20;
const DIGEST_SUMMARY_CHARS = 280;
export const INVITE_FILENAME = 'invite.ics';

export function renderReminder(input: ReminderInput): RenderedEmail {
  const { event, links, readerTimeZone: tz, now } = input;
  const cancelled = event.status === 'cancelled';
  const heading = cancelled ? 'Cancelled' : distanceLabel(event, tz, now);
  const subject = singleLine(`${heading}: ${event.title}`);
  const when = whenLines(event, tz);
  const google = googleCalendarUrl(event, tz);
  const outlook = outlookCalendarUrl(event, tz);
  const note = oneADay(input.standsFor ?? []);
  const inviteNote = input.withoutInvite ? '' : `For Apple Calendar and other apps, open the attached ${INVITE_FILENAME} file.`;
  const html = fill(templates.reminder, {
    subject, preheader: preheader(heading, when, event.place), heading, title: event.title, when: whenHtml(when), story: input.story.title, note: noteHtml(note),
    place: event.place, summary: event.summary, quote: event.source.quote, publisher: event.source.publisher,
    googleCalendarUrl: google, outlookCalendarUrl: outlook, inviteNote: noteHtml(inviteNote), ...linkValues(links),
  });
  const text = lines(
    storyLine(input.story), '', heading.toUpperCase(), event.title, '',
    ...whenText(event, tz), `Where: ${event.place}`, '', ...(note ? [note, ''] : []),
    event.summary, '', ...sourceLines(event), '',
    `Add to Google Calendar: ${google}`, `Add to Outlook.com: ${outlook}`,
    ...(inviteNote ? [inviteNote] : []),
    ...footerLines(links),
  );
  return withInvite(finish(subject, html, text, []), event, cancelled ? 'CANCEL' : 'REQUEST', input);
}

const LEAD_WORDS: Record<LeadTime, string> = {
  P14D: '14 days before', P7D: '7 days before', P3D: '3 days before', P1D: '1 day before', P0D: 'on the day',
};

/** "One reminder per event per day: …" when farther reminders fell on this one's day, else ''. */
function oneADay(standsFor: readonly LeadTime[]): string {
  if (standsFor.length === 0) return '';
  const names = standsFor.map((l) => `"${LEAD_WORDS[l]}"`).join(' and ');
  return `One reminder per event per day: your ${names} reminder fell on this same day, so you get only this one, the nearer.`;
}

export function renderDigest(input: DigestInput): RenderedEmail {
  const { readerTimeZone: tz, now } = input;
  const startOf = (e: DatedEvent) => eventStartsAt(e).getTime();
  // Dated events by their next moment on the reader's calendar (one under way first: it is happening now);
  // provisional ones after every dated one, by the start of their range: a range is no moment to count to.
  const order = (a: DatedEvent, b: DatedEvent) => Number(isProvisional(a)) - Number(isProvisional(b)) || startOf(a) - startOf(b);
  const upcomingAll = input.groups.flatMap((g) => g.events.filter((e) => eventEndsAt(e).getTime() > now.getTime())).sort(order);
  const shownIds = new Set(upcomingAll.slice(0, DIGEST_MAX_ITEMS).map((e) => e.id));
  const groups = input.groups
    .map((g) => ({ story: g.story, events: g.events.filter((e) => shownIds.has(e.id)).sort(order) }))
    .filter((g) => g.events.length > 0)
    .sort((a, b) => order(a.events[0]!, b.events[0]!));
  const newStories = input.newStories ?? [];
  const period = input.period === 'weekly' ? 'Weekly' : 'Daily';
  const begun = (e: DatedEvent) => !isProvisional(e) && startOf(e) <= now.getTime();
  const underWay = upcomingAll.filter(begun);
  const toConfirm = upcomingAll.filter((e) => isProvisional(e));
  const coming = upcomingAll.filter((e) => !isProvisional(e) && !begun(e));
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const count = upcomingAll.length === 0 ? 'nothing scheduled yet' : [
    underWay.length ? `${underWay.length} under way` : '',
    coming.length ? plural(coming.length, 'upcoming event', 'upcoming events') : '',
    toConfirm.length ? plural(toConfirm.length, 'date to be confirmed', 'dates to be confirmed') : '',
  ].filter(Boolean).join(', ');
  const subject = singleLine(`${period} digest: ${count}${newStories.length ? `, ${plural(newStories.length, 'new story', 'new stories')}` : ''}`);
  const intro = `What is coming up in the stories you follow, with times on your clock (${zoneName(tz, now)}).`;
  const rowOf = (e: DatedEvent) => ({
    event: e, title: e.title, badge: e.status === 'cancelled' ? ' (cancelled)' : '', place: e.place, summary: clip(e.summary, DIGEST_SUMMARY_CHARS),
    // Under the "Dates to be confirmed" heading a row says what the source said, not the heading again.
    distance: isProvisional(e) ? `Expected ${e.range.label ?? rangeText(e.range)}` : distanceLabel(e, tz, now),
    when: isProvisional(e) ? [] : whenLines(e, tz),
  });
  const rendered = groups.map((g) => ({
    story: g.story, rows: g.events.filter((e) => !isProvisional(e)).map(rowOf), toConfirm: g.events.filter((e) => isProvisional(e)).map(rowOf),
  }));
  const toConfirmLabel = 'Dates to be confirmed';
  const next = coming[0];
  const more = upcomingAll.length - shownIds.size;
  const itemHtml = (r: ReturnType<typeof rowOf>) => fill(fragments['digest-item'], {
    distance: r.distance, title: r.title, badge: r.badge, summary: r.summary,
    // One row for every line about when and where: a digest of twenty events stays small.
    details: [...r.when, { label: 'Where', text: r.place }]
      .map((l) => `<strong>${escapeHtml(l.label)}:</strong> ${escapeHtml(l.text)}`).join('<br />'),
  });
  const backgroundHtml = (story: StoryRef) => (story.background?.length
    ? fill(fragments.label, { text: 'Background' }) + story.background.map((c) => fill(fragments.bullet, { text: c })).join('') : '');
  const items = (rendered.length === 0
    ? fill(fragments.note, { text: 'No dated events are scheduled at the moment.' })
    : rendered.map((g) => fill(fragments['story-heading'], { title: g.story.title, byline: g.story.publisher })
      + g.rows.map(itemHtml).join('')
      + (g.toConfirm.length ? fill(fragments.label, { text: toConfirmLabel }) + g.toConfirm.map(itemHtml).join('') : '')
      + backgroundHtml(g.story)).join(''))
    + (more > 0 ? fill(fragments.note, { text: `And ${more} more on the stories' pages.` }) : '');
  const context = newStories.length === 0 ? '' : fill(fragments.label, { text: 'New stories you now follow' })
    + newStories.map((st) => fill(fragments.bullet, { text: `${st.title} (${st.publisher})` })).join('');
  // The preheader names the nearest dated event that has not begun (and what is under way, which is not "next").
  const lead = [
    next ? `Next: ${next.title}, ${distanceLabel(next, tz, now).toLowerCase()}` : '',
    underWay.length ? `Under way: ${underWay.map((e) => e.title).join(', ')}` : '',
  ].filter(Boolean).join(' · ');
  const html = fill(templates.digest, {
    subject, preheader: lead || intro,
    heading: `Your ${period.toLowerCase()} digest`, intro, items, context, ...linkValues(input.links),
  });
  const rowText = (r: ReturnType<typeof rowOf>) => [`${r.title}${r.badge}`, `  ${r.distance}`, ...r.when.map((l) => `  ${l.label}: ${l.text}`), `  Where: ${r.place}`, `  ${r.summary}`, ''];
  const text = lines(
    `YOUR ${period.toUpperCase()} DIGEST`, intro, '',
    ...(rendered.length === 0 ? ['No dated events are scheduled at the moment.', ''] : rendered.flatMap((g) => [
      `== ${g.story.title} (${g.story.publisher}) ==`, '',
      ...g.rows.flatMap(rowText),
      ...(g.toConfirm.length ? [`${toConfirmLabel}:`, '', ...g.toConfirm.flatMap(rowText)] : []),
      ...(g.story.background?.length ? ['Background:', ...g.story.background.map((c) => `- ${c}`), ''] : []),
    ])),
    ...(more > 0 ? [`And ${more} more on the stories' pages.`, ''] : []),
    ...(newStories.length > 0 ? ['NEW STORIES YOU NOW FOLLOW', ...newStories.map((st) => `- ${st.title} (${st.publisher})`), ''] : []),
    ...footerLines(input.links),
  );
  return finish(subject, html, text, []);
}

export function renderAlert(input: AlertInput): RenderedEmail {
  const { event, readerTimeZone: tz, links } = input;
  const when = whenLines(event, tz);
  const notice = changeNotice(event, input.kind, input.previous, tz, input.version);
  const common = {
    story: input.story.title, title: event.title, when: whenHtml(when), place: event.place,
    summary: event.summary, change: notice.statement, changeSource: sourceHtml(changeLabel(notice), notice.source),
    background: notice.background ? sourceHtml(BACKGROUND_LABEL, notice.background) : '', ...linkValues(links),
  };
  // The change first, on its own word; the event's first announcement after the summary, as background.
  const changeText = [notice.statement, '', `${changeLabel(notice)}:`, ...sourceText(notice.source), ''];
  const backgroundText = notice.background ? ['', `${BACKGROUND_LABEL}:`, ...sourceText(notice.background)] : [];
  if (input.kind === 'cancelled') {
    const subject = singleLine(`Cancelled: ${event.title}`);
    const inviteNote = input.withoutInvite ? '' : `The attached ${INVITE_FILENAME} removes it from your calendar.`;
    const html = fill(templates['alert-cancelled'], { ...common, subject, preheader: notice.statement, inviteNote: noteHtml(inviteNote) });
    const text = lines(
      storyLine(input.story), '', 'EVENT CANCELLED', event.title, '', ...changeText,
      'It was planned for:', ...whenText(event, tz, '  '), `  Where: ${event.place}`, '',
      event.summary, ...backgroundText, '',
      ...(inviteNote ? [inviteNote] : []), ...footerLines(links),
    );
    return withInvite(finish(subject, html, text, []), event, 'CANCEL', input, notice);
  }
  if (input.kind === 'confirmed') return renderConfirmedAlert(input, notice, common, changeText, backgroundText);
  if (!input.previous) throw new Error('a moved alert needs the previous date and place');
  const before = whenLines(input.previous, tz);
  const subject = singleLine(`Moved: ${event.title}`);
  // A provisional event stays out of calendars (ical.ts): the old entry is withdrawn until the date is confirmed.
  const inviteNote = input.withoutInvite ? '' : isProvisional(event)
    ? `The attached ${INVITE_FILENAME} takes the old date out of your calendar; a new invitation follows once the date is confirmed.`
    : `The attached ${INVITE_FILENAME} updates it in your calendar.`;
  const html = fill(templates['alert-moved'], {
    ...common, subject, preheader: notice.statement, inviteNote: noteHtml(inviteNote),
    previousWhen: before.map((l) => fill(fragments['when-line-before'], { ...l })).join(''), previousPlace: input.previous.place,
  });
  const text = lines(
    storyLine(input.story), '', 'EVENT MOVED', event.title, '', ...changeText,
    'Now:', ...whenText(event, tz, '  '), `  Where: ${event.place}`, '',
    'Before:', ...whenText(input.previous, tz, '  '), `  Where: ${input.previous.place}`, '',
    event.summary, ...backgroundText, '',
    ...(inviteNote ? [inviteNote] : []),
    ...footerLines(links),
  );
  return withInvite(finish(subject, html, text, []), event, isProvisional(event) ? 'CANCEL' : 'REQUEST', input, notice);
}

const BACKGROUND_LABEL = 'As first announced';

function changeLabel(notice: ChangeNotice): string {
  return notice.kind === 'cancelled' ? 'Source of the cancellation' : notice.kind === 'confirmed' ? 'Source of the date' : 'Source of the change';
}

/** A quoted source under its label, its link (when it has one) as a link. */
function sourceHtml(label: string, source: EventSource): string {
  const url = source.url ? safeHref(source.url) : undefined;
  const link = url ? ` &middot; <a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : '';
  return fill(fragments.source, { label, quote: source.quote, publisher: source.publisher, link });
}

/**
 * "Date confirmed": a provisional event was given its day. It reads like a move (now, and what readers had until
 * now), quotes the source of the confirmation, and carries the invite, a REQUEST now that there is a day.
 */
function renderConfirmedAlert(
  input: AlertInput, notice: ChangeNotice, common: Record<string, string>, changeText: string[], backgroundText: string[],
): RenderedEmail {
  const { event, readerTimeZone: tz, links } = input;
  if (isProvisional(event)) throw new Error('a confirmed alert needs an event with a date');
  const previous = input.previous ?? { timeZone: event.timeZone, place: event.place };
  const before = previous.date || previous.startTime || previous.range ? whenLines(previous, tz) : [];
  // The reader's day, not the event zone's: the subject must not contradict the body for any reader.
  const subject = singleLine(`Date confirmed: ${event.title} — ${readerDay(event, tz)}`);
  const inviteNote = `${input.withoutInvite ? '' : `The attached ${INVITE_FILENAME} adds it to your calendar. `}Your reminders for it follow at the times you chose.`;
  const html = fill(templates['alert-confirmed'], {
    ...common, subject, preheader: notice.statement, inviteNote: noteHtml(inviteNote),
    previousWhen: before.map((l) => fill(fragments['when-line-before'], { ...l })).join(''), previousPlace: previous.place,
  });
  const text = lines(
    storyLine(input.story), '', 'DATE CONFIRMED', event.title, '', ...changeText,
    'Now:', ...whenText(event, tz, '  '), `  Where: ${event.place}`, '',
    'Until now:', ...before.map((l) => `  ${l.label}: ${l.text}`), `  Where: ${previous.place}`, '',
    event.summary, ...backgroundText, '',
    inviteNote, ...footerLines(links),
  );
  return withInvite(finish(subject, html, text, []), event, 'REQUEST', input, notice);
}

export function renderConfirmation(input: ConfirmationInput): RenderedEmail {
  const subject = 'Confirm your Datewatch subscription';
  const tz = input.readerTimeZone;
  // What the request asked to follow, by name: one story, a few, or every story (also those added later).
  const named = input.stories ?? [];
  const followed = input.allStories === true && named.length !== 1
    ? 'the news stories Datewatch follows'
    : named.length === 1 ? `the story “${named[0]!.title}” (${named[0]!.publisher})`
      : named.length === 0 ? 'this story' : `${named.length} stories: ${named.map((s) => `“${s.title}”`).join(', ')}`;
  const upcoming = input.events.filter((e) => e.status === 'scheduled' && eventEndsAt(e).getTime() > input.now.getTime())
    .sort((a, b) => eventStartsAt(a).getTime() - eventStartsAt(b).getTime());
  const eventsHeading = upcoming.length > 0 ? 'Coming up' : 'No dated events yet: we will remind you when there are';
  const html = fill(templates.confirmation, {
    subject, preheader: 'One click to start your reminders.', confirmUrl: input.confirmUrl, eventsHeading, followed,
    events: upcoming.map((e) => fill(fragments.bullet, { text: e.title })
      + whenLines(e, tz).map((l) => fill(fragments['when-compact'], { ...l })).join('')).join(''),
  });
  const text = lines(
    'CONFIRM YOUR SUBSCRIPTION', '',
    `Someone, hopefully you, asked to follow ${followed} on Datewatch with this address. Confirm to start receiving:`,
    '- a reminder before each dated event,', '- a digest of what is coming up,', '- an alert if an event is moved or cancelled.', '',
    `Confirm: ${input.confirmUrl}`, '', eventsHeading, ...upcoming.flatMap((e) => [`- ${e.title}`, ...whenText(e, tz, '  ')]), '', '--',
    'If you did not ask to subscribe, ignore this email: nothing will be sent to you unless the link above is used.',
  );
  return finish(subject, html, text, []);
}

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
    action: 'TEMPLATE', text: e.title, dates, details: calendarDetails(e), location: e.place, ...(wholeDay ? {} : { ctz: readerZone ?? e.timeZone }),
  })}`;
}

/** Add-to-calendar link for Outlook.com, by the same rule. */
export function outlookCalendarUrl(e: DatedEvent, readerZone?: string): string {
  const wholeDay = e.date !== undefined && (readerZone === undefined || dayAligned(e, readerZone));
  const times: Record<string, string> = wholeDay
    ? { startdt: e.date!, enddt: addDays(e.date!, 1), allday: 'true' }
    : { startdt: eventStartsAt(e).toISOString().replace('.000', ''), enddt: eventEndsAt(e).toISOString().replace('.000', '') };
  return `https://outlook.live.com/calendar/0/deeplink/compose?${query({
    path: '/calendar/action/compose', rru: 'addevent', subject: e.title, ...times, body: calendarDetails(e), location: e.place,
  })}`;
}

/** A muted line of the body, or nothing when there is nothing to say. */
function noteHtml(text: string): string {
  return text ? fill(fragments.note, { text }) : '';
}

function whenHtml(when: readonly WhenLine[]): string {
  return when.map((l) => fill(fragments['when-line'], { ...l })).join('');
}

/** The first line a mail client shows: visible text at the top of the body, not a hidden trick. */
function preheader(lead: string, when: readonly WhenLine[], place: string): string {
  const yours = when.find((l) => l.label === 'Your time') ?? when[0]!;
  return `${lead} · ${yours.text} · ${place}`;
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

function withInvite(
  mail: RenderedEmail, event: DatedEvent, method: 'REQUEST' | 'CANCEL', input: { invite?: InviteParties; now: Date; readerTimeZone: string; withoutInvite?: boolean }, change?: ChangeNotice,
): RenderedEmail {
  if (input.withoutInvite) return { ...mail, ...(change ? { change } : {}) };
  const attachments = input.invite ? [eventInvite(event, method, { ...input.invite, now: input.now, readerTimeZone: input.readerTimeZone, change })] : [];
  return { ...mail, attachments, inviteMethod: method, ...(change ? { change } : {}) };
}

/** The invitation attached to a reminder or alert; compose makes one per reader (the ATTENDEE is the reader). */
export function eventInvite(event: DatedEvent, method: 'REQUEST' | 'CANCEL', options: InviteParties & { now: Date; readerTimeZone: string; change?: ChangeNotice }): EmailAttachment {
  return eventInvites(event, method, options)(options.attendeeEmail);
}

/** The same invitation for many readers: rendered once, each reader's ATTENDEE added per call. */
export function eventInvites(
  event: DatedEvent, method: 'REQUEST' | 'CANCEL', options: { organizerEmail: string; now: Date; readerTimeZone: string; change?: ChangeNotice | undefined },
): (attendeeEmail: string) => EmailAttachment {
  const forReader = eventInviteFor(event, { method, ...options });
  const contentType = `text/calendar; charset=UTF-8; method=${method}`;
  return (attendeeEmail) => ({ filename: INVITE_FILENAME, contentType, content: forReader(attendeeEmail) });
}

function storyLine(story: StoryRef): string {
  return `From the story "${story.title}" (${story.publisher})`;
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
