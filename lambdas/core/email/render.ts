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
import { rangeText, readerDay, whenLines, whenText, type WhenLine } from '../when.ts';
import { zoneName } from '../i18n/dates.ts';
import { messagesFor } from '../i18n/catalogues.ts';
import { plural, type MailWords } from '../i18n/messages.ts';
import type { Language } from '../model/language.ts';
import { type Localized, textHtml } from '../i18n/localize.ts';
import { googleCalendarUrl, outlookCalendarUrl } from '../calendar-links.ts';
import { fragments, template } from './compiled.ts';
import { escapeHtml, fill } from './fill.ts';
import type { StoryRef } from '../model/story.ts';
import { safeHref } from './markdown.ts';

export { googleCalendarUrl, outlookCalendarUrl };

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
  /** The language it is written in (Content-Language, and `lang` on its HTML). */
  language: Language;
}

/** The reader's language, for every mail; absent (readers from before languages) means English. */
interface InLanguage {
  language?: Language;
}

/** Who an invitation is from and for (RFC 5546: ORGANIZER, ATTENDEE). */
export interface InviteParties {
  organizerEmail: string;
  attendeeEmail: string;
}

export interface ReminderInput extends InLanguage {
  event: Localized<DatedEvent>;
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
  /**
   * The event on its story's page, which offers the calendar links: the text part gives this one short link
   * instead of two long calendar URLs (the HTML keeps its buttons). Without it the text gives both URLs.
   */
  eventPageUrl?: string;
}

/** One story's part of a digest: its events (and background), in the reader's choice of stories. */
export interface DigestGroup {
  story: StoryRef;
  events: readonly Localized<DatedEvent>[];
}

export interface DigestInput extends InLanguage {
  groups: readonly DigestGroup[];
  /** Stories added since the last digest of this period, for readers who follow every story. */
  newStories?: readonly StoryRef[];
  readerTimeZone: string;
  period: 'weekly' | 'daily';
  links: EmailLinks;
  now: Date;
}

export type EventWhenAndWhere = Pick<DatedEvent, 'date' | 'startTime' | 'range' | 'timeZone' | 'place'>;

export interface AlertInput extends InLanguage {
  event: Localized<DatedEvent>;
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

export interface ConfirmationInput extends InLanguage {
  confirmUrl: string;
  /** The stories the request names (their titles go in the mail); with `allStories`, every story, new ones too. */
  stories?: readonly StoryRef[];
  allStories?: boolean;
  events: readonly Localized<DatedEvent>[];
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
  const lang = input.language ?? 'en';
  const m = messagesFor(lang);
  const cancelled = event.status === 'cancelled';
  const heading = cancelled ? m.reminder.cancelled : distanceLabel(event, tz, now, lang);
  const subject = singleLine(m.reminder.subject(heading, event.title));
  const when = whenLines(event, tz, lang);
  const google = googleCalendarUrl(event, tz);
  const outlook = outlookCalendarUrl(event, tz);
  const note = oneADay(input.standsFor ?? [], m);
  const inviteNote = input.withoutInvite ? '' : m.reminder.inviteNote(INVITE_FILENAME);
  const html = fill(template('reminder'), {
    ...templateWords(lang), subject, preheader: preheader(heading, when, event.place, m), heading,
      fromStory: fromStoryHtml(input.story, lang),
    title: textHtml(event, 'title', lang), when: whenHtml(when), note: noteHtml(note),
    place: textHtml(event, 'place', lang), summary: textHtml(event, 'summary', lang), quote: ownTextHtml(event, event.source.quote, lang),
      publisher: event.source.publisher,
    googleCalendarUrl: google, outlookCalendarUrl: outlook, inviteNote: noteHtml(inviteNote), ...linkValues(links),
  });
  const text = lines(
    storyLine(input.story, m), '', heading.toUpperCase(), event.title, '',
    ...whenText(event, tz, '', lang), `${m.template.where}: ${event.place}`, '', ...(note ? [note, ''] : []),
    event.summary, '', ...sourceLines(event), '',
    ...(input.eventPageUrl ? [`${m.mail.addToCalendarText}: ${input.eventPageUrl}`]
      : [`${m.mail.addToGoogleText}: ${google}`, `${m.mail.addToOutlookText}: ${outlook}`]),
    ...(inviteNote ? [inviteNote] : []),
    ...footerLines(links, m),
  );
  return withInvite(finish(subject, html, text, [], lang), event, cancelled ? 'CANCEL' : 'REQUEST', input);
}

/** "One reminder per event per day: …" when farther reminders fell on this one's day, else ''. */
function oneADay(standsFor: readonly LeadTime[], m: MailWords): string {
  if (standsFor.length === 0) return '';
  return m.reminder.oneADay(standsFor.map((l) => m.leadWords[l]));
}

export function renderDigest(input: DigestInput): RenderedEmail {
  const { readerTimeZone: tz, now } = input;
  const lang = input.language ?? 'en';
  const m = messagesFor(lang);
  const d = m.digest;
  type Row = Localized<DatedEvent>;
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
  const begun = (e: DatedEvent) => !isProvisional(e) && startOf(e) <= now.getTime();
  const underWay = upcomingAll.filter(begun);
  const toConfirm = upcomingAll.filter((e) => isProvisional(e));
  const coming = upcomingAll.filter((e) => !isProvisional(e) && !begun(e));
  const count = [
    underWay.length ? plural(lang, underWay.length, d.underWay) : '',
    coming.length ? plural(lang, coming.length, d.upcoming) : '',
    toConfirm.length ? plural(lang, toConfirm.length, d.toConfirm) : '',
    newStories.length ? plural(lang, newStories.length, d.newStories) : '',
  ].filter(Boolean);
  const events = upcomingAll.length === 0 ? [d.nothing, ...count] : count;
  const subject = singleLine(d.subject(input.period, events.join(lang === 'ja' ? '、' : ', ')));
  const intro = d.intro(zoneName(tz, now, lang));
  const rowOf = (e: Row) => ({
    event: e, title: e.title, badge: e.status === 'cancelled' ? d.cancelledBadge : '', place: e.place,
      summary: clip(e.summary, DIGEST_SUMMARY_CHARS),
    // Under the "Dates to be confirmed" heading a row says what the source said, not the heading again.
    distance: isProvisional(e) ? d.expected(e.range.label ?? rangeText(e.range, lang)) : distanceLabel(e, tz, now,
      lang),
    when: isProvisional(e) ? [] : whenLines(e, tz, lang),
  });
  const rendered = groups.map((g) => ({
    story: g.story, rows: g.events.filter((e) => !isProvisional(e)).map(rowOf), toConfirm: g.events.filter((e) => isProvisional(e)).map(rowOf),
  }));
  const toConfirmLabel = d.toConfirmHeading;
  const next = coming[0];
  const more = upcomingAll.length - shownIds.size;
  const itemHtml = (r: ReturnType<typeof rowOf>) => fill(fragments['digest-item'], {
    distance: r.distance, title: textHtml(r.event, 'title', lang), badge: r.badge,
    summary: textHtml({ ...r.event, summary: r.summary }, 'summary', lang),
    // One row for every line about when and where: a digest of twenty events stays small.
    details: [...r.when.map((l) => `<strong>${escapeHtml(l.label)}:</strong> ${escapeHtml(l.text)}`),
      `<strong>${escapeHtml(m.template.where)}:</strong> ${textHtml(r.event, 'place', lang)}`].join('<br />'),
  });
  const backgroundHtml = (story: StoryRef) => (story.background?.length
    ? fill(fragments.label, { text: d.background }) + story.background.map((c) => fill(fragments.bullet,
      { text: storyTextHtml(story, c, lang) })).join('') : '');
  const items = (rendered.length === 0
    ? fill(fragments.note, { text: d.noEvents })
    : rendered.map((g) => fill(fragments['story-heading'], { title: storyTextHtml(g.story, g.story.title, lang,
      'title'), byline: g.story.publisher })
      + g.rows.map(itemHtml).join('')
      + (g.toConfirm.length ? fill(fragments.label, { text: toConfirmLabel }) + g.toConfirm.map(itemHtml).join('') : '')
      + backgroundHtml(g.story)).join(''))
    + (more > 0 ? fill(fragments.note, { text: d.more(more) }) : '');
  const context = newStories.length === 0 ? '' : fill(fragments.label, { text: d.newStoriesHeading })
    + newStories.map((st) => fill(fragments.bullet, { text: d.storyWithPublisher(storyTextHtml(st, st.title, lang,
      'title'), escapeHtml(st.publisher)) })).join('');
  // The preheader names the nearest dated event that has not begun (and what is under way, which is not "next").
  const lead = [
    next ? d.next(next.title, distanceLabel(next, tz, now, lang)) : '',
    underWay.length ? d.underWayList(underWay.map((e) => e.title)) : '',
  ].filter(Boolean).join(' · ');
  const heading = d.heading(input.period);
  const html = fill(template('digest'), {
    ...templateWords(lang), subject, preheader: lead || intro, heading, intro, items, context,
      ...linkValues(input.links),
  });
  const rowText = (r: ReturnType<typeof rowOf>) => [
    `${r.title}${r.badge}`, `  ${r.distance}`, ...r.when.map((l) => `  ${l.label}: ${l.text}`),
      `  ${m.template.where}: ${r.place}`, `  ${r.summary}`, '',
  ];
  const text = lines(
    heading.toUpperCase(), intro, '',
    ...(rendered.length === 0 ? [d.noEvents, ''] : rendered.flatMap((g) => [
      `== ${d.storyWithPublisher(g.story.title, g.story.publisher)} ==`, '',
      ...g.rows.flatMap(rowText),
      ...(g.toConfirm.length ? [`${toConfirmLabel}:`, '', ...g.toConfirm.flatMap(rowText)] : []),
      ...(g.story.background?.length ? [`${d.background}:`, ...g.story.background.map((c) => `- ${c}`), ''] : []),
    ])),
    ...(more > 0 ? [d.more(more), ''] : []),
    ...(newStories.length > 0 ? [d.newStoriesHeading.toUpperCase(),
      ...newStories.map((st) => `- ${d.storyWithPublisher(st.title, st.publisher)}`), ''] : []),
    ...footerLines(input.links, m),
  );
  return finish(subject, html, text, [], lang);
}

export function renderAlert(input: AlertInput): RenderedEmail {
  const { event, readerTimeZone: tz, links } = input;
  const lang = input.language ?? 'en';
  const m = messagesFor(lang);
  const when = whenLines(event, tz, lang);
  const notice = changeNotice(event, input.kind, input.previous, tz, input.version, lang);
  const common = {
    ...templateWords(lang), fromStory: fromStoryHtml(input.story, lang), title: textHtml(event, 'title', lang),
      when: whenHtml(when),
    place: textHtml(event, 'place', lang), summary: textHtml(event, 'summary', lang), change: notice.statement,
    changeSource: sourceHtml(changeLabel(notice, m), notice.source, event, lang),
    background: notice.background ? sourceHtml(m.alert.backgroundLabel, notice.background, event, lang) : '', ...linkValues(links),
  };
  // The change first, on its own word; the event's first announcement after the summary, as background.
  const changeText = [notice.statement, '', `${changeLabel(notice, m)}:`, ...sourceText(notice.source), ''];
  const backgroundText = notice.background ? ['', `${m.alert.backgroundLabel}:`, ...sourceText(notice.background)] : [];
  const where = (place: string) => `  ${m.template.where}: ${place}`;
  if (input.kind === 'cancelled') {
    const subject = singleLine(m.alert.cancelledSubject(event.title));
    const inviteNote = input.withoutInvite ? '' : m.alert.cancelledInvite(INVITE_FILENAME);
    const html = fill(template('alert-cancelled'), { ...common, subject, preheader: notice.statement, inviteNote: noteHtml(inviteNote) });
    const text = lines(
      storyLine(input.story, m), '', m.template.eventCancelled.toUpperCase(), event.title, '', ...changeText,
      `${m.template.plannedFor}:`, ...whenText(event, tz, '  ', lang), where(event.place), '',
      event.summary, ...backgroundText, '',
      ...(inviteNote ? [inviteNote] : []), ...footerLines(links, m),
    );
    return withInvite(finish(subject, html, text, [], lang), event, 'CANCEL', input, notice);
  }
  if (input.kind === 'confirmed') return renderConfirmedAlert(input, notice, common, changeText, backgroundText);
  if (!input.previous) throw new Error('a moved alert needs the previous date and place');
  const before = whenLines(input.previous, tz, lang);
  const subject = singleLine(m.alert.movedSubject(event.title));
  // A provisional event stays out of calendars (ical.ts): the old entry is withdrawn until the date is confirmed.
  const inviteNote = input.withoutInvite ? '' : isProvisional(event)
    ? m.alert.movedInviteProvisional(INVITE_FILENAME)
    : m.alert.movedInvite(INVITE_FILENAME);
  const html = fill(template('alert-moved'), {
    ...common, subject, preheader: notice.statement, inviteNote: noteHtml(inviteNote),
    previousWhen: before.map((l) => fill(fragments['when-line-before'], { ...l })).join(''),
    previousPlace: previousPlaceHtml(event, input.previous.place, lang),
  });
  const text = lines(
    storyLine(input.story, m), '', m.template.eventMoved.toUpperCase(), event.title, '', ...changeText,
    `${m.template.now}:`, ...whenText(event, tz, '  ', lang), where(event.place), '',
    `${m.template.before}:`, ...whenText(input.previous, tz, '  ', lang), where(samePlace(event, input.previous.place)), '',
    event.summary, ...backgroundText, '',
    ...(inviteNote ? [inviteNote] : []),
    ...footerLines(links, m),
  );
  return withInvite(finish(subject, html, text, [], lang), event, isProvisional(event) ? 'CANCEL' : 'REQUEST', input,
    notice);
}

function changeLabel(notice: ChangeNotice, m: MailWords): string {
  return notice.kind === 'cancelled' ? m.alert.sourceOfCancellation : notice.kind === 'confirmed' ? m.alert.sourceOfDate : m.alert.sourceOfChange;
}

/**
 * A quoted source under its label, its link (when it has one) as a link. The quote is the source's own words, in
 * the story's language as far as we know: marked with it when the reader reads another.
 */
function sourceHtml(label: string, source: EventSource, event: Localized<DatedEvent>, lang: Language): string {
  const url = source.url ? safeHref(source.url) : undefined;
  const link = url ? ` &middot; <a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : '';
  return fill(fragments.source, { label, quote: ownTextHtml(event, source.quote, lang), publisher: source.publisher, link });
}

/**
 * "Date confirmed": a provisional event was given its day. It reads like a move (now, and what readers had until
 * now), quotes the source of the confirmation, and carries the invite, a REQUEST now that there is a day.
 */
function renderConfirmedAlert(
  input: AlertInput, notice: ChangeNotice, common: Record<string, string>, changeText: string[], backgroundText: string[],
): RenderedEmail {
  const { event, readerTimeZone: tz, links } = input;
  const lang = input.language ?? 'en';
  const m = messagesFor(lang);
  if (isProvisional(event)) throw new Error('a confirmed alert needs an event with a date');
  const previous = input.previous ?? { timeZone: event.timeZone, place: event.place };
  const before = previous.date || previous.startTime || previous.range ? whenLines(previous, tz, lang) : [];
  // The reader's day, not the event zone's: the subject must not contradict the body for any reader.
  const subject = singleLine(m.alert.confirmedSubject(event.title, readerDay(event, tz, lang)));
  const inviteNote = m.alert.confirmedInvite(input.withoutInvite ? undefined : INVITE_FILENAME);
  const html = fill(template('alert-confirmed'), {
    ...common, subject, preheader: notice.statement, inviteNote: noteHtml(inviteNote),
    previousWhen: before.map((l) => fill(fragments['when-line-before'], { ...l })).join(''),
    previousPlace: previousPlaceHtml(event, previous.place, lang),
  });
  const text = lines(
    storyLine(input.story, m), '', m.template.dateConfirmed.toUpperCase(), event.title, '', ...changeText,
    `${m.template.now}:`, ...whenText(event, tz, '  ', lang), `  ${m.template.where}: ${event.place}`, '',
    `${m.template.untilNow}:`, ...before.map((l) => `  ${l.label}: ${l.text}`),
      `  ${m.template.where}: ${samePlace(event, previous.place)}`, '',
    event.summary, ...backgroundText, '',
    inviteNote, ...footerLines(links, m),
  );
  return withInvite(finish(subject, html, text, [], lang), event, 'REQUEST', input, notice);
}

export function renderConfirmation(input: ConfirmationInput): RenderedEmail {
  const lang = input.language ?? 'en';
  const m = messagesFor(lang);
  const c = m.confirmation;
  const subject = c.subject;
  const tz = input.readerTimeZone;
  // What the request asked to follow, by name: one story, a few, or every story (also those added later).
  const named = input.stories ?? [];
  const followed = input.allStories === true && named.length !== 1
    ? c.followAll
    : named.length === 1 ? c.followOne(named[0]!.title, named[0]!.publisher)
      : named.length === 0 ? c.followThis : c.followMany(named.map((s) => s.title));
  const upcoming = input.events.filter((e) => e.status === 'scheduled' && eventEndsAt(e).getTime() > input.now.getTime())
    .sort((a, b) => eventStartsAt(a).getTime() - eventStartsAt(b).getTime());
  const eventsHeading = upcoming.length > 0 ? c.comingUp : c.noEvents;
  const html = fill(template('confirmation'), {
    ...templateWords(lang), subject, preheader: c.preheader, confirmUrl: input.confirmUrl, eventsHeading,
      intro: c.intro(followed),
    events: upcoming.map((e) => fill(fragments.bullet, { text: textHtml(e, 'title', lang) })
      + whenLines(e, tz, lang).map((l) => fill(fragments['when-compact'], { ...l })).join('')).join(''),
  });
  const text = lines(
    m.template.confirmHeading.toUpperCase(), '',
    c.intro(followed),
    `- ${m.template.receiveReminder}`, `- ${m.template.receiveDigest}`, `- ${m.template.receiveAlert}`, '',
    `${c.confirmText}: ${input.confirmUrl}`, '', eventsHeading, ...upcoming.flatMap((e) => [`- ${e.title}`,
      ...whenText(e, tz, '  ', lang)]), '', '--',
    m.template.ignoreIfNotYou,
  );
  return finish(subject, html, text, [], lang);
}

/** A muted line of the body, or nothing when there is nothing to say. */
function noteHtml(text: string): string {
  return text ? fill(fragments.note, { text }) : '';
}

function whenHtml(when: readonly WhenLine[]): string {
  return when.map((l) => fill(fragments['when-line'], { ...l })).join('');
}

/** The first line a mail client shows: visible text at the top of the body, not a hidden trick. */
function preheader(lead: string, when: readonly WhenLine[], place: string, m: MailWords): string {
  const yours = when.find((l) => l.label === m.when.yourTime) ?? when[0]!;
  return `${lead} · ${yours.text} · ${place}`;
}

function withInvite(
  mail: RenderedEmail, event: DatedEvent, method: 'REQUEST' | 'CANCEL', input: { invite?: InviteParties; now: Date; readerTimeZone: string; withoutInvite?: boolean; language?: Language }, change?: ChangeNotice,
): RenderedEmail {
  if (input.withoutInvite) return { ...mail, ...(change ? { change } : {}) };
  const attachments = input.invite
    ? [eventInvite(event, method, { ...input.invite, now: input.now, readerTimeZone: input.readerTimeZone, change, language: input.language })]
    : [];
  return { ...mail, attachments, inviteMethod: method, ...(change ? { change } : {}) };
}

/** The invitation attached to a reminder or alert; compose makes one per reader (the ATTENDEE is the reader). */
export function eventInvite(
  event: DatedEvent, method: 'REQUEST' | 'CANCEL',
  options: InviteParties & { now: Date; readerTimeZone: string; change?: ChangeNotice; language?: Language | undefined },
): EmailAttachment {
  return eventInvites(event, method, options)(options.attendeeEmail);
}

/** The same invitation for many readers: rendered once, each reader's ATTENDEE added per call. */
export function eventInvites(
  event: DatedEvent, method: 'REQUEST' | 'CANCEL',
  options: { organizerEmail: string; now: Date; readerTimeZone: string; change?: ChangeNotice | undefined; language?: Language | undefined },
): (attendeeEmail: string) => EmailAttachment {
  const forReader = eventInviteFor(event, { method, ...options });
  const contentType = `text/calendar; charset=UTF-8; method=${method}`;
  return (attendeeEmail) => ({ filename: INVITE_FILENAME, contentType, content: forReader(attendeeEmail) });
}

function storyLine(story: StoryRef, m: MailWords): string {
  return m.mail.storyLine(story.title, story.publisher);
}

/** "From the story “…”" above an event mail's heading, its title marked with its language when not the reader's. */
function fromStoryHtml(story: StoryRef, lang: Language): string {
  return messagesFor(lang).mail.fromStory(storyTextHtml(story, story.title, lang, 'title'));
}

/** A story's own text (its title, a background line) as HTML: `lang` marks it when it is not in the reader's language. */
function storyTextHtml(story: Localized<StoryRef>, text: string, lang: Language,
  field: 'title' | 'own' = 'own'): string {
  const written = story.textLanguage?.[field] ?? story.language;
  return textHtml({ text, textLanguage: written ? { text: written } : {} }, 'text', lang);
}

/** A place the event had before, as text: the translation while it is the same place. */
function samePlace(event: Localized<DatedEvent>, place: string): string {
  return place === (event.ownPlace ?? event.place) ? event.place : place;
}

/** A place the event had before: its translation when it is still the same place, else as stored (marked). */
function previousPlaceHtml(event: Localized<DatedEvent>, place: string, lang: Language): string {
  return place === (event.ownPlace ?? event.place) ? textHtml(event, 'place', lang) : ownTextHtml(event, place, lang);
}

/** Text written in the event's own language (a place it had before), marked when that is not the reader's. */
function ownTextHtml(event: Localized<DatedEvent>, text: string, lang: Language): string {
  const own = event.textLanguage?.own;
  return textHtml({ text, textLanguage: own ? { text: own } : {} }, 'text', lang);
}

const words = new Map<Language, Record<string, string>>();

/** The templates' own words in `lang`, as `t.name` values, and `lang` for `<html lang>`. */
export function templateWords(lang: Language): Record<string, string> {
  let values = words.get(lang);
  if (!values) {
    values = { lang, ...Object.fromEntries(Object.entries(messagesFor(lang).template).map(([k, v]) => [`t.${k}`, v])) };
    words.set(lang, values);
  }
  return values;
}

function sourceLines(e: DatedEvent): string[] {
  return [`"${e.source.quote}"`, `— ${e.source.publisher}`, ...(e.source.url ? [e.source.url] : [])];
}

function footerLines(links: EmailLinks, m: MailWords): string[] {
  return ['', '--', m.template.footerWhy,
    `${m.template.preferences}: ${links.preferencesUrl}`, `${m.template.unsubscribe}: ${links.unsubscribeUrl}`];
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

function finish(subject: string, html: string, text: string, attachments: EmailAttachment[],
  language: Language): RenderedEmail {
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes > MAX_HTML_BYTES) throw new Error(`rendered email is ${bytes} bytes of HTML, over the ${MAX_HTML_BYTES} limit`);
  return { subject, html, text, attachments, language };
}
