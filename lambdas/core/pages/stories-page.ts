/**
 * The stories Datewatch follows, as a page for readers (GET /stories asked for HTML; the JSON stays for programs):
 * the live ones to follow, then the archived and withdrawn ones, whose pages and feeds stay readable. The feed
 * links say what a feed is, because a phone opens an Atom link as raw XML.
 */
import { storyIsLive, type Story } from '../model/story.ts';
import { longDate } from '../when.ts';
import { isCalendarDate } from '../zoned-time.ts';
import { esc, layout, type Page } from './layout.ts';
import { storyPageWordsFor } from '../i18n/page-words.ts';
import { localizeStory, textHtml } from '../i18n/localize.ts';
import type { Language } from '../model/language.ts';

export interface StoriesPageLinks {
  /** A story's own page. */
  storyUrl(id: string): string;
  /** A story's Atom feed of changes. */
  atomUrl(id: string): string;
  /** A story's calendar of events. */
  storyIcsUrl(id: string): string;
  /** The calendar of every story's events. */
  icsUrl: string;
  /** The subscribe page. */
  subscribeUrl: string;
}

export function storiesPage(stories: readonly Story[], links: StoriesPageLinks, language: Language = 'en'): Page {
  const w = storyPageWordsFor(language).stories;
  const byNewest = [...stories].sort((a, b) => b.publishedOn.localeCompare(a.publishedOn));
  const live = byNewest.filter(storyIsLive);
  const over = byNewest.filter((s) => !storyIsLive(s));
  const item = (stored: Story) => {
    const s = localizeStory(stored, language, stored.language);
    const day = isCalendarDate(s.publishedOn) ? `, ${esc(longDate(s.publishedOn, language))}` : '';
    const feedName = esc(w.feedName(s.title));
    const calendarName = esc(w.calendarName(s.title));
    return `<li><a href="${esc(links.storyUrl(s.id))}">${textHtml(s, 'title', language)}</a>
<span class="hint">${esc(s.publisher)}${day}${esc(s.status === 'active' ? '' : w.status[s.status])}</span>
· <a href="${esc(links.storyIcsUrl(s.id))}" type="text/calendar" aria-label="${calendarName}">${esc(w.calendarLink)}</a>
· <a href="${esc(links.atomUrl(s.id))}" type="application/atom+xml"
aria-label="${feedName}">${esc(w.feedLink)}</a></li>`;
  };
  const list = (stories: Story[]) => `<ul class="events">${stories.map(item).join('\n')}</ul>`;
  const body = `<h1>${esc(w.title)}</h1>
<p>${esc(w.intro)}</p>
${live.length ? list(live) : `<p>${esc(w.none)}</p>`}
<p>${w.followHtml(`<a href="${esc(links.subscribeUrl)}">${esc(w.followLink)}</a>`)}</p>
${over.length ? `<h2 id="over">${esc(w.over)}</h2>\n${list(over)}` : ''}
<h2 id="feeds">${esc(w.feeds)}</h2>
<p>${w.calendarWordsHtml}</p>
<p>${w.feedWordsHtml}</p>
<p>${w.icsHtml(`<a href="${esc(links.icsUrl)}" type="text/calendar">${esc(w.icsLink)}</a>`)}</p>`;
  return layout({ title: w.title, body, language, languageLinks: (l) => `?lang=${l}` });
}
