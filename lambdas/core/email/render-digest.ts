/** The digest: a reader's coming events, story by story, daily or weekly. */
import { distanceLabel } from '../due.ts';
import { type DatedEvent, eventEndsAt, eventStartsAt, isProvisional } from '../model/event.ts';
import { rangeText, whenLines } from '../when.ts';
import { zoneName } from '../i18n/dates.ts';
import { messagesFor } from '../i18n/catalogues.ts';
import { plural } from '../i18n/messages.ts';
import { type Localized, textHtml } from '../i18n/localize.ts';
import { fragments, template } from './compiled.ts';
import { escapeHtml, fill } from './fill.ts';
import type { StoryRef } from '../model/story.ts';
import {
  finish, footerLines, lines, linkValues, singleLine, storyTextHtml, templateWords, type EmailLinks, type InLanguage,
  type RenderedEmail,
} from './render-parts.ts';

/** One story's part of a digest: its events (and background), in the reader's choice of stories. */
export interface DigestGroup {
  story: StoryRef;
  events: readonly Localized<DatedEvent>[];
}

export interface DigestInput extends InLanguage {
  groups: readonly DigestGroup[];
  /** Stories added since the last digest of this period, for readers who follow every story. */
  newStories?: readonly StoryRef[];
  readerTimeZone: string;
  period: 'weekly' | 'daily';
  links: EmailLinks;
  now: Date;
}

const DIGEST_MAX_ITEMS = 20;
const DIGEST_SUMMARY_CHARS = 280;

export function renderDigest(input: DigestInput): RenderedEmail {
  const { readerTimeZone: tz, now } = input;
  const lang = input.language ?? 'en';
  const m = messagesFor(lang);
  const d = m.digest;
  type Row = Localized<DatedEvent>;
  const startOf = (e: DatedEvent) => eventStartsAt(e).getTime();
  // Dated events by their next moment on the reader's calendar (one under way first: it is happening now);
  // provisional ones after every dated one, by the start of their range: a range is no moment to count to.
  const order = (a: DatedEvent, b: DatedEvent) => Number(isProvisional(a)) - Number(isProvisional(b))
    || startOf(a) - startOf(b);
  const upcomingAll = input.groups
    .flatMap((g) => g.events.filter((e) => eventEndsAt(e).getTime() > now.getTime())).sort(order);
  const shownIds = new Set(upcomingAll.slice(0, DIGEST_MAX_ITEMS).map((e) => e.id));
  const groups = input.groups
    .map((g) => ({ story: g.story, events: g.events.filter((e) => shownIds.has(e.id)).sort(order) }))
    .filter((g) => g.events.length > 0)
    .sort((a, b) => order(a.events[0]!, b.events[0]!));
  const newStories = input.newStories ?? [];
  const begun = (e: DatedEvent) => !isProvisional(e) && startOf(e) <= now.getTime();
  const underWay = upcomingAll.filter(begun);
  const toConfirm = upcomingAll.filter((e) => isProvisional(e));
  const coming = upcomingAll.filter((e) => !isProvisional(e) && !begun(e));
  const count = [
    underWay.length ? plural(lang, underWay.length, d.underWay) : '',
    coming.length ? plural(lang, coming.length, d.upcoming) : '',
    toConfirm.length ? plural(lang, toConfirm.length, d.toConfirm) : '',
    newStories.length ? plural(lang, newStories.length, d.newStories) : '',
  ].filter(Boolean);
  const events = upcomingAll.length === 0 ? [d.nothing, ...count] : count;
  const subject = singleLine(d.subject(input.period, events.join(lang === 'ja' ? '、' : ', ')));
  const intro = d.intro(zoneName(tz, now, lang));
  const rowOf = (e: Row) => ({
    event: e, title: e.title, badge: e.status === 'cancelled' ? d.cancelledBadge : '', place: e.place,
      summary: clip(e.summary, DIGEST_SUMMARY_CHARS),
    // Under the "Dates to be confirmed" heading a row says what the source said, not the heading again.
    distance: isProvisional(e) ? d.expected(e.range.label ?? rangeText(e.range, lang)) : distanceLabel(e, tz, now,
      lang),
    when: isProvisional(e) ? [] : whenLines(e, tz, lang),
  });
  const rendered = groups.map((g) => ({
    story: g.story, rows: g.events.filter((e) => !isProvisional(e)).map(rowOf),
    toConfirm: g.events.filter((e) => isProvisional(e)).map(rowOf),
  }));
  const toConfirmLabel = d.toConfirmHeading;
  const next = coming[0];
  const more = upcomingAll.length - shownIds.size;
  const itemHtml = (r: ReturnType<typeof rowOf>) => fill(fragments['digest-item'], {
    distance: r.distance, title: textHtml(r.event, 'title', lang), badge: r.badge,
    summary: textHtml({ ...r.event, summary: r.summary }, 'summary', lang),
    // One row for every line about when and where: a digest of twenty events stays small.
    details: [...r.when.map((l) => `<strong>${escapeHtml(l.label)}:</strong> ${escapeHtml(l.text)}`),
      `<strong>${escapeHtml(m.template.where)}:</strong> ${textHtml(r.event, 'place', lang)}`].join('<br />'),
  });
  const backgroundHtml = (story: StoryRef) => (story.background?.length
    ? fill(fragments.label, { text: d.background }) + story.background.map((c) => fill(fragments.bullet,
      { text: storyTextHtml(story, c, lang) })).join('') : '');
  const items = (rendered.length === 0
    ? fill(fragments.note, { text: d.noEvents })
    : rendered.map((g) => fill(fragments['story-heading'], { title: storyTextHtml(g.story, g.story.title, lang,
      'title'), byline: g.story.publisher })
      + g.rows.map(itemHtml).join('')
      + (g.toConfirm.length ? fill(fragments.label, { text: toConfirmLabel }) + g.toConfirm.map(itemHtml).join('') : '')
      + backgroundHtml(g.story)).join(''))
    + (more > 0 ? fill(fragments.note, { text: d.more(more) }) : '');
  const context = newStories.length === 0 ? '' : fill(fragments.label, { text: d.newStoriesHeading })
    + newStories.map((st) => fill(fragments.bullet, { text: d.storyWithPublisher(storyTextHtml(st, st.title, lang,
      'title'), escapeHtml(st.publisher)) })).join('');
  // The preheader names the nearest dated event that has not begun (and what is under way, which is not "next").
  const lead = [
    next ? d.next(next.title, distanceLabel(next, tz, now, lang)) : '',
    underWay.length ? d.underWayList(underWay.map((e) => e.title)) : '',
  ].filter(Boolean).join(' · ');
  const heading = d.heading(input.period);
  const html = fill(template('digest'), {
    ...templateWords(lang), subject, preheader: lead || intro, heading, intro, items, context,
      ...linkValues(input.links),
  });
  const rowText = (r: ReturnType<typeof rowOf>) => [
    `${r.title}${r.badge}`, `  ${r.distance}`, ...r.when.map((l) => `  ${l.label}: ${l.text}`),
      `  ${m.template.where}: ${r.place}`, `  ${r.summary}`, '',
  ];
  const text = lines(
    heading.toUpperCase(), intro, '',
    ...(rendered.length === 0 ? [d.noEvents, ''] : rendered.flatMap((g) => [
      `== ${d.storyWithPublisher(g.story.title, g.story.publisher)} ==`, '',
      ...g.rows.flatMap(rowText),
      ...(g.toConfirm.length ? [`${toConfirmLabel}:`, '', ...g.toConfirm.flatMap(rowText)] : []),
      ...(g.story.background?.length ? [`${d.background}:`, ...g.story.background.map((c) => `- ${c}`), ''] : []),
    ])),
    ...(more > 0 ? [d.more(more), ''] : []),
    ...(newStories.length > 0 ? [d.newStoriesHeading.toUpperCase(),
      ...newStories.map((st) => `- ${d.storyWithPublisher(st.title, st.publisher)}`), ''] : []),
    ...footerLines(input.links, m),
  );
  return finish(subject, html, text, [], lang);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
