/** The double opt-in mail: what the request would follow, the link that confirms it, the events coming up. */
import { eventEndsAt, eventStartsAt, type DatedEvent } from '../model/event.ts';
import { whenLines, whenText } from '../when.ts';
import { messagesFor } from '../i18n/catalogues.ts';
import { type Localized, textHtml } from '../i18n/localize.ts';
import { fragments, template } from './compiled.ts';
import { fill } from './fill.ts';
import type { StoryRef } from '../model/story.ts';
import { finish, lines, templateWords, type InLanguage, type RenderedEmail } from './render-parts.ts';

export interface ConfirmationInput extends InLanguage {
  confirmUrl: string;
  /** The stories the request names (their titles go in the mail); with `allStories`, every story, new ones too. */
  stories?: readonly StoryRef[];
  allStories?: boolean;
  events: readonly Localized<DatedEvent>[];
  readerTimeZone: string;
  now: Date;
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
  const upcoming = input.events
    .filter((e) => e.status === 'scheduled' && eventEndsAt(e).getTime() > input.now.getTime())
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
