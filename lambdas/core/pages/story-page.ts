/**
 * A story's own page: what was reported, its dated events on the reader's clock, and each event's history with
 * the source of every change. Server-rendered and escaped; the time zone is chosen with a GET form, so the page
 * needs no script at all.
 */
import { zoneName } from '../zone-names.ts';
import { eventEndsAt, eventHistory, eventStartsAt, isProvisional, whenAndWhere, type DatedEvent, type EventChange, type EventSource, type WhenAndWhere } from '../model/event.ts';
import { storyIsLive, type Story } from '../model/story.ts';
import { dateAndTime, longDate, whenLines } from '../when.ts';
import { canonicalTimeZone, formatIsoInZone, isCalendarDate } from '../zoned-time.ts';
import { changeTitle, hasWhen, isHttpUrl } from '../feeds/change-words.ts';
import { esc, layout, type Page } from './layout.ts';
import { CALENDAR_WORDS, FEED_WORDS } from './feed-words.ts';

export interface StoryPageLinks {
  /** The subscribe page, preset to this story. */
  subscribeUrl: string;
  /** The story's Atom feed of changes. */
  atomUrl: string;
  /** The story's iCalendar feed. */
  icsUrl: string;
}

export interface StoryPageInput {
  story: Story;
  events: readonly DatedEvent[];
  /** The zone the reader chose on the page (the `timeZone` query parameter), as sent: it is checked here. */
  readerTimeZone?: string;
  /** The zones the page offers. */
  zones: readonly string[];
  now: Date;
  links: StoryPageLinks;
}

export function storyPage({ story, events, readerTimeZone, zones, now, links }: StoryPageInput): Page {
  const asked = readerTimeZone?.trim() ?? '';
  const zone = asked ? canonicalTimeZone(asked) : undefined;
  const ownEvents = events.filter((e) => e.storyId === story.id).sort(byStart);
  const head = [
    `<link rel="alternate" type="application/atom+xml" title="${esc(`Changes to “${story.title}”`)}" href="${esc(links.atomUrl)}">`,
    `<link rel="alternate" type="text/calendar" title="${esc(`Events of “${story.title}”`)}" href="${esc(links.icsUrl)}">`,
  ].join('\n') + '\n';
  const body = `<article lang="${esc(story.language)}">
<h1>${esc(story.title)}</h1>
<p class="hint">${esc(story.publisher)}${published(story.publishedOn)}</p>
${statusNotice(story)}
${story.summary ? paragraphs(story.summary) : ''}
${isHttpUrl(story.url) ? `<p><a href="${esc(story.url)}" rel="noopener">Read the original story at ${esc(story.publisher)}</a></p>` : ''}
${story.background.length ? `<h2 id="background">Background</h2>\n<ul>${story.background.map((b) => `<li>${multiline(b)}</li>`).join('')}</ul>` : ''}

<h2 id="events">Dates</h2>
${zoneForm(zones, zone, asked)}
${ownEvents.length ? `<ol class="events">${ownEvents.map((e) => eventItem(e, zone, now)).join('\n')}</ol>` : '<p>This story has no dated events yet.</p>'}

<h2 id="follow">Follow</h2>
<ul>
${storyIsLive(story) ? `<li><a href="${esc(links.subscribeUrl)}">Follow this story</a>: a reminder before each event, and an alert when one moves.</li>\n` : ''}<li>
<a href="${esc(links.icsUrl)}" type="text/calendar">Calendar file (iCalendar)</a>: ${esc(CALENDAR_WORDS)}</li>
<li><a href="${esc(links.atomUrl)}" type="application/atom+xml">Atom feed of changes</a>, ${esc(FEED_WORDS)}</li>
</ul>
</article>`;
  return layout({ title: story.title, head, body });
}


function statusNotice(story: Story): string {
  if (story.status === 'archived') return '<p class="notice" role="status">This story is archived: no more reminders are sent.</p>';
  if (story.status === 'cancelled') return '<p class="notice error" role="status">This story was called off: its events are cancelled and no more reminders are sent.</p>';
  return '';
}

function published(day: string): string {
  return isCalendarDate(day) ? `, published <time datetime="${day}">${esc(longDate(day))}</time>` : '';
}

function zoneForm(zones: readonly string[], zone: string | undefined, asked: string): string {
  const offered = zone && !zones.includes(zone) ? [zone, ...zones] : zones;
  const options = [`<option value=""${zone ? '' : ' selected'}>Each event’s own time zone</option>`,
    ...offered.map((z) => `<option value="${esc(z)}"${z === zone ? ' selected' : ''}>${esc(z)}</option>`)].join('');
  const unknown = asked && !zone
    ? `<p class="notice error" role="alert">“${esc(asked)}” is not a time zone we know; times are shown in each event’s own zone.</p>\n`
    : '';
  return `${unknown}<form method="get" class="zone">
<label for="timeZone">Show times in</label>
<select id="timeZone" name="timeZone" aria-describedby="timeZone-hint">${options}</select>
<p class="hint" id="timeZone-hint">${zone ? `Times are shown in ${esc(zone)}, and at the event where that reads differently.` : 'Times are shown in each event’s own zone.'}</p>
<button type="submit">Show times</button>
</form>`;
}

function eventItem(e: DatedEvent, zone: string | undefined, now: Date): string {
  const cancelled = e.status === 'cancelled';
  const over = !cancelled && (span(e)?.end.getTime() ?? Infinity) <= now.getTime();
  const state = cancelled ? '<strong>Cancelled</strong>' : over ? 'Past' : isProvisional(e) ? 'Date to be confirmed' : 'Scheduled';
  const title = cancelled ? `<s>${esc(e.title)}</s>` : esc(e.title);
  const when = whenBlock(e, zone);
  return `<li id="event-${esc(e.id)}"${cancelled ? ' class="cancelled"' : ''}>
<h3>${title} <span class="hint">(${state})</span></h3>
<p>${cancelled ? `<s>${when}</s>` : when}<br>Place: ${esc(e.place)}</p>
${paragraphs(e.summary)}
<h4>History</h4>
<ol>${eventHistory(e).map((c) => changeItem(c, e, zone)).join('\n')}</ol>
</li>`;
}

/** The lines when.ts gives, each in a <time> carrying the machine-readable moment it names. */
function whenBlock(w: WhenAndWhere, zone: string | undefined): string {
  if (!hasWhen(w)) return 'Date unknown';
  // No day is known yet: the words only, no machine-readable moment that would claim one.
  if (isProvisional(w)) return whenLines(w, zone).map((line) => `${esc(line.label)}: ${esc(line.text)}`).join('<br>');
  return whenLines(w, zone).map((line) => {
    // "Ends: not announced" names no moment.
    if (line.label === 'Ends') return `${esc(line.label)}: ${esc(line.text)}`;
    const machine = w.date && line.label === 'Date'
      ? w.date
      : formatIsoInZone(eventStartsAt(w), line.label === 'Your time' ? zone! : w.timeZone);
    return `${esc(line.label)}: <time datetime="${esc(machine)}">${esc(line.text)}</time>`;
  }).join('<br>');
}

function placed(w: WhenAndWhere | undefined, zone: string | undefined): string {
  if (!w) return 'unknown';
  return `${whenBlock(w, zone)}<br>Place: ${esc(w.place)}`;
}

function changeItem(c: EventChange, e: DatedEvent, zone: string | undefined): string {
  const title = `<strong>${esc(changeTitle(c.kind))}</strong>`;
  const what = c.kind === 'cancelled'
    ? `${title}${c.from ? `<br>It was: ${placed(c.from, zone)}` : ''}`
    : c.kind === 'created'
      ? `${title}<br>${placed(c.to ?? whenAndWhere(e), zone)}`
      : `${title}<br>From: ${placed(c.from, zone)}<br>To: ${placed(c.to, zone)}`;
  return `<li>
<p>${what}</p>
${sourceBlock(c.source)}
<p class="hint">Recorded ${recordedAt(c.at, zone ?? e.timeZone)}</p>
</li>`;
}

function sourceBlock(s: EventSource): string {
  const link = isHttpUrl(s.url) ? ` (<a href="${esc(s.url)}" rel="nofollow noopener">source</a>)` : '';
  return `<p>According to <cite>${esc(s.publisher)}</cite>${link}:</p>
<blockquote${isHttpUrl(s.url) ? ` cite="${esc(s.url)}"` : ''}>${paragraphs(s.quote)}</blockquote>`;
}

function recordedAt(at: string, zone: string): string {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) return 'at an unknown time';
  return `<time datetime="${esc(instant.toISOString())}">${esc(dateAndTime(instant, zone))} ${esc(zoneName(zone, instant))}</time>`;
}

function paragraphs(text: string): string {
  return text.split(/\n\s*\n/).filter((p) => p.trim()).map((p) => `<p>${multiline(p.trim())}</p>`).join('\n');
}

function multiline(text: string): string {
  return esc(text).replace(/\r?\n/g, '<br>');
}

/** When the event begins and is over (a provisional one spans its range's days, as event.ts reads it). */
function span(w: WhenAndWhere): { start: Date; end: Date } | undefined {
  if (!hasWhen(w)) return undefined;
  return { start: eventStartsAt(w), end: eventEndsAt(w) };
}

function byStart(a: DatedEvent, b: DatedEvent): number {
  const at = span(a)?.start.getTime() ?? Infinity;
  const bt = span(b)?.start.getTime() ?? Infinity;
  return (at === bt ? 0 : at - bt) || a.id.localeCompare(b.id);
}
