/**
 * What every mail's renderer shares (render.ts has the renderers): the mails' types, the size limit, the templates'
 * own words, the footer and the links, a story's and an event's own text as HTML. Each kind's renderer is a module of
 * its own (render-reminder.ts, render-digest.ts, render-alert.ts, render-confirmation.ts), so that a function that
 * renders one kind at a time can read a kind's code on its first mail of that kind (core/preview-kinds/).
 */
import type { DatedEvent } from '../model/event.ts';
import { messagesFor } from '../i18n/catalogues.ts';
import type { MailWords } from '../i18n/messages.ts';
import type { Language } from '../model/language.ts';
import { type Localized, textHtml } from '../i18n/localize.ts';
import type { WhenLine } from '../when.ts';
import { fragments } from './compiled.ts';
import { fill } from './fill.ts';
import type { ChangeNotice } from '../change-notice.ts';
import type { StoryRef } from '../model/story.ts';

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
export interface InLanguage {
  language?: Language;
}

/** Who an invitation is from and for (RFC 5546: ORGANIZER, ATTENDEE). */
export interface InviteParties {
  organizerEmail: string;
  attendeeEmail: string;
}

/** Gmail clips messages whose HTML exceeds 102 KB; stay well under it. */
export const MAX_HTML_BYTES = 100 * 1024;
export const INVITE_FILENAME = 'invite.ics';

/** A muted line of the body, or nothing when there is nothing to say. */
export function noteHtml(text: string): string {
  return text ? fill(fragments.note, { text }) : '';
}

export function whenHtml(when: readonly WhenLine[]): string {
  return when.map((l) => fill(fragments['when-line'], { ...l })).join('');
}

export function storyLine(story: StoryRef, m: MailWords): string {
  return m.mail.storyLine(story.title, story.publisher);
}

/**
 * "From the story “…”" above an event mail's heading, its title marked with its language when not the reader's.
 */
export function fromStoryHtml(story: StoryRef, lang: Language): string {
  return messagesFor(lang).mail.fromStory(storyTextHtml(story, story.title, lang, 'title'));
}

/**
 * A story's own text (its title, a background line) as HTML: `lang` marks it when it is not in the reader's
 * language.
 */
export function storyTextHtml(story: Localized<StoryRef>, text: string, lang: Language,
  field: 'title' | 'own' = 'own'): string {
  const written = story.textLanguage?.[field] ?? story.language;
  return textHtml({ text, textLanguage: written ? { text: written } : {} }, 'text', lang);
}

/** Text written in the event's own language (a place it had before), marked when that is not the reader's. */
export function ownTextHtml(event: Localized<DatedEvent>, text: string, lang: Language): string {
  const own = event.textLanguage?.own;
  return textHtml({ text, textLanguage: own ? { text: own } : {} }, 'text', lang);
}

export const words = new Map<Language, Record<string, string>>();

/** The templates' own words in `lang`, as `t.name` values, and `lang` for `<html lang>`. */
export function templateWords(lang: Language): Record<string, string> {
  let values = words.get(lang);
  if (!values) {
    values = { lang, ...Object.fromEntries(Object.entries(messagesFor(lang).template).map(([k, v]) => [`t.${k}`, v])) };
    words.set(lang, values);
  }
  return values;
}

export function footerLines(links: EmailLinks, m: MailWords): string[] {
  return ['', '--', m.template.footerWhy,
    `${m.template.preferences}: ${links.preferencesUrl}`, `${m.template.unsubscribe}: ${links.unsubscribeUrl}`];
}

export function linkValues(links: EmailLinks): Record<string, string> {
  return { preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl };
}

export function lines(...parts: string[]): string {
  return `${parts.join('\n')}\n`;
}

/** Subjects are one line: control characters (CR and LF included) become a single space. */
export function singleLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

export function finish(subject: string, html: string, text: string, attachments: EmailAttachment[],
  language: Language): RenderedEmail {
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes > MAX_HTML_BYTES) {
    throw new Error(`rendered email is ${bytes} bytes of HTML, over the ${MAX_HTML_BYTES} limit`);
  }
  return { subject, html, text, attachments, language };
}
