/**
 * Reading a story: its text, publication date and publisher in; a proposed story and the dated events it
 * announces out, for an editor to check before anything is stored. Pure and offline: the same request
 * always gives the same proposals.
 */
import * as z from 'zod';
import { canonicalTimeZone, isCalendarDate } from '../zoned-time.ts';
import { parseWith } from '../validation.ts';
import { findDates, endOf, sentenceAt, startOf, type DateMention, type When } from './dates.ts';
import { normalizePlaceName, lookupPlace, type GazetteerPlace } from './gazetteer.ts';
import { findPlaces, rankByStory, type PlaceMention } from './places.ts';
import { MAX_STORY_CHARS } from './limits.ts';
import { boundedSentences, splitSentences, type Sentence } from './sentences.ts';
import { clausesOf, clip, detectLanguage, eventTitle, findDateline, storySummary, storyTitle, type Clause } from './story-text.ts';

const line = (field: string, max: number) => z.string({ error: `${field} must be a string` }).trim()
  .min(1, { error: `${field} must not be empty` }).max(max, { error: `${field} must be at most ${max} characters` })
  .refine((s) => !/[\r\n\u0000-\u001f\u007f]/.test(s), { error: `${field} must be a single line without control characters` });

export { MAX_STORY_CHARS };
/** Longer "sentences" are read in pieces (see boundedSentences); a quote is clipped to this length anyway. */
const MAX_SENTENCE_CHARS = 1000;

export const proposalRequestSchema = z.strictObject({
  text: z.string({ error: 'text must be a string' })
    .refine((s) => s.trim().length > 0, { error: 'text must not be empty' })
    .refine((s) => s.length <= MAX_STORY_CHARS, { error: `text must be at most ${MAX_STORY_CHARS} characters` }),
  publishedOn: z.string({ error: 'publishedOn must be a string' }).refine(isCalendarDate, { error: 'publishedOn must be a real calendar date as YYYY-MM-DD' }),
  publisher: line('publisher', 100),
  dateline: line('dateline', 100).optional(),
});

export type ProposalRequest = z.infer<typeof proposalRequestSchema>;

/** How the zone of a proposed event was found. */
export type ZoneFrom = 'city' | 'region' | 'region-uncertain' | 'country' | 'country-uncertain' | 'dateline' | 'none';

export interface ProposedEvent {
  title: string;
  date?: string;
  startTime?: string;
  range?: { from: string; to: string };
  timeZone: string;
  zoneFrom: ZoneFrom;
  place: string;
  quote: string;
  confidence: number;
  provisional: boolean;
}

export interface Proposals {
  story: { title: string; summary: string; language: string };
  events: ProposedEvent[];
}

/** The use case behind `POST /admin/stories/proposals`: validates, then reads. */
export function proposeFromRequest(body: unknown): Proposals {
  return proposeEvents(parseWith(proposalRequestSchema, body));
}

interface ZonedPlace { place: string; timeZone: string; zoneFrom: ZoneFrom; latitude?: number }

export function proposeEvents(request: ProposalRequest): Proposals {
  const text = request.text.replace(/\r\n?/g, '\n');
  const { publishedOn, publisher } = request;
  const found = findDateline(text);
  // The dateline ("LIMA (Kyodo) -- ") is no part of the lede's words: not in its quote, not in a title.
  const sentences = boundedSentences(splitSentences(text).map((s) => (found && found.bodyStart > s.start && found.bodyStart < s.end
    ? { text: text.slice(found.bodyStart, s.end), start: found.bodyStart, end: s.end } : s)), MAX_SENTENCE_CHARS);
  const datelineWritten = request.dateline ?? found?.city;
  const places = rankByStory(findPlaces(text).filter((p) => !found || p.start >= found.end || p.end <= found.start), undefined);
  const dateline = datelineWritten ? zoneOfDateline(datelineWritten, places) : undefined;
  const ranked = dateline ? rankByStory(places, dateline.place.iso2) : places;
  // Seasons follow the dateline's hemisphere, or the first place the story names.
  const latitude = dateline?.place.latitude ?? ranked.find((p) => p.candidates.length)?.candidates[0]!.latitude ?? 1;
  const mentions = findDates(text, sentences, publishedOn, { southernHemisphere: latitude < 0 });

  // What each sentence gives every date in it, worked out once per sentence rather than once per date.
  const mentionsIn = groupBy(mentions, (m) => m.sentence);
  const placesIn = groupBy(ranked.filter((p) => { const i = sentenceAt(sentences, p.start); return i >= 0 && p.end <= sentences[i]!.end; }),
    (p) => sentenceAt(sentences, p.start));
  const read = new Map<number, { clauses: Clause[]; quote: string; words: Set<string> }>();
  const readSentence = (i: number) => {
    let r = read.get(i);
    if (!r) read.set(i, r = { clauses: clausesOf(sentences[i]!), quote: clip(sentences[i]!.text, 1000), words: properNouns(sentences[i]!.text) });
    return r;
  };

  // A list of the same date ("Dec. 3, Dec. 3, …") would otherwise read its whole sentence once per date for a title.
  const titles = new Map<string, string>();

  const events: Array<ProposedEvent & { order: number; vague: boolean; when: When; words: Set<string> }> = [];
  let lastPlace: { where: ZonedPlace; sentence: number } | undefined;
  for (const [i, m] of mentions.entries()) {
    if (!isUpcoming(m, publishedOn)) continue;
    const sentence = sentences[m.sentence]!;
    const { clauses, quote, words } = readSentence(m.sentence);
    const sameSentence = mentionsIn.get(m.sentence) ?? [];
    const { titleClause, span } = clauseOf(m, clauses, sameSentence);
    const named = placeFor(m, titleClause, span, sentence, placesIn.get(m.sentence) ?? [], dateline);
    // "He will address Congress on Sept. 24": a sentence that goes on about the same actor stays where it was.
    const carried = !named && lastPlace && lastPlace.sentence >= m.sentence - 1 && /^(He|She|They|It|His|Her|Their|Its)\b/.test(sentence.text)
      ? lastPlace.where : undefined;
    const where = named ?? carried ?? fallback(datelineWritten, dateline);
    if (named) lastPlace = { where: named, sentence: m.sentence };
    const provisional = m.vague || m.hedged;
    const titleKey = `${m.sentence}\u0000${m.text}\u0000${titleClause.text}`;
    let title = titles.get(titleKey);
    if (title === undefined) titles.set(titleKey, title = titleOf(m, titleClause, sentence));
    events.push({
      title,
      ...whenFields(m.when),
      timeZone: canonicalZone(where.timeZone),
      zoneFrom: where.zoneFrom,
      place: where.place,
      quote,
      confidence: confidenceOf(m, where.zoneFrom),
      provisional,
      order: i,
      vague: m.vague,
      when: m.when,
      words,
    });
  }

  const kept = dropRepeats(events);
  return {
    story: {
      title: storyTitle(text, sentences, publisher),
      summary: storySummary(sentences, publisher),
      language: detectLanguage(text),
    },
    events: kept
      .sort((a, b) => startOf(a.when).localeCompare(startOf(b.when)) || a.order - b.order)
      .map(({ order: _o, vague: _v, when: _w, words: _p, ...event }) => event),
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item); else out.set(k, [item]);
  }
  return out;
}

/** A title from the date's clause; when that says too little ("Run"), from its sentence. */
function titleOf(m: DateMention, clause: Clause, sentence: Sentence): string {
  const words = (t: string) => t.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  for (const candidate of [clause.text, sentence.text]) {
    const title = eventTitle(candidate, m.text);
    if (words(title) >= 2) return title;
  }
  return clip(sentence.text, 160);
}

/** Ahead of the reader: after the publication day, or on it when the words look ahead ("will meet Saturday"). */
function isUpcoming(m: DateMention, publishedOn: string): boolean {
  if (m.tense === 'past' || (m.when.kind !== 'range' && !m.when.date)) return false;
  if (endOf(m.when) < publishedOn) return false;
  if (startOf(m.when) === publishedOn && m.when.kind !== 'range') return m.tense === 'future';
  return true;
}

function whenFields(w: When): Pick<ProposedEvent, 'date' | 'startTime' | 'range'> {
  if (w.kind === 'range') return { range: { from: w.from, to: w.to } };
  if (w.kind === 'time') return { startTime: `${w.date}T${w.time}` };
  return { date: w.date };
}

/**
 * The clause a title is written from, and the stretch of the sentence whose places belong to this date: from
 * after the clause of the date before it to before the clause of the date after it.
 */
function clauseOf(m: DateMention, clauses: Clause[], sameSentence: DateMention[]): { titleClause: Clause; span: { start: number; end: number } } {
  const own = clauses.findIndex((c) => m.start >= c.start && m.start < c.end + 1);
  const ownIndex = own < 0 ? 0 : own;
  const holdsOther = (c: Clause) => sameSentence.some((o) => o !== m && o.start >= c.start && o.start < c.end);
  let first = ownIndex;
  while (first > 0 && !holdsOther(clauses[first - 1]!)) first--;
  let last = ownIndex;
  while (last < clauses.length - 1 && !holdsOther(clauses[last + 1]!)) last++;
  // Two dates in one clause share it at the midpoint between them: "talks next week at X … summit in Y on June 12".
  const before = sameSentence.filter((o) => o.end <= m.start && o.start >= clauses[first]!.start).at(-1);
  const after = sameSentence.find((o) => o.start >= m.end && o.end <= clauses[last]!.end);
  const spanStart = before ? Math.max(clauses[first]!.start, Math.ceil((before.end + m.start) / 2)) : clauses[first]!.start;
  const spanEnd = after ? Math.min(clauses[last]!.end, Math.floor((m.end + after.start) / 2)) : clauses[last]!.end;
  const ownClause = clauses[ownIndex]!;
  let titleClause: Clause = ownClause;
  if (spanStart > ownClause.start || spanEnd < ownClause.end) {
    const from = Math.max(ownClause.start, snapToBreak(ownClause, spanStart));
    const to = Math.min(ownClause.end, snapToBreak(ownClause, spanEnd));
    const sentenceText = ownClause.text;
    titleClause = { text: sentenceText.slice(from - ownClause.start, to - ownClause.start).trim(), start: from, end: to };
  }
  // "…, a day beforehand.": the date stands alone; the event is named in the clause that opens its stretch.
  const rest = titleClause.text.replace(m.text, '').replace(/[^\p{L}]+/gu, ' ').trim();
  if (rest.split(' ').filter(Boolean).length < 3 && first < ownIndex) titleClause = clauses[first]!;
  return { titleClause, span: { start: spanStart, end: spanEnd } };
}

/**
 * Where to cut a clause shared by two dates: at the nearest " and ", " to ", " then " or comma within reach of
 * the midpoint, else at the nearest space that does not split a name ("United Nations").
 */
function snapToBreak(clause: Clause, at: number): number {
  const local = at - clause.start;
  if (local <= 0 || local >= clause.text.length) return at;
  let best = -1;
  for (const m of clause.text.matchAll(/\s(?:and|then|to|for|while|after|before)\s(?=\p{Ll})|,\s/gu)) {
    if (Math.abs(m.index - local) <= 60 && (best < 0 || Math.abs(m.index - local) < Math.abs(best - local))) best = m.index;
  }
  if (best >= 0) return clause.start + best;
  for (let d = 0; d < clause.text.length; d++) {
    for (const i of [local - d, local + d]) {
      if (clause.text[i] === ' ' && !(/\p{Lu}/u.test(clause.text[i + 1] ?? '') && /\p{Lu}\p{L}*$/u.test(clause.text.slice(0, i)))) return clause.start + i;
    }
  }
  return at;
}

const KIND_WEIGHT = { city: 2, region: 1, country: 0 } as const;

/**
 * The place a reader ties to the date: named with "in"/"visit" (or opening the clause as its actor), nearest,
 * most specific. A venue the gazetteer does not know ("at Windsor Castle") keeps its name and takes the
 * dateline's zone. `places` are those of the date's sentence, in the story's ranking.
 */
function placeFor(m: DateMention, titleClause: Clause, span: { start: number; end: number }, sentence: Sentence, places: PlaceMention[], dateline: DatelinePlace | undefined): ZonedPlace | undefined {
  const inSpan = places.filter((p) => p.start >= span.start && p.end <= span.end);
  // Without "in", "at" or "visit" a place is more often an actor ("U.S. officials") than the venue: the dateline says more.
  const known = inSpan.filter((p) => p.candidates.length && (!dateline || p.cued || p.subject));
  if (!known.length) {
    const venue = inSpan.find((p) => !p.candidates.length);
    return venue && dateline ? { place: venue.text, timeZone: dateline.place.timeZone, zoneFrom: 'dateline' } : undefined;
  }
  const score = (p: PlaceMention) => {
    const top = p.candidates[0]!;
    const inTitle = p.start >= titleClause.start && p.end <= titleClause.end ? 2 : 0;
    const distance = Math.min(Math.abs(p.start - m.end), Math.abs(m.start - p.end));
    return inTitle + (p.cued ? 3 : p.subject ? 1 : 0) + KIND_WEIGHT[top.kind] - distance / 200;
  };
  const best = [...known].sort((a, b) => score(b) - score(a) || a.start - b.start)[0]!;
  const top = best.candidates[0]!;
  if (top.kind !== 'city' && !top.zoneCertain) {
    // A country or region that spans zones takes the zone of a city of it named in the same sentence, or the dateline's.
    const city = places.find((p) => p.start >= sentence.start && p.end <= sentence.end && p.candidates[0]?.kind === 'city' && p.candidates[0].iso2 === top.iso2);
    if (city) return zoned(city.text, city.candidates[0]!);
    if (dateline?.place.iso2 === top.iso2) return { place: best.text, timeZone: dateline.place.timeZone, zoneFrom: 'dateline' };
  }
  return zoned(best.text, top);
}

const canonical = new Map<string, string>();

/** The current IANA spelling (America/Godthab is America/Nuuk), as the events API stores zones. */
function canonicalZone(timeZone: string): string {
  let c = canonical.get(timeZone);
  if (!c) { c = canonicalTimeZone(timeZone) ?? timeZone; canonical.set(timeZone, c); }
  return c;
}

function zoned(text: string, p: GazetteerPlace): ZonedPlace {
  const zoneFrom: ZoneFrom = p.kind === 'city' ? 'city' : p.kind === 'region' ? (p.zoneCertain ? 'region' : 'region-uncertain') : (p.zoneCertain ? 'country' : 'country-uncertain');
  return { place: text, timeZone: p.timeZone, zoneFrom, latitude: p.latitude };
}

interface DatelinePlace { place: GazetteerPlace; written: string }

function zoneOfDateline(written: string, places: PlaceMention[]): DatelinePlace | undefined {
  const parts = written.split(',').map((s) => s.trim()).filter(Boolean);
  let options = lookupPlace(normalizePlaceName(parts[0] ?? written));
  // "PYEONGCHANG, South Korea": a town the gazetteer does not list is read in the region or country after it.
  for (const part of parts.slice(1)) if (!options.length) options = lookupPlace(normalizePlaceName(part));
  if (!options.length) return undefined;
  const qualifier = parts[1] ? lookupPlace(normalizePlaceName(parts[1])) : [];
  const named = new Set(places.flatMap((p) => (p.candidates.length === 1 ? [p.candidates[0]!.iso2] : [])));
  const pick = options.find((o) => qualifier.some((q) => q.iso2 === o.iso2))
    ?? options.find((o) => named.has(o.iso2))
    ?? options[0]!;
  return { place: pick, written };
}

function fallback(written: string | undefined, dateline: DatelinePlace | undefined): ZonedPlace {
  if (dateline) return { place: dateline.written, timeZone: dateline.place.timeZone, zoneFrom: 'dateline' };
  return { place: written ?? 'Unknown', timeZone: 'UTC', zoneFrom: 'none' };
}

const BASIS_CONFIDENCE = { explicit: 0.9, weekday: 0.85, relative: 0.85, anchored: 0.75, period: 0.65 } as const;
const ZONE_PENALTY: Record<ZoneFrom, number> = {
  city: 0, region: 0, country: 0.03, 'region-uncertain': 0.12, 'country-uncertain': 0.15, dateline: 0.2, none: 0.35,
};

function confidenceOf(m: DateMention, zoneFrom: ZoneFrom): number {
  let c = BASIS_CONFIDENCE[m.basis] - ZONE_PENALTY[zoneFrom];
  if (m.tense === 'future') c += 0.05;
  if (m.tense === 'neutral') c -= 0.1;
  if (m.hedged) c -= 0.1;
  return Math.round(Math.min(0.99, Math.max(0.05, c)) * 100) / 100;
}

const NOT_NAMES = new Set(['the', 'a', 'an', 'in', 'on', 'at', 'he', 'she', 'they', 'it', 'but', 'and', 'to', 'for', 'mr', 'mrs', 'ms',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** The names a sentence mentions (people, places, bodies), to tell whether two sentences speak of one thing. */
function properNouns(sentence: string): Set<string> {
  return new Set((sentence.match(/\b\p{Lu}[\p{L}-]{2,}/gu) ?? []).map((w) => w.toLowerCase()).filter((w) => !NOT_NAMES.has(w)));
}

type Draft = ProposedEvent & { order: number; vague: boolean; when: When; words: Set<string> };

/**
 * One event per day and zone (the firmest, then the first); and a vague period dropped when the story dates
 * the same thing more closely: "Putin visits Japan next month" beside "in Tokyo on Dec. 16", or "early next
 * year, possibly in January or February" in one sentence.
 */
function dropRepeats(events: Draft[]): Draft[] {
  const byKey = new Map<string, Draft>();
  for (const e of events) {
    const key = `${JSON.stringify(e.when)}|${e.timeZone}`;
    const seen = byKey.get(key);
    if (!seen || e.confidence > seen.confidence) byKey.set(key, e);
  }
  const unique = [...byKey.values()];
  const within = (inner: Draft, outer: Draft) => inner !== outer
    && startOf(inner.when) >= startOf(outer.when) && endOf(inner.when) <= endOf(outer.when);
  // In one sentence two dates are two events ("talks next week … the summit on June 12"), unless one period holds the other.
  return unique.filter((e) => !(e.vague && unique.some((f) => within(f, e)
    && (f.vague ? f.quote === e.quote : f.quote !== e.quote && [...e.words].some((w) => f.words.has(w))))));
}
