/**
 * An editor's update to a story's followers, in the alerts' layout: "From the story …" on top, the subject as the
 * heading, the body (the small Markdown of markdown.ts, rendered safely), the story's link, and a text part with
 * the same content. Pure: previews and test sends call it exactly as compose does.
 */
import { template } from './compiled.ts';
import { escapeHtml, fill } from './fill.ts';
import { renderMarkdown, safeHref } from './markdown.ts';
import { MAX_HTML_BYTES, singleLine, templateWords, type EmailLinks, type RenderedEmail } from './render-parts.ts';
import type { StoryRef } from '../model/story.ts';
import type { Language } from '../model/language.ts';
import { messagesFor } from '../i18n/catalogues.ts';
import { longDate } from '../i18n/dates.ts';
import { foreign, type Localized } from '../i18n/localize.ts';
import { localDate } from '../zoned-time.ts';

export interface UpdateInput {
  /** The story, with its own link (the publisher's article) when it has one. */
  story: Localized<StoryRef>;
  subject: string;
  /** The reader's language: the frame's words and the date; the editors' own subject and body stay as written. */
  language?: Language;
  /** Plain text or the small Markdown of markdown.ts. */
  body: string;
  readerTimeZone: string;
  links: EmailLinks;
  /** The story's page on Datewatch: the "more" line links to it. */
  storyPageUrl: string;
  /** The moment of sending: the mail is dated by it on the reader's calendar. */
  now: Date;
}

const PREHEADER_CHARS = 140;

export function renderUpdate(input: UpdateInput): RenderedEmail {
  const { story, links, now } = input;
  const lang = input.language ?? 'en';
  const m = messagesFor(lang);
  const subject = singleLine(input.subject);
  const body = renderMarkdown(input.body);
  // As the other mails write a day: Saturday 3 December 2016, 2016年12月3日(土), сб, 3 декабря 2016 г.
  const sentOn = longDate(localDate(now, input.readerTimeZone), lang);
  const titleWritten = story.textLanguage?.title ?? story.language;
  const titleHtml = foreign(titleWritten, lang) ? `<span lang="${escapeHtml(titleWritten)}">${escapeHtml(story.title)}</span>` : escapeHtml(story.title);
  const storyUrl = story.url === undefined ? undefined : safeHref(story.url);
  const pageUrl = safeHref(input.storyPageUrl);
  // Every "more" line is a link: to the publisher's article when there is one, and always to the story's page.
  const storyLink = [
    ...(storyUrl ? [`<a href="${escapeHtml(storyUrl)}">${m.update.readAtHtml(escapeHtml(story.publisher))}</a>`] : []),
    ...(pageUrl ? [`<a href="${escapeHtml(pageUrl)}">${m.update.moreInHtml(titleHtml)}</a>`] : []),
  ].join('<br />');
  const html = fill(template('update'), {
    ...templateWords(lang), subject, preheader: clip(firstSentence(body.words), PREHEADER_CHARS) || subject,
    fromStory: m.update.storyLineHtml(titleHtml, escapeHtml(story.publisher)), turnOff: m.update.turnOffHtml(escapeHtml(links.preferencesUrl)),
    sentOn, body: body.html, storyLink, preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl,
  });
  const text = [
    m.mail.storyLine(story.title, story.publisher), '', `${m.template.updateLabel.toUpperCase()} · ${sentOn}`, subject, '',
    body.text, '',
    ...(storyUrl ? [`${m.update.readStoryText}: ${storyUrl}`] : []),
    ...(pageUrl ? [`${m.update.moreInText(story.title)}: ${pageUrl}`] : []), '',
    m.update.turnOffText,
    '', '--', m.template.footerWhy,
    `${m.template.preferences}: ${links.preferencesUrl}`, `${m.template.unsubscribe}: ${links.unsubscribeUrl}`,
  ].join('\n') + '\n';
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes > MAX_HTML_BYTES) throw new UpdateTooLargeError(bytes);
  return { subject, html, text, attachments: [], language: lang };
}

/** The update's HTML would be clipped by mail clients: the body has to be shorter (or have fewer paragraphs). */
export class UpdateTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`the update renders to ${bytes} bytes of HTML, over the ${MAX_HTML_BYTES} limit; shorten the body or use fewer paragraphs and links`);
    this.name = 'UpdateTooLargeError';
  }
}

/** The body's first sentence, as plain words: up to the first ".", "!" or "?" that ends a word. */
function firstSentence(words: string): string {
  const end = /[.!?](?=\s|$)/.exec(words);
  return end ? words.slice(0, end.index + 1) : words;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
