/** The reminder: an event some days ahead, with calendar links and (for a reader) its invitation. */
import { distanceLabel } from '../due.ts';
import type { LeadTime } from '../model/subscriber.ts';
import type { DatedEvent } from '../model/event.ts';
import { whenLines, whenText, type WhenLine } from '../when.ts';
import { messagesFor } from '../i18n/catalogues.ts';
import type { MailWords } from '../i18n/messages.ts';
import { type Localized, textHtml } from '../i18n/localize.ts';
import { googleCalendarUrl, outlookCalendarUrl } from '../calendar-links.ts';
import { template } from './compiled.ts';
import { fill } from './fill.ts';
import type { StoryRef } from '../model/story.ts';
import { withInvite } from './render-invite.ts';
import {
  finish, footerLines, fromStoryHtml, INVITE_FILENAME, lines, linkValues, noteHtml, ownTextHtml, singleLine, storyLine,
  templateWords, whenHtml, type EmailLinks, type InLanguage, type InviteParties, type RenderedEmail,
} from './render-parts.ts';

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
    place: textHtml(event, 'place', lang), summary: textHtml(event, 'summary', lang),
    quote: ownTextHtml(event, event.source.quote, lang),
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

/** The first line a mail client shows: visible text at the top of the body, not a hidden trick. */
function preheader(lead: string, when: readonly WhenLine[], place: string, m: MailWords): string {
  const yours = when.find((l) => l.label === m.when.yourTime) ?? when[0]!;
  return `${lead} · ${yours.text} · ${place}`;
}

function sourceLines(e: DatedEvent): string[] {
  return [`"${e.source.quote}"`, `— ${e.source.publisher}`, ...(e.source.url ? [e.source.url] : [])];
}
