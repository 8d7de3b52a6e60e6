/** The alerts: an event moved, its date confirmed, or cancelled, told with the source that said so. */
import { changeNotice, sourceText, type ChangeNotice } from '../change-notice.ts';
import { type DatedEvent, type EventSource, isProvisional } from '../model/event.ts';
import { readerDay, whenLines, whenText } from '../when.ts';
import { messagesFor } from '../i18n/catalogues.ts';
import type { MailWords } from '../i18n/messages.ts';
import type { Language } from '../model/language.ts';
import { type Localized, textHtml } from '../i18n/localize.ts';
import { fragments, template } from './compiled.ts';
import { escapeHtml, fill } from './fill.ts';
import type { StoryRef } from '../model/story.ts';
import { safeHref } from './markdown.ts';
import { withInvite } from './render-invite.ts';
import {
  finish, footerLines, fromStoryHtml, INVITE_FILENAME, lines, linkValues, noteHtml, ownTextHtml, singleLine, storyLine,
  templateWords, whenHtml, type EmailLinks, type InLanguage, type InviteParties, type RenderedEmail,
} from './render-parts.ts';

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
    background: notice.background ? sourceHtml(m.alert.backgroundLabel, notice.background, event, lang) : '',
    ...linkValues(links),
  };
  // The change first, on its own word; the event's first announcement after the summary, as background.
  const changeText = [notice.statement, '', `${changeLabel(notice, m)}:`, ...sourceText(notice.source), ''];
  const backgroundText = notice.background ? ['', `${m.alert.backgroundLabel}:`, ...sourceText(notice.background)] : [];
  const where = (place: string) => `  ${m.template.where}: ${place}`;
  if (input.kind === 'cancelled') {
    const subject = singleLine(m.alert.cancelledSubject(event.title));
    const inviteNote = input.withoutInvite ? '' : m.alert.cancelledInvite(INVITE_FILENAME);
    const html = fill(template('alert-cancelled'), {
      ...common, subject, preheader: notice.statement, inviteNote: noteHtml(inviteNote),
    });
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
    `${m.template.before}:`, ...whenText(input.previous, tz, '  ', lang), where(samePlace(event, input.previous.place)),
    '',
    event.summary, ...backgroundText, '',
    ...(inviteNote ? [inviteNote] : []),
    ...footerLines(links, m),
  );
  return withInvite(finish(subject, html, text, [], lang), event, isProvisional(event) ? 'CANCEL' : 'REQUEST', input,
    notice);
}

function changeLabel(notice: ChangeNotice, m: MailWords): string {
  return notice.kind === 'cancelled' ? m.alert.sourceOfCancellation
    : notice.kind === 'confirmed' ? m.alert.sourceOfDate : m.alert.sourceOfChange;
}

/**
 * A quoted source under its label, its link (when it has one) as a link. The quote is the source's own words, in
 * the story's language as far as we know: marked with it when the reader reads another.
 */
function sourceHtml(label: string, source: EventSource, event: Localized<DatedEvent>, lang: Language): string {
  const url = source.url ? safeHref(source.url) : undefined;
  const link = url ? ` &middot; <a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : '';
  return fill(fragments.source, {
    label, quote: ownTextHtml(event, source.quote, lang), publisher: source.publisher, link,
  });
}

/**
 * "Date confirmed": a provisional event was given its day. It reads like a move (now, and what readers had until
 * now), quotes the source of the confirmation, and carries the invite, a REQUEST now that there is a day.
 */
function renderConfirmedAlert(
  input: AlertInput, notice: ChangeNotice, common: Record<string, string>, changeText: string[],
  backgroundText: string[],
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

/** A place the event had before, as text: the translation while it is the same place. */
function samePlace(event: Localized<DatedEvent>, place: string): string {
  return place === (event.ownPlace ?? event.place) ? event.place : place;
}

/** A place the event had before: its translation when it is still the same place, else as stored (marked). */
function previousPlaceHtml(event: Localized<DatedEvent>, place: string, lang: Language): string {
  return place === (event.ownPlace ?? event.place) ? textHtml(event, 'place', lang) : ownTextHtml(event, place, lang);
}
