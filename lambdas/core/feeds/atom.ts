/**
 * A story's changes as an Atom 1.0 feed (RFC 4287): one entry per announcement, move, date confirmation and cancellation of any of
 * its events, newest first, each with the editor's source. Entry ids are tag: URIs (RFC 4151) made only of
 * stored, never-rewritten facts (story id, event id, the event's version after the change, the kind of change),
 * so a feed reader never sees the same change twice, however often the feed is rendered or grows.
 */
import { eventHistory, whenAndWhere, type DatedEvent, type EventChange, type WhenAndWhere } from '../model/event.ts';
import type { Story } from '../model/story.ts';
import { isCalendarDate } from '../zoned-time.ts';
import { changeTitle, isHttpUrl, whenInOwnZone } from './change-words.ts';
import { escapeHtml as esc } from '../email/fill.ts';

export interface StoryChangesFeedInput {
  story: Story;
  events: readonly DatedEvent[];
  /** Only stands in for the feed's `updated` when the story carries no valid timestamp at all. */
  now: Date;
  links: { selfUrl: string; pageUrl: string };
  /**
   * The tagging authority: a domain name such as `datewatch.example`, optionally with the date (RFC 4151) on
   * which it was held, `datewatch.example,2016-11-01`. Without one, the day the story was created is used.
   * Changing it changes every id: keep it fixed per deployment.
   */
  authority: string;
}

/** Most entries a feed carries: the newest changes. */
export const FEED_ENTRY_LIMIT = 100;

interface Entry { event: DatedEvent; change: EventChange; at: Date }

export function storyChangesFeed({ story, events, now, links, authority }: StoryChangesFeedInput): string {
  const tagBase = tagPrefix(authority, story);
  const entries: Entry[] = events
    .filter((e) => e.storyId === story.id)
    .flatMap((event) => eventHistory(event).map((change) => ({ event, change, at: new Date(change.at) })))
    // A change without a readable time cannot be placed in the feed's order; the server always writes one.
    .filter((x) => !Number.isNaN(x.at.getTime()))
    .sort(newestFirst)
    .slice(0, FEED_ENTRY_LIMIT);
  const storyUpdated = new Date(story.updatedAt);
  const candidates = [...entries.map((x) => x.at), storyUpdated].filter((d) => !Number.isNaN(d.getTime()));
  const updated = candidates.length ? new Date(Math.max(...candidates.map((d) => d.getTime()))) : now;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${attr(story.language)}">`,
    `<id>${text(`${tagBase}:story/${encodeURIComponent(story.id)}`)}</id>`,
    `<title type="text">${text(`${story.title}: dates and changes`)}</title>`,
    `<subtitle type="text">${text(`Every dated event of this story as it was announced, moved or cancelled, with the source for each change.${statusNote(story)}`)}</subtitle>`,
    `<updated>${stamp(updated)}</updated>`,
    `<author><name>${text(story.publisher)}</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${attr(links.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${attr(links.pageUrl)}"/>`,
    '<generator>Datewatch</generator>',
    ...entries.map((x) => entry(x, tagBase, story, links.pageUrl)),
    '</feed>',
  ];
  return `${lines.join('\n')}\n`;
}

function entry({ event, change, at }: Entry, tagBase: string, story: Story, pageUrl: string): string {
  const id = `${tagBase}:story/${encodeURIComponent(story.id)}/event/${encodeURIComponent(event.id)}/v${change.version}/${change.kind}`;
  const kindTitle = changeTitle(change.kind);
  const related = isHttpUrl(change.source.url) ? [`<link rel="related" type="text/html" href="${attr(change.source.url)}"/>`] : [];
  return [
    '<entry>',
    `<id>${text(id)}</id>`,
    `<title type="text">${text(`${kindTitle}: ${event.title}`)}</title>`,
    `<updated>${stamp(at)}</updated>`,
    `<published>${stamp(at)}</published>`,
    `<link rel="alternate" type="text/html" href="${attr(`${pageUrl}#event-${encodeURIComponent(event.id)}`)}"/>`,
    ...related,
    `<category term="${attr(change.kind)}" label="${attr(kindTitle)}"/>`,
    `<content type="html">${text(changeHtml(change, event))}</content>`,
    '</entry>',
  ].join('\n');
}

/** The entry's body as an HTML fragment (escaped once here as HTML, then once more as XML text). */
function changeHtml(change: EventChange, event: DatedEvent): string {
  const where = (w: WhenAndWhere | undefined) => (w ? `${esc(whenInOwnZone(w))}, ${esc(w.place)}` : 'unknown');
  const what = change.kind === 'moved' || change.kind === 'confirmed'
    ? `<p>${esc(event.title)} ${change.kind === 'moved' ? 'was moved' : 'has its date confirmed'}.</p><p>From: ${where(change.from)}<br>To: ${where(change.to)}</p>`
    : change.kind === 'cancelled'
      ? `<p>${esc(event.title)} was cancelled.</p>${change.from ? `<p>It was: ${where(change.from)}</p>` : ''}`
      : `<p>${esc(event.title)} was announced.</p><p>${where(change.to ?? whenAndWhere(event))}</p>`;
  const s = change.source;
  const link = isHttpUrl(s.url) ? ` (<a href="${esc(s.url)}">source</a>)` : '';
  return `${what}<p>According to ${esc(s.publisher)}${link}:</p><blockquote>${esc(s.quote).replace(/\r?\n/g, '<br>')}</blockquote>`;
}

function statusNote(story: Story): string {
  if (story.status === 'archived') return ' This story is archived: no more reminders are sent.';
  if (story.status === 'cancelled') return ' This story was called off.';
  return '';
}

function newestFirst(a: Entry, b: Entry): number {
  return b.at.getTime() - a.at.getTime()
    || b.change.version - a.change.version
    || a.event.id.localeCompare(b.event.id);
}

/** An RFC 3339 date-time in UTC, without the milliseconds when there are none. */
function stamp(instant: Date): string {
  return instant.toISOString().replace('.000Z', 'Z');
}

function tagPrefix(authority: string, story: Story): string {
  const [name, given] = authority.trim().toLowerCase().split(',', 2) as [string, string | undefined];
  // A DNS name; one label (localhost, on one machine) is one too.
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/.test(name)) {
    throw new Error(`authority must be a domain name such as datewatch.example, got ${authority}`);
  }
  const date = given ?? story.createdAt.slice(0, 10);
  if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(date) || (date.length === 10 && !isCalendarDate(date))) {
    throw new Error(`the tag date must be YYYY, YYYY-MM or YYYY-MM-DD, got ${date}`);
  }
  return `tag:${name},${date}`;
}

/** Characters XML 1.0 cannot carry at all (not even as references): C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(s: string): string {
  return s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
