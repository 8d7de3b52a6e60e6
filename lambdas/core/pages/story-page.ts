/**
 * A story's own page: what was reported, its dated events on the reader's clock, and each event's history with
 * the source of every change. Server-rendered and escaped; the time zone is chosen with a GET form, so the page
 * needs no script at all.
 */
import { googleCalendarUrl, outlookCalendarUrl } from '../calendar-links.ts';
import { zoneName } from '../i18n/dates.ts';
import { storyPageWordsFor, whenWordsFor } from '../i18n/page-words.ts';
import type { PageMessages } from '../i18n/page-messages.ts';
import { type Localized, localizeEvent, localizeStory, textHtml } from '../i18n/localize.ts';
import type { Language } from '../model/language.ts';
import { eventEndsAt, eventHistory, eventStartsAt, isProvisional, whenAndWhere, type DatedEvent, type EventChange, type EventSource, type WhenAndWhere } from '../model/event.ts';
import { storyIsLive, type Story } from '../model/story.ts';
import { dateAndTime, longDate, whenLines } from '../when.ts';
import { canonicalTimeZone, formatIsoInZone, isCalendarDate } from '../zoned-time.ts';
import { hasWhen, isHttpUrl } from '../feeds/change-words.ts';
import { esc, layout, type Page } from './layout.ts';

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
  /** The page's language; the story's text comes translated where an editor wrote it, else marked with its own. */
  language?: Language;
}

/** One page render's language and words, passed down instead of a global. */
interface Say { lang: Language; w: PageMessages['story'] }

export function storyPage({ story: stored, events, readerTimeZone, zones, now, links,
  language = 'en' }: StoryPageInput): Page {
  const say: Say = { lang: language, w: storyPageWordsFor(language).story };
  const { w } = say;
  const story = localizeStory(stored, language, stored.language);
  const asked = readerTimeZone?.trim() ?? '';
  const zone = asked ? canonicalTimeZone(asked) : undefined;
  const ownEvents = events.filter((e) => e.storyId === story.id).sort(byStart).map((e) => localizeEvent(e, language,
    stored.language));
  const head = [
    `<link rel="alternate" type="application/atom+xml" title="${esc(w.changesFeedTitle(story.title))}" href="${esc(links.atomUrl)}">`,
    `<link rel="alternate" type="text/calendar" title="${esc(w.eventsFeedTitle(story.title))}" href="${esc(links.icsUrl)}">`,
  ].join('\n') + '\n';
  const own = (html: string) => (stored.language.split('-')[0] === language ? html : `<div lang="${esc(stored.language)}">${html}</div>`);
  const summary = story.summary ? paragraphs(story.summary) : '';
  const items = ownEvents.map((e) => eventItem(e, zone, now, say, story.status === 'cancelled')).join('\n');
  const body = `<article>
<h1>${textHtml(story, 'title', language)}</h1>
<p class="hint">${esc(story.publisher)}${published(story.publishedOn, say)}</p>
${statusNotice(story, say)}
${story.textLanguage?.summary === language ? summary : own(summary)}
${isHttpUrl(story.url) ? `<p><a href="${esc(story.url)}" rel="noopener">${w.readOriginalHtml(esc(story.publisher))}</a></p>` : ''}
${story.background.length ? `<h2 id="background">${esc(w.background)}</h2>\n${own(`<ul>${story.background.map((b) => `<li>${multiline(b)}</li>`).join('')}</ul>`)}` : ''}

<h2 id="events">${esc(w.dates)}</h2>
${zoneForm(zones, zone, asked, say)}
${ownEvents.length ? `<ol class="events">${items}</ol>` : `<p>${esc(w.noEvents)}</p>`}

<h2 id="follow">${esc(w.follow)}</h2>
<ul>
${storyIsLive(story) ? `<li>${w.followItemHtml(`<a href="${esc(links.subscribeUrl)}">${esc(w.followLink)}</a>`)}</li>\n` : ''}`
    + `<li>${w.icsItemHtml(`<a href="${esc(links.icsUrl)}" type="text/calendar">${esc(w.icsLink)}</a>`)}</li>
<li>${w.atomItemHtml(`<a href="${esc(links.atomUrl)}" type="application/atom+xml">${esc(w.atomLink)}</a>`)}</li>
</ul>
</article>`;
  const query = (l: Language) => `?${zone ? `timeZone=${encodeURIComponent(zone)}&` : ''}lang=${l}`;
  return layout({ title: story.title, head, body, language, languageLinks: query });
}

function statusNotice(story: Story, { w }: Say): string {
  if (story.status === 'archived') return `<p class="notice" role="status">${esc(w.archived)}</p>`;
  if (story.status === 'cancelled') return `<p class="notice error" role="status">${esc(w.calledOff)}</p>`;
  return '';
}

function published(day: string, { lang, w }: Say): string {
  return isCalendarDate(day) ? w.publishedHtml(`<time datetime="${day}">${esc(longDate(day, lang))}</time>`) : '';
}

function zoneForm(zones: readonly string[], zone: string | undefined, asked: string, { w }: Say): string {
  const offered = zone && !zones.includes(zone) ? [zone, ...zones] : zones;
  const options = [`<option value=""${zone ? '' : ' selected'}>${esc(w.eachOwnZone)}</option>`,
    ...offered.map((z) => `<option value="${esc(z)}"${z === zone ? ' selected' : ''}>${esc(z)}</option>`)].join('');
  const unknown = asked && !zone
    ? `<p class="notice error" role="alert">${w.unknownZoneHtml(esc(asked))}</p>\n`
    : '';
  return `${unknown}<form method="get" class="zone">
<label for="timeZone">${esc(w.showTimesIn)}</label>
<select id="timeZone" name="timeZone" aria-describedby="timeZone-hint">${options}</select>
<p class="hint" id="timeZone-hint">${zone ? w.shownInHtml(esc(zone)) : esc(w.shownInOwn)}</p>
<button type="submit">${esc(w.showTimes)}</button>
</form>`;
}

/** `calledOff`: the story is; none of its events is offered to a calendar, whatever the store says of each. */
function eventItem(
  e: Localized<DatedEvent>, zone: string | undefined, now: Date, say: Say, calledOff: boolean,
): string {
  const { w, lang } = say;
  // An event a half-done withdraw left scheduled is shown as what it is now: called off, though not yet alerted.
  const withStory = calledOff && e.status === 'scheduled';
  const cancelled = e.status === 'cancelled' || withStory;
  const over = !cancelled && (span(e)?.end.getTime() ?? Infinity) <= now.getTime();
  const said = withStory ? w.calledOffWithStory : w.cancelled;
  const state = cancelled ? `<strong>${esc(said)}</strong>` : esc(over ? w.past : isProvisional(e) ? w.provisional : w.scheduled);
  const title = cancelled ? `<s>${textHtml(e, 'title', lang)}</s>` : textHtml(e, 'title', lang);
  const when = whenBlock(e, zone, say);
  const summary = paragraphs(e.summary);
  const ownLang = e.textLanguage?.summary;
  return `<li id="event-${esc(e.id)}"${cancelled ? ' class="cancelled"' : ''}>
<h3>${title} <span class="hint">(${state})</span></h3>
<p>${cancelled ? `<s>${when}</s>` : when}<br>${esc(w.place)}: ${textHtml(e, 'place', lang)}</p>
${calledOff || cancelled || over || isProvisional(e) ? '' : calendarLinks(e, zone, say)}
${ownLang && ownLang.split('-')[0] !== lang ? `<div lang="${esc(ownLang)}">${summary}</div>` : summary}
<h4>${esc(w.history)}</h4>
<ol>${eventHistory(e).map((c) => changeItem(c, e, zone, say)).join('\n')}</ol>
</li>`;
}

/**
 * Google's and Outlook.com's add-to-calendar links for a dated event to come, in the zone the page shows (a
 * whole day stays a whole day where it is the reader's day too, as in the mail): a reminder's text part links here.
 */
function calendarLinks(e: Localized<DatedEvent>, zone: string | undefined, { w }: Say): string {
  const google = `<a href="${esc(googleCalendarUrl(e, zone))}" rel="noopener">${esc(w.googleCalendar)}</a>`;
  const outlook = `<a href="${esc(outlookCalendarUrl(e, zone))}" rel="noopener">Outlook.com</a>`;
  return `<p class="calendar">${esc(w.addToCalendar)}: ${google} · ${outlook}</p>`;
}

/** The lines when.ts gives, each in a <time> carrying the machine-readable moment it names. */
function whenBlock(w: WhenAndWhere, zone: string | undefined, { lang }: Say): string {
  const labels = whenWordsFor(lang);
  if (!hasWhen(w)) return esc(storyPageWordsFor(lang).story.dateUnknown);
  // No day is known yet: the words only, no machine-readable moment that would claim one.
  if (isProvisional(w)) return whenLines(w, zone,
    lang).map((line) => `${esc(line.label)}: ${esc(line.text)}`).join('<br>');
  return whenLines(w, zone, lang).map((line) => {
    // "Ends: not announced" names no moment.
    if (line.label === labels.ends) return `${esc(line.label)}: ${esc(line.text)}`;
    const machine = w.date && line.label === labels.date
      ? w.date
      : formatIsoInZone(eventStartsAt(w), line.label === labels.yourTime ? zone! : w.timeZone);
    return `${esc(line.label)}: <time datetime="${esc(machine)}">${esc(line.text)}</time>`;
  }).join('<br>');
}

function placed(w: WhenAndWhere | undefined, zone: string | undefined, say: Say, ownLanguage?: string): string {
  if (!w) return esc(say.w.unknown);
  // A place in the history is as the editor wrote it then: in the story's language, marked when not the page's.
  const place = ownLanguage && ownLanguage.split('-')[0] !== say.lang ? `<span lang="${esc(ownLanguage)}">${esc(w.place)}</span>` : esc(w.place);
  return `${whenBlock(w, zone, say)}<br>${esc(say.w.place)}: ${place}`;
}

function changeItem(c: EventChange, e: Localized<DatedEvent>, zone: string | undefined, say: Say): string {
  const { w } = say;
  const own = e.textLanguage?.own;
  const title = `<strong>${esc(w.changeTitles[c.kind])}</strong>`;
  const what = c.kind === 'cancelled'
    ? `${title}${c.from ? `<br>${esc(w.itWas)}: ${placed(c.from, zone, say, own)}` : ''}`
    : c.kind === 'created'
      ? `${title}<br>${placed(c.to ?? whenAndWhere(e), zone, say, own)}`
      : `${title}<br>${esc(w.from)}: ${placed(c.from, zone, say, own)}<br>${esc(w.to)}: ${placed(c.to, zone, say, own)}`;
  return `<li>
<p>${what}</p>
${sourceBlock(c.source, say, own)}
<p class="hint">${w.recordedHtml(recordedAt(c.at, zone ?? e.timeZone, say))}</p>
</li>`;
}

function sourceBlock(s: EventSource, { w, lang }: Say, ownLanguage: string | undefined): string {
  const link = isHttpUrl(s.url) ? ` (<a href="${esc(s.url)}" rel="nofollow noopener">${esc(w.sourceLink)}</a>)` : '';
  // The source's own words, in the story's language as far as we know: marked when the page reads another.
  const marked = ownLanguage && ownLanguage.split('-')[0] !== lang ? ` lang="${esc(ownLanguage)}"` : '';
  return `<p>${w.accordingToHtml(esc(s.publisher), link)}</p>
<blockquote${isHttpUrl(s.url) ? ` cite="${esc(s.url)}"` : ''}${marked}>${paragraphs(s.quote)}</blockquote>`;
}

function recordedAt(at: string, zone: string, { lang, w }: Say): string {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) return esc(w.unknownTime);
  const when = whenWordsFor(lang).zoned(dateAndTime(instant, zone, lang), zoneName(zone, instant, lang));
  return `<time datetime="${esc(instant.toISOString())}">${esc(when)}</time>`;
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
