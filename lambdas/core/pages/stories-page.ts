/**
 * The stories Datewatch follows, as a page for readers (GET /stories asked for HTML; the JSON stays for programs):
 * the live ones to follow, then the archived and withdrawn ones, whose pages and feeds stay readable. The feed
 * links say what a feed is, because a phone opens an Atom link as raw XML.
 */
import { storyIsLive, type Story } from '../model/story.ts';
import { longDate } from '../when.ts';
import { isCalendarDate } from '../zoned-time.ts';
import { esc, layout, type Page } from './layout.ts';
import { CALENDAR_WORDS, FEED_WORDS } from './feed-words.ts';

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


export function storiesPage(stories: readonly Story[], links: StoriesPageLinks): Page {
  const byNewest = [...stories].sort((a, b) => b.publishedOn.localeCompare(a.publishedOn));
  const live = byNewest.filter(storyIsLive);
  const over = byNewest.filter((s) => !storyIsLive(s));
  const item = (s: Story) => {
    const day = isCalendarDate(s.publishedOn) ? `, ${esc(longDate(s.publishedOn))}` : '';
    const feedName = esc(`Feed of changes to “${s.title}”, for a feed reader`);
    const calendarName = esc(`Calendar file of “${s.title}”`);
    return `<li><a href="${esc(links.storyUrl(s.id))}">${esc(s.title)}</a>
<span class="hint">${esc(s.publisher)}${day}${statusWords(s)}</span>
· <a href="${esc(links.storyIcsUrl(s.id))}" type="text/calendar" aria-label="${calendarName}">calendar</a>
· <a href="${esc(links.atomUrl(s.id))}" type="application/atom+xml" aria-label="${feedName}">feed of changes</a></li>`;
  };
  const list = (stories: Story[]) => `<ul class="events">${stories.map(item).join('\n')}</ul>`;
  const body = `<h1>Stories</h1>
<p>Each story's page lists its dated events on your clock, and every change to them with its source.</p>
${live.length ? list(live) : '<p>No story is followed at the moment.</p>'}
<p><a href="${esc(links.subscribeUrl)}">Follow stories by email</a>:
a reminder before each event, and an alert when one moves.</p>
${over.length ? `<h2 id="over">Archived and withdrawn</h2>\n${list(over)}` : ''}
<h2 id="feeds">Feeds and calendars</h2>
<p>A <strong>calendar</strong> link is a calendar file: ${esc(CALENDAR_WORDS)}</p>
<p>A <strong>feed of changes</strong> is ${esc(FEED_WORDS)}</p>
<p><a href="${esc(links.icsUrl)}" type="text/calendar">Calendar file of every story (iCalendar)</a>:
${esc(CALENDAR_WORDS)}</p>`;
  return layout({ title: 'Stories', body });
}

function statusWords(s: Story): string {
  if (s.status === 'archived') return ' · archived: no more mail';
  if (s.status === 'cancelled') return ' · withdrawn: its events are cancelled';
  return '';
}
