/**
 * An editor's update to a story's followers, in the alerts' layout: "From the story …" on top, the subject as the
 * heading, the body (the small Markdown of markdown.ts, rendered safely), the story's link, and a text part with
 * the same content. Pure: previews and test sends call it exactly as compose does.
 */
import { templates } from './compiled.ts';
import { escapeHtml, fill } from './fill.ts';
import { renderMarkdown, safeHref } from './markdown.ts';
import { MAX_HTML_BYTES, singleLine, type EmailLinks, type RenderedEmail } from './render.ts';
import type { StoryRef } from '../model/story.ts';

export interface UpdateInput {
  /** The story, with its own link (the publisher's article) when it has one. */
  story: StoryRef;
  subject: string;
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
  const subject = singleLine(input.subject);
  const body = renderMarkdown(input.body);
  const sentOn = new Intl.DateTimeFormat('en-GB', { timeZone: input.readerTimeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(now).replace(',', ''); // as the other mails write a day: Saturday 3 December 2016
  const storyUrl = story.url === undefined ? undefined : safeHref(story.url);
  const pageUrl = safeHref(input.storyPageUrl);
  // Every "more" line is a link: to the publisher's article when there is one, and always to the story's page.
  const storyLink = [
    ...(storyUrl ? [`<a href="${escapeHtml(storyUrl)}">Read the story at ${escapeHtml(story.publisher)}</a>`] : []),
    ...(pageUrl ? [`<a href="${escapeHtml(pageUrl)}">More in &ldquo;${escapeHtml(story.title)}&rdquo; on Datewatch</a>`] : []),
  ].join('<br />');
  const html = fill(templates.update, {
    subject, preheader: clip(firstSentence(body.words), PREHEADER_CHARS) || subject, story: story.title, publisher: story.publisher,
    sentOn, body: body.html, storyLink, preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl,
  });
  const text = [
    `From the story "${story.title}" (${story.publisher})`, '', `UPDATE FROM THE EDITORS · ${sentOn}`, subject, '',
    body.text, '',
    ...(storyUrl ? [`Read the story: ${storyUrl}`] : []),
    ...(pageUrl ? [`More in "${story.title}" on Datewatch: ${pageUrl}`] : []), '',
    "You can turn editors' updates off in your email preferences and keep your reminders.",
    '', '--', 'You get this email because you follow a story on Datewatch.',
    `Email preferences: ${links.preferencesUrl}`, `Unsubscribe: ${links.unsubscribeUrl}`,
  ].join('\n') + '\n';
  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes > MAX_HTML_BYTES) throw new UpdateTooLargeError(bytes);
  return { subject, html, text, attachments: [] };
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
