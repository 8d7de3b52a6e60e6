/**
 * Reading a story: its text, publication date and publisher in; a proposed story and the dated events it
 * announces out, for an editor to check before anything is stored. Pure and offline: the same request
 * always gives the same proposals.
 */
import * as v from '../validate/index.ts';
import { isCalendarDate } from '../zoned-time.ts';
import { parseWith } from '../validation.ts';
import { addDays, previousMonthDay } from './calendar.ts';
import {
  ENGLISH, findDates, endOf, sentenceAt, startOf, type DateMention, type DateReader, type When,
} from './dates.ts';
import { otherDateReader } from '#asset/date-readers';
import { eventKinds, mergeRepeats, type Draft } from './merge.ts';
import { mayBeNotice, movedTo, noticeOf, plannedFor, type NoticeKind } from './notices.ts';
import { countriesByAdjective, findPlaces, findPlacesJa, rankByStory, type PlaceMention } from './places.ts';
import { gazetteer } from './gazetteer.ts';
import { NATIVE_NAMES } from './place-names.ts';
import { MAX_STORY_CHARS } from './limits.ts';
import { addNativePlaces } from './places-native.ts';
import { boundedSentences, splitSentences, type Sentence } from './sentences.ts';
import { anyStartingIn, firstStartingFrom, indexHolding, lastEndingBy } from './spans-sorted.ts';
import {
  clausesOf, clip, detectLanguage, eventTitle, findDateline, nativeTitle, storySummary, storyTitle, type Clause,
} from './story-text.ts';
import {
  canonicalZone, datelineFallback, type DatelinePlace, placeInSentence, placeInSentenceBefore, storyVenue,
  zoneOfRegionNamed, zoned, zoneOfDateline, type ZonedPlace, type ZoneFrom,
} from './venues.ts';

// "в прошлую пятницу", "last Friday": a weekday its words put behind, the day of a past event (not of a saying).
const PAST_WEEKDAY = /^(?:(?:в|на)\s+прошл\p{L}*|last)\s+\p{L}+$/iu;

const line = (field: string, max: number) => v.string({ error: `${field} must be a string` }).check(
  v.trim(),
  v.minLength(1, { error: `${field} must not be empty` }),
  v.maxLength(max, { error: `${field} must be at most ${max} characters` }),
  v.refine((s) => !/[\r\n\u0000-\u001f\u007f]/.test(s), { error: `${field} must be a single line without control characters` }),
);

export { MAX_STORY_CHARS };
/** Longer "sentences" are read in pieces (see boundedSentences); a quote is clipped to this length anyway. */
const MAX_SENTENCE_CHARS = 1000;

/** Built on first use, as the event schemas are (model/event.ts says why). */
export const proposalRequestSchema = v.lazy(() => v.strictObject({
  text: v.string({ error: 'text must be a string' }).check(
    v.refine((s) => s.trim().length > 0, { error: 'text must not be empty' }),
    v.refine((s) => s.length <= MAX_STORY_CHARS, { error: `text must be at most ${MAX_STORY_CHARS} characters` }),
  ),
  publishedOn: v.string({ error: 'publishedOn must be a string' })
    .check(v.refine(isCalendarDate, { error: 'publishedOn must be a real calendar date as YYYY-MM-DD' })),
  publisher: line('publisher', 100),
  dateline: v.optional(line('dateline', 100)),
}));

export type ProposalRequest = v.Infer<typeof proposalRequestSchema>;

export type { ZoneFrom };

export interface ProposedEvent {
  title: string;
  date?: string;
  startTime?: string;
  /** A span of days; `label` is how the story put it ("mid-November", "June 3-4"). */
  range?: { from: string; to: string; label: string };
  timeZone: string;
  zoneFrom: ZoneFrom;
  place: string;
  /** The sentence the event was read from. */
  quote: string;
  /** Every sentence that speaks of it, `quote` first: vaguer mentions of the same event join it here. */
  quotes: string[];
  confidence: number;
  provisional: boolean;
}

/** A mention that is no new event, for an editor to apply to an event already stored. */
export interface Notice {
  kind: NoticeKind;
  title: string;
  date?: string;
  startTime?: string;
  range?: { from: string; to: string; label: string };
  quote: string;
}

export interface Proposals {
  story: { title: string; summary: string; language: string; dateline?: { city: string; date?: string } };
  events: ProposedEvent[];
  notices: Notice[];
  /** What the reader could not do, in words for the editor ("the story is in French, which is not read"). */
  warnings: string[];
}

/** The use case behind `POST /admin/stories/proposals`: validates, then reads. */
export function proposeFromRequest(body: unknown): Proposals {
  return proposeEvents(parseWith(proposalRequestSchema, body));
}

const RESERVE = new RegExp(String.raw`(?:\b(?:reserve|backup|back-up|contingency|spare)\s+`
  + String.raw`(?:window|days?|dates?|period)`
  + String.raw`\b[^.;]{0,30}|予備日[はがをに]?[^。]{0,6}|резервн\p{L}+\s+(?:дат\p{L}*|дн\p{L}+|окн\p{L}*)[^.;]{0,20})$`, 'iu');
// A word every RESERVE match holds (a word added to RESERVE is added here): a sentence without one is not read for
// it once per date.
const RESERVE_WORD = /reserve|backup|back-up|contingency|spare|予備日|резервн/iu;

// "来月8日から5日間の日程で開かれる総会について…派遣しない" too.
const JA_RELATIVE = /^(?:に|の日程で)?(?:開かれる|行われる|開催される|実施される|始まる|予定されている)[^、。]/u;
const FIGURE = new RegExp(String.raw`\d[\d,.\s]*(?:%|％|percent|per cent|million|billion|trillion|млн|млрд|трлн`
  + String.raw`|тыс|рубл|доллар|евро|億|万|兆|円|ドル)`, 'iu');

// The verbs of a figure that rose, fell or reached a level: "превысил 60 млрд", "снизился на 2%", "reached $37 billion".
const CHANGED = new RegExp(String.raw`(?:превысил|снизил|вырос|выросл|сократил|увеличил|составил|достиг|упал)\p{L}*`
  + String.raw`|\b(?:reached|rose|fell|exceeded|totall?ed|grew|dropped|declined|increased|decreased|climbed)\b`
  + String.raw`|増加|減少|上回|下回|達し`, 'iu');

// "He will address Congress on Sept. 24": a sentence that goes on about the same actor stays where the one before was.
// ", with nomination of candidates on", " and early voting on": a noun phrase joined to the clause before.
const JOINED_PHRASE = new RegExp(String.raw`(?:^|,)\s*(?:with|and|as well as|plus)\s+`
  + String.raw`(?:(?!\b(?:is|are|was|were|will|would|could|can|may|might|shall|should|must|has|have|had|be)\b)[^,;:]){0,80}$`, 'i');
// A relative clause of place: "…, where he will speak on Sept. 23", "…, где 5 мая пройдет".
// "…43-ю сессию в Самарканде, которая откроется 30 октября": a relative clause on a noun placed before it.
const WHERE_CLAUSE: Record<string, RegExp> = {
  en: /,\s*(?:where|which)\s[^,;.]*$/i,
  ru: /,\s*(?:где|котор\p{L}+)\s[^,;.]*$/iu,
};
// "here" as a place, not "here is", "here to stay" nor a quote's "we are here".
const HERE = /\b(?<!(?:are|is|am|was|were|be|been)\s)here\b(?!\s+(?:is|are|to|and\s+there)\b)/i;
const ZONED_HERE = new Set(['city', 'region', 'region-uncertain', 'country', 'country-uncertain']);
const PRONOUN_OPENING = /^(?:He|She|They|It|His|Her|Their|Its)\b/;
// Words that point back to the event the sentence before dates: "on the sidelines of the conference", "накануне".
// Words that point back to an event already told of, whose days hold this one ("on the sidelines of the summit").
const EVENT_POINTED: Record<string, RegExp> = {
  en: /\b(?:sidelines|[Tt]he (?:summit|conference|forum|meeting|gathering|games|festival|fair|expo|congress)\b(?! (?:of|in|at) \p{Lu}))/u,
  ru: /(?:^|\s)(?:на полях|в рамках|в ходе (?:саммита|форума))(?:\s|,)/u,
  ja: /(?:期間中|会期中|同会議)/u,
};
const POINTS_BACK: Record<string, RegExp> = {
  en: new RegExp(String.raw`\b(?:sidelines|[Tt]he (?:summit|conference|forum|meeting|gathering|talks|session|games`
    + String.raw`|festival|fair|expo|congress|event)\b(?! (?:of|in|at) \p{Lu})`
    // "will gather in the city": the city the sentence before named.
    + String.raw`|\b(?:in|to|at) the (?:city|town|port city|island)\b(?! (?:of|centre|center|hall)\b))`, 'u'),
  ru: /(?:^|\s)(?:Накануне|накануне|на полях|в рамках|в ходе (?:визита|саммита|форума)|там же)(?:\s|,)/u,
  ja: /(?:期間中|会期中|同会議|滞在中|その際|これに先立ち|同市で|同市内で)/u,
};
/** Whether a range holds a day or range that is not itself: "June 18 to 21" holds "June 19". */
const holds = (outer: When, inner: When) => outer.kind === 'range'
  && outer.from <= startOf(inner) && endOf(inner) <= outer.to && JSON.stringify(outer) !== JSON.stringify(inner);

// A Japanese or Russian story that names no place at all is most likely about its own country.
const HOME: Record<string, { place: string; timeZone: string; iso2: string }> = {
  ja: { place: '日本', timeZone: 'Asia/Tokyo', iso2: 'JP' },
  ru: { place: 'Россия', timeZone: 'Europe/Moscow', iso2: 'RU' },
};

// Japanese and Russian are read on their first story (a deployed function requires them then: date-reader-files.ts).
const READERS: Record<string, () => DateReader> = {
  en: () => ENGLISH, ja: () => otherDateReader('ja'), ru: () => otherDateReader('ru'),
};
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', ja: 'Japanese', ru: 'Russian', fr: 'French', de: 'German', es: 'Spanish', it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch', zh: 'Chinese', ko: 'Korean', ar: 'Arabic', uk: 'Ukrainian',
};

type EventDraft = ProposedEvent & Draft & { order: number; titled: () => string };

export function proposeEvents(request: ProposalRequest): Proposals {
  const text = request.text.replace(/\r\n?/g, '\n');
  const { publishedOn, publisher } = request;
  const language = detectLanguage(text);
  const found = findDateline(text);
  // The dateline ("LIMA (Kyodo) -- ") is no part of the lede's words: not in its quote, not in a title.
  const sentences = boundedSentences(splitSentences(text).map((s) => (found && found.bodyStart > s.start && found.bodyStart < s.end
    ? { text: text.slice(found.bodyStart, s.end), start: found.bodyStart, end: s.end } : s)), MAX_SENTENCE_CHARS);
  const day = found?.date ? datelineDay(found.date.text, publishedOn) : undefined;
  const story = {
    title: storyTitle(text, sentences, publisher),
    summary: storySummary(sentences, publisher),
    language,
    ...(found ? { dateline: { city: found.city, ...(day ? { date: day } : {}) } } : {}),
  };
  const reader = READERS[language]?.();
  if (!reader) {
    const name = LANGUAGE_NAMES[language] ?? language;
    const warning = `The story reads as ${name}; Datewatch reads dates in English, Japanese and Russian only, `
      + 'so no events are proposed.';
    return { story, events: [], notices: [], warnings: [warning] };
  }

  const datelineWritten = request.dateline ?? found?.city;
  const outsideDateline = (p: PlaceMention) => !found || p.start >= found.bodyStart || p.end <= found.start;
  const named = addNativePlaces(language, text, language === 'ja' ? findPlacesJa(text) : findPlaces(text));
  const adjectives = language === 'en' ? countriesByAdjective(text) : undefined;
  const places = rankByStory(named.filter(outsideDateline), undefined, adjectives);
  // A dateline town the gazetteer does not know ("JIUQUAN") is in the country the story names most.
  const dateline = datelineWritten
    ? zoneOfDateline(datelineWritten, places)
      ?? countryOfStory(datelineWritten, places, leadEnd(text, found?.bodyStart)) : undefined;
  const ranked = dateline ? rankByStory(places, dateline.place.iso2, adjectives) : places;
  // Seasons follow the dateline's hemisphere, or the first place the story names.
  const latitude = dateline?.place.latitude ?? ranked.find((p) => p.candidates.length)?.candidates[0]!.latitude ?? 1;
  // The dateline's day dates the story, never an event: its words are blanked (offsets kept) before dates are read.
  const dated = found
    ? `${text.slice(0, found.start)}${' '.repeat(found.bodyStart - found.start)}${text.slice(found.bodyStart)}` : text;
  // Full-width digits read as ASCII: one character for one, so every offset still points into the text.
  const ascii = (d: string) => String.fromCharCode(d.charCodeAt(0) - 0xfee0);
  const readable = language === 'ja' ? dated.replace(/[０-９]/g, ascii) : dated;
  const datedSentences = new Set<number>();
  const mentions = findDates(readable, sentences, publishedOn,
    { southernHemisphere: latitude < 0, reader, datedSentences });

  // What each sentence gives every date in it, worked out once per sentence rather than once per date.
  const mentionsIn = groupBy(mentions, (m) => m.sentence);
  const placesIn = groupBy(ranked.filter((p) => { const i = sentenceAt(sentences, p.start); return i >= 0 && p.end <= sentences[i]!.end; }),
    (p) => sentenceAt(sentences, p.start));
  const read = new Map<number, { clauses: Clause[]; quote: string }>();
  const readSentence = (i: number) => {
    let r = read.get(i);
    if (!r) read.set(i, r = { clauses: clausesOf(sentences[i]!), quote: clip(sentences[i]!.text, 1000) });
    return r;
  };
  // A place in a sentence that dates something else is that event's venue; only undated sentences lend theirs.
  const undated = (p: PlaceMention) => !datedSentences.has(sentenceAt(sentences, p.start));
  let storyPlace: ZonedPlace | undefined | null = null;
  // Nor is a place the venue of a dated event ("может посетить Москву в конце марта" … "в ходе визита в Москву"): it
  // is that event's, not every other's.
  const venueKey = (p: PlaceMention) => `${p.candidates[0]?.name}|${p.candidates[0]?.iso2}`;
  const venuesOfEvents = lazy(() => new Set(ranked.filter((p) => p.cued && p.candidates.length && !undated(p)
    && (mentionsIn.get(sentenceAt(sentences, p.start)) ?? []).some((o) => o.tense !== 'past')).map(venueKey)));
  const venueOfStory = () => (storyPlace === null
    ? (storyPlace = storyVenue(ranked.filter((p) => undated(p) && !venuesOfEvents().has(venueKey(p))))) : storyPlace);
  // A dateline abroad that the story never names is where the reporter files from: when every venue the story
  // names is in one other country, an event whose sentence names no place is there ("ВАШИНГТОН … посетит
  // Пхеньян").
  // Without a dateline, a Japanese or Russian story about its own country is most likely about the region or city of
  // it that it names ("静岡県選挙管理委員会は…"), whatever the words around it.
  const homeRegion = lazy(() => {
    const home = datelineWritten ? undefined : HOME[language];
    const p = home && ranked.find((x) => x.candidates[0]?.iso2 === home.iso2 && x.candidates[0].kind !== 'country');
    return p ? { ...zoned(p.text, p.candidates[0]!), zoneFrom: 'story' as const } : undefined;
  });
  let abroadPlace: ZonedPlace | undefined | null = null;
  const venueAbroad = () => {
    if (abroadPlace !== null) return abroadPlace;
    const home = dateline?.place.iso2;
    // Venues of what lies ahead: "talks in Strasbourg last week" says nothing of where Friday's meeting is.
    const ahead = (p: PlaceMention) =>
      (mentionsIn.get(sentenceAt(sentences, p.start)) ?? []).some((o) => o.tense !== 'past');
    const venues = ranked.filter((p) => p.candidates.length && p.cued && ahead(p));
    const countries = new Set(venues.map((p) => p.candidates[0]!.iso2));
    const homeNamed = ranked.some((p) => p.candidates[0]?.iso2 === home) || (adjectives?.get(home ?? '') ?? 0) > 0;
    abroadPlace = home && !homeNamed && countries.size === 1 ? storyVenue(venues) : undefined;
    return abroadPlace;
  };

  // Most sentences say nothing of postponing or calling off: asked once per sentence, not once per date in it.
  const noticeCue = new Map<number, boolean>();
  const mayNotice = (i: number) => {
    let cue = noticeCue.get(i);
    if (cue === undefined) noticeCue.set(i, cue = mayBeNotice(sentences[i]!.text, language));
    return cue;
  };
  // A list of the same date ("Dec. 3, Dec. 3, …") would otherwise read its whole sentence once per date for a title.
  const titles = new Map<string, string>();
  const listTitles = new Map<number, string>();
  const events: EventDraft[] = [];
  // The venue each sentence's last event was given, for a sentence after it that points back ("там же").
  const venueOfSentence = new Map<number, ZonedPlace>();
  let lastVenue: ZonedPlace | undefined;
  let lastInSentence: { sentence: number; end: number; venue: ZonedPlace } | undefined;
  // Every venue given so far, with its sentence, for "in the same region" (the last dozen are enough).
  const placedVenues: Array<{ sentence: number; venue: ZonedPlace }> = [];
  // The latest placed events that span days (a few: a day inside one is read against them), and the first placed.
  const placedSpans: EventDraft[] = [];
  let firstPlaced: EventDraft | undefined;
  const sameVenue = new Map<number, ZonedPlace>();
  // The kinds of event each sentence names ("launch", "summit"), read once per sentence and only when asked.
  const kindsOf = new Map<number, Set<string>>();
  const sentenceKinds = (i: number) => {
    let k = kindsOf.get(i);
    if (!k) kindsOf.set(i, k = new Set([...eventKinds(sentences[i]!.text)].filter((w) => !GENERIC_KINDS.has(w))));
    return k;
  };
  const kinVenue = new Map<number, ZonedPlace | undefined>();
  const venueOfKind = (i: number) => {
    if (kinVenue.has(i)) return kinVenue.get(i);
    const own = sentenceKinds(i);
    let v: ZonedPlace | undefined;
    for (let k = placedVenues.length - 1; k >= 0 && own.size && !v; k--) {
      const p = placedVenues[k]!;
      if (p.sentence !== i && [...sentenceKinds(p.sentence)].some((w) => own.has(w))) v = p.venue;
    }
    kinVenue.set(i, v);
    return v;
  };
  // Asked once per sentence: a sentence of thousands of dates is not read again for each.
  const samePlace = new Map<number, boolean>();
  const sameIn = (i: number) => {
    let v = samePlace.get(i);
    if (v === undefined) samePlace.set(i, v = Boolean(SAME_PLACE[language]?.test(sentences[i]!.text)));
    return v;
  };
  const notices: Notice[] = [];
  const noticed = new Set<string>();
  // The day something was said ("warned Thursday of rainfall in Kagoshima from Saturday") claims no place of the
  // sentence from a date ahead.
  const saidSince = addDays(publishedOn, -2);
  const saidOn = (o: DateMention) => o.tense === 'past' && o.when.kind !== 'range' && endOf(o.when) >= saidSince;
  // What a sentence gives each date in it and the sentence after, worked out once per sentence, not once per date.
  const perSentence = new Map<number, {
    sharing?: DateMention[]; ahead?: boolean; before?: ZonedPlace | null; starts?: Set<string>; spans?: DateMention[];
    reserve?: boolean; pointsBack?: boolean; eventPointed?: boolean;
  }>();
  const of = (k: number) => perSentence.get(k) ?? setGet(perSentence, k, {});
  const sharingIn = (k: number) => (of(k).sharing ??= (mentionsIn.get(k) ?? []).filter((o) => !saidOn(o)));
  const aheadIn = (k: number) => (of(k).ahead ??= (mentionsIn.get(k) ?? []).some((o) => o.tense !== 'past'));
  // Whether sentence `k` points back to an event ("on the sidelines of the summit"): read once, not once per date.
  const pointsBackIn = (k: number) => (of(k).pointsBack ??= Boolean(POINTS_BACK[language]?.test(sentences[k]!.text)));
  const eventPointedIn = (k: number) =>
    (of(k).eventPointed ??= Boolean(EVENT_POINTED[language]?.test(sentences[k]!.text)));
  const placeBefore = (k: number) => {
    const c = of(k);
    if (c.before === undefined) c.before = placeInSentenceBefore(placesIn.get(k) ?? []) ?? null;
    return c.before ?? undefined;
  };
  // Whether a date of sentence `k` starts on the day `w` does, or spans days that hold it.
  const sameDayIn = (k: number, w: When) => {
    const c = of(k);
    if (!c.starts) {
      const list = mentionsIn.get(k) ?? [];
      c.starts = new Set(list.map((o) => startOf(o.when)));
      c.spans = list.filter((o) => o.when.kind === 'range');
    }
    return c.starts.has(startOf(w)) || c.spans!.some((o) => holds(o.when, w));
  };
  for (const [i, m] of mentions.entries()) {
    if (m.when.kind !== 'range' && !m.when.date) continue;
    const sentence = sentences[m.sentence]!;
    const { clauses, quote } = readSentence(m.sentence);
    const sameSentence = mentionsIn.get(m.sentence) ?? [];
    // (A date not past is no day of saying: the dates of its sentence that are not either.)
    const sharing = m.tense === 'past' ? sameSentence : sharingIn(m.sentence);
    const { titleClause, span } = clauseOf(m, clauses, sharing);
    const titleKey = `${m.sentence}\u0000${m.text}\u0000${titleClause.text}`;
    const title = () => {
      let t = titles.get(titleKey);
      if (t === undefined) {
        // A list of many dates ("Jan. 1, 2017, Feb. 2, 2018, …") gives its sentence one title, not one per date.
        const list = sameSentence.length > 3;
        const once = () => listTitles.get(m.sentence) ?? setGet(listTitles, m.sentence, sentenceTitle(m, sentence));
        const whole = () => (list ? once() : sentenceTitle(m, sentence));
        t = language === 'en' ? titleOf(m, titleClause, whole) : nativeTitle(titleClause.text, m.text);
        titles.set(titleKey, t);
      }
      return t;
    };
    const previous = lastEndingBy(sameSentence, m.start);
    const next = firstStartingFrom(sameSentence, m.end);
    // Postponed, cancelled or not to happen: said of a date ahead, whatever the tense of the words that say so.
    const said = !mayNotice(m.sentence) ? undefined : noticeOf({
      language, sentence: sentence.text, start: m.start - sentence.start, end: m.end - sentence.start,
      from: previous ? previous.end - sentence.start : 0, span: text.slice(span.start, span.end),
      after: text.slice(m.end, next ? next.start : sentence.end),
    });
    // A past mention is a notice of what has been ("2023年5月の広島での", "in June last year"), unless it is only the day
    // something was said ("officials said Monday", "主催者は1日、", "сообщила … во вторник") or a start ("since 2018").
    // What happened on the day of the story or the day before ("the meeting ended on Thursday") is its news.
    const pastMention = m.tense === 'past' && !saidDay(language, sentence.text, m.start - sentence.start,
      m.end - sentence.start) && (Boolean(m.forward) || m.vague || PAST_WEEKDAY.test(m.text))
      && (m.vague || endOf(m.when) < addDays(publishedOn, -1) || Boolean(m.forward && endOf(m.forward) > publishedOn));
    // "Товарооборот в прошлом году превысил 60 млрд долларов": a past figure with no event named is no notice.
    const statistic = pastMention && FIGURE.test(text.slice(span.start, span.end))
      && CHANGED.test(text.slice(span.start, span.end)) && !eventKinds(text.slice(span.start, span.end)).size;
    // "В прошлом году фестиваль пришлось отменить", "前回2020年の大統領選は…延期され": a period wholly past, told in the
    // past, dates when it was put off, not a plan an editor would change: a past notice.
    // ("который планировался на апрель, отменен" names the plan's month: still a cancellation.)
    const putOffThen = (said === 'postponed' || said === 'cancelled') && m.vague && m.tense === 'past'
      && endOf(m.when) < publishedOn
      && !plannedFor(language, text.slice(sentence.start, m.start), text.slice(m.end, m.end + 12));
    const kind = putOffThen ? 'past' : said ?? (pastMention && !statistic ? 'past' : undefined);
    // "не поедет на конференцию, которая пройдет с 13 по 15 февраля": someone will not go; the event still happens.
    // "ヨハネスブルクで22、23両日に開かれる首脳会議に…派遣しない": the date's own verb qualifies the event's noun.
    const relative = kind === 'negated'
      && (/,\s*(?:котор\p{L}+|which|that)\s[^,.;]*$/iu.test(text.slice(sentence.start, m.start))
        || (language === 'ja' && JA_RELATIVE.test(text.slice(m.end, m.end + 16))));
    if (kind) {
      const planned = !said && m.forward
        && plannedFor(language, text.slice(sentence.start, m.start), text.slice(m.end, m.end + 12));
      const when = (said || planned) && m.forward ? m.forward : m.when;
      const key = `${kind}|${JSON.stringify(when)}|${m.sentence}`;
      if (!noticed.has(key)) {
        noticed.add(key);
        notices.push({ kind, title: title(), ...whenFields(when, m.label ?? m.text), quote });
      }
      if (!relative) continue;
    }
    if (m.tense === 'past') continue;
    if (!isUpcoming(m, publishedOn)) continue;
    // "growth of 5.4% next year": the period of a figure, not of an event.
    if (m.vague && /\d\s*(?:%|percent|per cent|million|billion|trillion)\s*(?:in\s+)?$/i
      .test(text.slice(Math.max(0, m.start - 24), m.start))) continue;
    // "призовой фонд в этом году составит 10 млн рублей", "к концу года ставка опустится до 16%": a period a figure is
    // forecast for, in a clause that names no event, is no event.
    if (m.vague && FIGURE.test(text.slice(span.start, span.end)) && !eventKinds(text.slice(span.start, span.end)).size)
      continue;
    // "with a reserve window running through Dec. 10", "予備日は12日", "резервная дата — 12 июля": a fallback
    // for an event already dated is no event of its own.
    if ((of(m.sentence).reserve ??= RESERVE_WORD.test(sentence.text))
      && RESERVE.test(text.slice(Math.max(sentence.start, m.start - 60), m.start))) continue;
    // "this year's tournament … from June 29", "今年の大会を6月29日から": a period that only qualifies a noun is no
    // event of its own when its sentence dates something inside it.
    if (m.vague && /^(?:['’]s\b|の)/u.test(text.slice(m.end, m.end + 2))
      && sameSentence.some((o) => o !== m && !o.vague && holds(m.when, o.when))) continue;
    // Japanese chains the legs of one trip in one sentence ("…を訪れ、12日の会合で演説する"); English starts a new event.
    const inSentence = placesIn.get(m.sentence) ?? [];
    const before = placeBefore(m.sentence - 1);
    // A venue the gazetteer does not know is read near the one the sentence before puts an upcoming event in.
    const ahead = aheadIn(m.sentence - 1);
    const read = placeInSentence(m, titleClause, span, sentence, inSentence, dateline, language === 'ja',
      ahead ? before : undefined, !datelineWritten && Boolean(HOME[language]));
    // "will begin here on January 13", "at the city stadium here on Feb. 7": here is the city the story was filed
    // from, unless the clause names a place the gazetteer zones.
    const own = dateline && language === 'en' && HERE.test(text.slice(span.start, span.end))
      && (!read || !ZONED_HERE.has(read.zoneFrom))
      ? {
        place: read && read.zoneFrom !== 'dateline' ? read.place : dateline.written,
        timeZone: dateline.place.timeZone, zoneFrom: 'city' as const,
        venue: `${dateline.place.name}|${dateline.place.iso2}`,
      }
      : read;
    // The sentence before lends its venue when it dates nothing else: it is undated, goes on about the same actor
    // ("He will …"), dates the same day ("10日からウラジオストクを訪れ" then "首脳会談は10日に") or days that
    // hold
    // this one ("for three days from Wednesday" then "on Thursday"), or this one points back to its event ("on the
    // sidelines of the conference").
    const lends = !datedSentences.has(m.sentence - 1) || PRONOUN_OPENING.test(sentence.text)
      || sameDayIn(m.sentence - 1, m.when)
      || pointsBackIn(m.sentence);
    // A day counted from a date before it with no place in its own clause: the venue of the words before it ("in New
    // York on Wednesday, a day after Trump speaks").
    const earlier = { start: sentence.start, end: m.start };
    // Likewise the day an event was moved to: "originally scheduled for Nov. 12 in Minsk, moved to Nov. 28".
    const moved = !own && mayNotice(m.sentence) && movedTo(language, text.slice(sentence.start, m.start));
    // "…to attend the U.N. General Assembly, where he will deliver a speech on Sept. 23": "where" points to the place the
    // words before it name.
    const where_ = !own && WHERE_CLAUSE[language]?.test(text.slice(Math.max(sentence.start, m.start - 160), m.start));
    const whole = own || (m.basis !== 'anchored' && !moved && !where_) ? undefined
      : placeInSentence(m, titleClause, earlier, sentence, inSentence, dateline, false);
    // "там же", "on the sidelines of the forum" after a sentence that names no place: the venue its event was given.
    const pointed = !before && pointsBackIn(m.sentence)
      ? venueOfSentence.get(m.sentence - 1) : undefined;
    // "A 10-kilometer race … the day before", "前日の15日夜には…晩さん会": a day counted from the event just placed, in a
    // sentence that names no place, is held where that event is.
    const counted = !inSentence.length && (m.basis === 'anchored' || COUNTED_DAY[language]?.test(
      text.slice(Math.max(sentence.start, m.start - 12), m.end + 24))) ? lastVenue : undefined;
    // "The Para Games will follow in the same region": the venue of the event whose sentence shares its words (the
    // Asian Games), else of the event placed last.
    // Asked once per sentence, like sameIn.
    if (!own && placedVenues.length && sameIn(m.sentence) && !sameVenue.has(m.sentence)) {
      sameVenue.set(m.sentence, venueReferredTo(placedVenues, m.sentence, (k) => sentences[k]!.text));
    }
    const same = own ? undefined : sameVenue.get(m.sentence);
    // "A second launch is planned for March" after "will launch … from Sriharikota on Jan. 12": an event of a kind
    // placed before, in a sentence that names no place, is held where that one was.
    const kin = !own && !inSentence.length && placedVenues.length ? venueOfKind(m.sentence) : undefined;
    // "The short track competition will begin on Feb. 8" after "the Games in Harbin, which will run from Feb. 7": a day
    // inside an event placed before, with no venue of its own, is part of it.
    const inside = own || inSentence.some((p) => p.cued) ? undefined : venueOfSpanHolding(placedSpans, m.when);
    // The sentence before, or the event a day is counted from, still lends a venue in the same country ("Накануне"
    // after "в индийской столице").
    const lent = (lends ? before : undefined) ?? pointed ?? counted;
    // "… for the Sabah state election, with nominations on Nov 15 and early voting on Nov 25": a phrase with no verb
    // joined to the event just placed in the sentence is held where it is.
    const joined = !own && lastInSentence?.sentence === m.sentence && language === 'en'
      && JOINED_PHRASE.test(text.slice(lastInSentence.end, m.start)) ? lastInSentence.venue : undefined;
    const found = own ?? joined ?? (whole && whole.zoneFrom !== 'dateline' ? whole : undefined) ?? same
      // …unless this sentence points back to the event ("on the sidelines of the summit"): the one holding the day.
      ?? (lent && countryCode(lent) === countryCode(inside) && !eventPointedIn(m.sentence)
        ? lent : inside) ?? lent ?? kin
      ?? (inSentence.length ? undefined : venueAtDateline(firstPlaced, dateline))
      ?? venueOfStory() ?? (inSentence.length ? undefined : venueAbroad()) ?? homeRegion()
      ?? datelineFallback(datelineWritten, dateline, HOME[language]);
    // A national election is held across its country, not in the city it was announced in or filed from.
    // (The date's own words are left out: "a rally three days before the vote" is the rally's.)
    // "will elect a new Congress on March 8 and choose a successor to President Petro on May 31": the words since the
    // date before it too, when its clause opens after them.
    const prior = mentions[i - 1];
    const since = prior?.sentence === m.sentence && prior.end <= m.start ? prior.end : sentence.start;
    const voteWords = text.slice(Math.min(span.start, since), m.start) + text.slice(m.end, span.end);
    const national = NATIONAL_VOTE[language]?.test(voteWords) && !LOCAL_VOTE[language]?.test(sentence.text);
    // "【シドニー共同】ニュージーランドの首相は…総選挙を11月7日に実施すると発表した": the one country the vote's sentence
    // names, not the dateline's.
    const voteCountry = national && found.zoneFrom === 'dateline' ? onlyCountry(inSentence) : undefined;
    const where = national
      // "Второй тур состоится 19 октября" with no place of its own: the country of the vote placed before it.
      ? zoneOfRegionNamed((voteCountry && zoned(voteCountry.text, voteCountry.candidates[0]!))
        ?? countryOf(lastVenue && (found.zoneFrom === 'language' || found.zoneFrom === 'none')
        ? lastVenue : found, dateline, ranked, HOME[language], language) ?? found, inSentence) : found;
    const timeZone = canonicalZone(where.timeZone);
    lastInSentence = where.zoneFrom === 'dateline' || where.zoneFrom === 'none' || where.zoneFrom === 'language'
      ? undefined : { sentence: m.sentence, end: m.end, venue: where };
    if (where.zoneFrom !== 'dateline' && where.zoneFrom !== 'none' && where.zoneFrom !== 'language') {
      venueOfSentence.set(m.sentence, { ...where, zoneFrom: 'sentence-before' });
      lastVenue = { ...where, zoneFrom: 'sentence-before' };
      if (placedVenues.at(-1)?.sentence !== m.sentence) placedVenues.push({ sentence: m.sentence, venue: lastVenue });
      if (placedVenues.length > 12) placedVenues.shift();
    }
    const confidence = confidenceOf(m, where.zoneFrom);
    events.push({
      title: '', titled: title, ...whenFields(m.when, m.label ?? m.text), timeZone, zoneFrom: where.zoneFrom,
      place: where.place,
      quote, quotes: [quote], confidence, provisional: m.vague, order: i, vague: m.vague, when: m.when,
      placed: Boolean(own) && own!.zoneFrom !== 'dateline',
      ...(own?.venue && own.zoneFrom !== 'dateline' ? { venue: own.venue } : {}),
      sentence: m.sentence, kinds: lazy(() => eventKinds(text.slice(span.start, span.end))),
      ...(m.sameDay ? { counted: true } : {}),
    });
    const drafted = events.at(-1)!;
    // "from March 25 to 28 in Boao": a span held at a venue the gazetteer lacks (zoned by the dateline) still holds the
    // days told of after it.
    const namedVenue = own?.zoneFrom === 'dateline' && dateline !== undefined && own.place !== dateline.written
      && own.place !== dateline.place.name;
    if (m.when.kind === 'range' && (drafted.placed || namedVenue)) placedSpans.push(drafted);
    if (placedSpans.length > 12) placedSpans.shift();
    if (drafted.placed) firstPlaced ??= drafted;
  }

  // "The 2025 marathon was won by …", "前回大会は…", "2019年以来です", "Предыдущая ретроспектива прошла …": an earlier
  // edition told of with no day (or none read) is a past notice, when its sentence gives no event and no notice.
  // "Lavrov will not take part in the session", "участвовать не будет", "出席しない": someone's absence told with no day
  // is a `negated` notice in the same way.
  const edition = PAST_EDITION[language];
  const absent = ABSENCE[language];
  const calledOff = CALLED_OFF[language];
  if (edition || absent) {
    const eventSentences = new Set(events.map((e) => e.sentence));
    const quoted = new Set(notices.map((n) => `${n.kind}|${n.quote}`));
    for (const [i, sentence] of sentences.entries()) {
      if (eventSentences.has(i)) continue;
      const kind = edition?.test(sentence.text) ? 'past' : absent?.test(sentence.text) ? 'negated'
        : calledOff?.test(sentence.text) ? 'cancelled' : undefined;
      if (!kind) continue;
      const { quote } = readSentence(i);
      // A sentence may tell of a past meeting and of the absence of another ("…last month, and no further meeting is
      // planned"): one notice of each kind.
      if (quoted.has(`${kind}|${quote}`)) continue;
      quoted.add(`${kind}|${quote}`);
      const cue = kind === 'negated' ? absent : kind === 'cancelled' ? calledOff : edition;
      notices.push({ kind, title: clip(clauseHolding(sentence.text, cue)
        .replace(/[.。]\s*$/u, ''), 80), quote });
    }
  }

  const kept = mergeRepeats(events);
  return {
    story,
    events: kept
      .sort((a, b) => startOf(a.when).localeCompare(startOf(b.when)) || a.order - b.order)
      // Titled only now: a story listing one date thousands of times writes one title, not thousands.
      .map(({ order: _o, vague: _v, when: _w, placed: _p, sentence: _s, kinds: _k, venue: _n, counted: _c, titled,
        ...event }) =>
        ({ ...event, title: titled() })),
    notices,
    warnings: [],
  };
}

/** The clause of a sentence that holds what a pattern finds ("no further meeting is planned" after "…, and"). */
function clauseHolding(sentence: string, cue: RegExp | undefined): string {
  const at = cue?.exec(sentence)?.index ?? 0;
  const cut = Math.max(sentence.lastIndexOf(', ', at), sentence.lastIndexOf('; ', at));
  return cut < 0 ? sentence : sentence.slice(cut + 2).replace(/^(?:and|but)\s+/i, '');
}

// An earlier edition of an event, told of in the past.
const PAST_EDITION: Record<string, RegExp> = {
  en: new RegExp(String.raw`\b(?:the|its)\s+(?:previous|last|(?:19|20)\d\d)\s+(?:[\p{L}-]+\s+){1,3}?`
    + String.raw`(?:(?:was|were)\s+(?:won|held|staged|played|attended|hosted)`
    + String.raw`|went\s+ahead|took\s+place|drew|attracted)\b`,
    'iu'),
  // "前回の北京冬季五輪の採火式は", "前回、3年前の選挙では", "1987年の会社発足以来"
  ja: /前回(?:[、，]|の?[^。、]{0,24}?(?:は|では|で))|(?:19|20)\d\d年(?:[^。、]{0,12}?の[^。、]{0,8}?)?以来/u,
  ru: new RegExp(String.raw`(?:^|\s)(?:Предыдущ|предыдущ|Прошл|прошл)\p{L}*\s(?:[^.]{0,80}?\s)?`
    + String.raw`(?:прош(?:ла|ел|ло|ли)|состоял\p{L}*)(?![\p{L}])`
    // "Впервые крестный ход прошел в XV веке": the first time, long past.
    + String.raw`|(?:^|\s)Впервые\s[^.]{0,60}?(?:прош(?:ла|ел|ло|ли)|состоял\p{L}*|был\p{L}?\s+провед\p{L}+)`
    + String.raw`(?![\p{L}])`, 'u'),
};

// Kinds of event too common to say two sentences tell of the same one ("a visit", "talks").
const GENERIC_KINDS = new Set(['visit', 'meeting', 'talks', 'session']);

// Words too common to tie one sentence to another.
const COMMON_WORDS = new Set(['will', 'would', 'with', 'from', 'that', 'this', 'there', 'their', 'have', 'been', 'were',
  'which', 'about', 'after', 'before', 'said', 'also', 'held', 'take', 'place', 'follow', 'same', 'region', 'city',
  'будет', 'пройдет', 'также', 'после', 'этом', 'том', 'году']);
const WORDS = /[\p{L}]{4,}|[\p{Script=Han}ァ-ヶー]{2,}/gu;
const contentWords = (text: string) =>
  new Set((text.toLowerCase().match(WORDS) ?? []).filter((w) => !COMMON_WORDS.has(w)));

/** The venue "the same region" points back to: the latest event whose sentence shares a word with this one, else the
 * latest. */
function venueReferredTo(
  placed: ReadonlyArray<{ sentence: number; venue: ZonedPlace }>, sentence: number, textOf: (i: number) => string,
): ZonedPlace {
  const words = contentWords(textOf(sentence));
  for (let k = placed.length - 1; k >= 0; k--) {
    const p = placed[k]!;
    if (p.sentence === sentence) continue;
    for (const w of contentWords(textOf(p.sentence))) if (words.has(w)) return p.venue;
  }
  return placed.at(-1)!.venue;
}

// Someone who will not be at an event: not attending, not travelling, not taking part, not sending anyone.
const ABSENCE: Record<string, RegExp> = {
  en: new RegExp(String.raw`\b(?:will|would|is|are|does|do)\s+not\s+(?:be\s+)?(?:attend|attending|travel|travelling`
    + String.raw`|traveling|visit|go|take\s+part|participate|join|defend|compete|send|lead|present)\b`
    + String.raw`|\bwon['’]t\s+(?:attend|travel|visit|go|take\s+part|participate|join|defend|compete|send)\b`
    // "no further meeting is planned", "no other talks are scheduled": nothing more of the kind is to come.
    + String.raw`|\bno\s+(?:further|other|more|new|separate)\s+(?:[\p{L}-]+\s+){1,2}(?:is|are|has\s+been|have\s+been)`
    + String.raw`\s+(?:planned|scheduled|expected|foreseen)\b`
    // "Kenya will not issue a new Eurobond", "Antalya will not host a summit", "will not be able to contest the polls",
    // "Her itinerary does not include Rio": what will not be (not "will not comment", which only declines to say, nor
    // "visitors will not need to apply", which says what is not required).
    // "are not expected to issue a joint statement", "will not be invited to the summit"
    + String.raw`|\b(?:is|are)\s+not\s+expected\s+to\s+(?!be\b|change|affect|need)\p{L}{3,}`
    + String.raw`|\b(?:will\s+not|won['’]t)\s+be\s+`
    + String.raw`(?:invited|allowed|permitted|held|staged|opened|broadcast|admitted)\b`
    + String.raw`|\b(?:will\s+not|won['’]t)\s+(?:be\s+able\s+to\s+)?(?!comment|say|confirm|disclose|elaborate|reveal`
    + String.raw`|specify|name|give\s+details|discuss|answer|speculate|need|have\s+to|be\s+required|require|cost|affect`
    + String.raw`|change)\p{L}{3,}|\b(?:does|do)\s+not\s+include\b`, 'iu'),
  ru: new RegExp(String.raw`(?:участи[яе]\s+не\s+(?:примет|примут|принимает|будет)|(?:участвовать|присутствовать)`
    + String.raw`\s+не\s+(?:будет|будут|станет|станут|сможет|смогут)|не\s+(?:примет|примут)\s+участи`
    + String.raw`|не\s+(?:будет|будут)\s+(?:участвовать|присутствовать)|не\s+(?:приедет|приедут|поедет|поедут|посетит`
    + String.raw`|посетят|направит|направят|полетит|прилетит)`
    // "проводить не будут", "кабмин не намерен", "не сможет участвовать", "заходы … не планируются"
    // "проводиться не будут", "Продлевать работу метро в ночь акции не будут", "не предусмотрены"
    + String.raw`|\p{L}+ть(?:ся)?\s+(?:[\p{L}\d«»-]+\s+){0,5}?не\s+(?:будет|будут|станет|станут)`
    + String.raw`|не\s+намерен\p{L}*|не\s+(?:сможет|смогут)\s+\p{L}+ть`
    + String.raw`|не\s+планиру(?:ется|ются)|не\s+предусмотрен\p{L}*)(?![\p{L}])`, 'iu'),
  ja: new RegExp('(?:出席|参加|訪問|出場|派遣|訪日|来日|出馬)(?:は|も)?(?:しない|せず|を見送|見送り|を取りやめ|を断念|しないこと)'
    // "選挙に参加できない", "投票は実施されない", "代表団を送らない"
    + '|(?:参加|出席|出場|立候補|投票)(?:は|も)?できない|(?:実施|開催)されない|を送らない'
    // "衆議院の解散は行わない考え", "運賃の値上げを行いません": what someone will not do.
    + '|(?:を|は)(?:行わない|行いません|実施しない|実施しません|開催しない|開催しません|開かない|開きません)', 'u'),
};

// Called off, with no day given: "has been called off", "that leg was dropped", "концерт … отменен".
const CALLED_OFF: Record<string, RegExp> = {
  en: new RegExp(String.raw`\b(?:has|have|had)\s+been\s+(?:called\s+off|cancell?ed|scrapped|axed)\b`
    + String.raw`|\b(?:leg|stop|stopover|visit|trip|concert|parade|show|ceremony)\s+(?:was|were|has\s+been|had\s+been)`
    + String.raw`\s+(?:dropped|called\s+off|cancell?ed|scrapped)\b`, 'i'),
  ru: /(?:^|\s)отмен[её]н[аоы]?(?![\p{L}])/iu,
};

// A venue named only as the one an earlier event has.
const SAME_PLACE: Record<string, RegExp> = {
  en: /\b(?:in|at|on) the same (?:region|city|town|venue|place|area|stadium|arena|hall|course|site|island)\b/i,
  ru: /(?:^|\s)(?:в|на) (?:том же|той же) (?:месте|городе|регионе|зале|площадке|трассе|арене)(?![\p{L}])/iu,
  ja: /同じ(?:会場|場所|地域|都市|コース)|同会場/u,
};

// A day named by its distance from another event ("the day before", "前日の15日", "накануне").
const COUNTED_DAY: Record<string, RegExp> = {
  en: /\bthe (?:day|evening|night) (?:before|after)\b|\bthe (?:previous|following|same|next) (?:day|evening)\b/i,
  ja: /前日|翌日|同日|前夜/u,
  ru: /накануне|на следующий день|в тот же день/iu,
};

// Votes held across a country ("the first round of voting", "総選挙", "выборы в Госдуму"), not a city's or a region's,
// nor a campaign for one.
const NATIONAL_VOTE: Record<string, RegExp> = {
  en: new RegExp(String.raw`(?<!re-)\b(?:elections?|(?<!-)elect|choose a (?:new )?(?:successor|president)|runoff`
    + String.raw`|referendum|round of voting|voting|polls)\b`
    + String.raw`(?!\s+(?:campaign|rally|debate|commission|results?))`, 'i'),
  // "大統領選の党候補に指名された副大統領": a candidate for the vote, not the vote.
  // "選挙公約を採択する": a party's pledges for a vote, not the vote.
  ja: /(?:選挙|総選挙|大統領選|国民投票|投票)(?!運動|戦|活動|の?(?:党)?候補|公約|後|区|制度|資金|協力)/u,
  ru: /(?:выбор|голосовани|референдум|втор\p{L}+ тур)/iu,
};
const LOCAL_VOTE: Record<string, RegExp> = {
  en: new RegExp(String.raw`\b(?:mayoral|municipal|local|gubernatorial|regional|provincial|state|city|council|primary`
    + String.raw`|primaries|party|leadership)\s+(?:elections?|polls?|vote|votes|runoff|race)\b|\bre-election campaign`, 'i'),
  // "テキサス州では…決選投票", "予備選": a state's vote; "統一地方選" is held across the country.
  ja: /知事選|市長選|市議選|県議選|区長選|町長選|村長選|(?<!統一)地方選|党首選|総裁選|代表選|予備選|[ァ-ヶー]+州(?:では|で)/u,
  ru: /губернатор|муниципальн|мэр|местн\p{L}* выбор|региональн|городск|праймериз|законодательное собрание/iu,
};

/** The country code of a venue ("New Delhi|IN" → IN). */
const countryCode = (z: ZonedPlace | undefined) => z?.venue?.split('|')[1];

/** The venue of the latest event placed before whose span holds `when`: a day inside it is part of it. */
function venueOfSpanHolding(spans: EventDraft[], when: When): ZonedPlace | undefined {
  for (let i = spans.length - 1; i >= 0; i--) {
    const e = spans[i]!;
    if (holds(e.when, when)) {
      return { place: e.place, timeZone: e.timeZone, zoneFrom: 'story', ...(e.venue ? { venue: e.venue } : {}) };
    }
  }
  return undefined;
}

/**
 * A story filed from the city its first placed event is in ("ADDIS ABABA … in the Ethiopian capital on Saturday") is
 * about events there: one with no venue of its own is at the dateline, not in a country the story only talks about
 * ("the conflicts in Sudan").
 */
function venueAtDateline(first: EventDraft | undefined, dateline: DatelinePlace | undefined): ZonedPlace | undefined {
  if (!dateline || dateline.place.kind !== 'city' || first?.venue !== `${dateline.place.name}|${dateline.place.iso2}`) {
    return undefined;
  }
  return { place: first.place, timeZone: first.timeZone, zoneFrom: 'story', venue: first.venue };
}

/** The country a venue is in, as the story names it where it does ("ニュージーランド"), for a vote held across it. */
/** The one country a sentence's places name (each read as that country alone), when they name one. */
function onlyCountry(inSentence: readonly PlaceMention[]): PlaceMention | undefined {
  const countries = inSentence.filter((p) => p.candidates.length === 1 && p.candidates[0]!.kind === 'country');
  return countries.length && countries.every((p) => p.candidates[0]!.iso2 === countries[0]!.candidates[0]!.iso2)
    ? countries[0] : undefined;
}

function countryOf(
  where: ZonedPlace, dateline: DatelinePlace | undefined, places: PlaceMention[], home?: { place: string; iso2: string },
  language?: string,
): ZonedPlace | undefined {
  const iso2 = where.zoneFrom === 'dateline' ? dateline?.place.iso2 : where.venue?.split('|')[1];
  if (!iso2 || (where.zoneFrom !== 'dateline' && !['city', 'region', 'region-uncertain', 'story',
    'sentence-before'].includes(where.zoneFrom))) return undefined;
  const country = gazetteer().countries.get(iso2);
  if (!country) return undefined;
  const named = places.find((p) => p.candidates[0]?.kind === 'country' && p.candidates[0].iso2 === iso2);
  // Unnamed in a Japanese or Russian story ("米民主党", "大統領選"): the country's name in the story's language.
  const native = language === 'ja' || language === 'ru'
    ? NATIVE_NAMES.find(([en, code]) => code === iso2 && en === country.name)?.[language === 'ja' ? 2 : 3][0] : undefined;
  const name = named?.text ?? (home?.iso2 === iso2 ? home.place : native ?? country.name);
  return { ...zoned(name, country), zoneFrom: country.zoneCertain ? 'country' : 'country-uncertain' };
}

/** Where the story's first sentence ends (after its dateline). */
function leadEnd(text: string, bodyStart = 0): number {
  const end = text.slice(bodyStart).search(/[。！？]|[.!?](?=\s|$)/u);
  return end < 0 ? text.length : bodyStart + end;
}

/** The country the story names most, for a dateline the gazetteer lacks; in that country, the one region or city of a
 * single zone its first sentence names ("【アンカレジ共同】米アラスカ州を舞台にした…" is in Alaska's zone, not New York's). */
function countryOfStory(written: string, places: PlaceMention[], lead: number): DatelinePlace | undefined {
  const counts = new Map<string, number>();
  for (const p of places) {
    const iso2 = new Set(p.candidates.map((c) => c.iso2));
    if (iso2.size === 1) { const k = [...iso2][0]!; counts.set(k, (counts.get(k) ?? 0) + 1); }
  }
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  const country = top ? gazetteer().countries.get(top[0]) : undefined;
  if (!country) return undefined;
  const within = places.filter((p) => p.start < lead && p.candidates.length === 1 && p.candidates[0]!.iso2 === top![0]
    && p.candidates[0]!.kind !== 'country' && p.candidates[0]!.zoneCertain);
  const zones = new Set(within.map((p) => p.candidates[0]!.timeZone));
  if (zones.size === 1 && !zones.has(country.timeZone)) return { place: within[0]!.candidates[0]!, written };
  return { place: country, written };
}

// Verbs of saying: a day right after one (or one right after the day) is when it was said.
const SAID: Record<string, RegExp> = {
  en: /\b(?:said|says|told|announced|reported|added|stated|confirmed|warned|noted|wrote|tweeted|posted|declared)\b/i,
  ru: /(?:сообщил|заявил|объявил|рассказал|отметил|подтвердил|добавил|сказал|написал|пояснил|уточнил)\p{L}*/iu,
};

const JA_SAYING = new RegExp('発表|明らかに|述べ|語っ|語り|話し|表明|会見|記者団|伝え|報じ|示し|示した|決め|決定|公表|声明|談話'
  + '|確認|指摘|強調|説明|報告|通知|告示|承認|合意|分か|判明|要請|求め|呼び掛け|呼びかけ|提出|提案|発言|答え|見通し|方針', 'u');

function saidDay(language: string, sentence: string, start: number, end: number): boolean {
  if (/^\s*(?:since|с тех пор|с\s)/iu.test(sentence.slice(Math.max(0, start - 6), start))) return true;
  if (/(?:since|since\s+the)\s*$/i.test(sentence.slice(0, start))) return true;
  // "政府は5日、…と発表した", "首相は1日夜、記者会見で…表明した": the day before a comma, in a sentence that tells what
  // was said; "ライシ師は5月19日、…墜落し死亡した" tells what happened that day.
  if (language === 'ja') {
    return /^(?:夜|朝|午前|午後|夕方?|未明)?[、，]/u.test(sentence.slice(end)) && /日$/u.test(sentence.slice(start, end))
      && JA_SAYING.test(sentence.slice(end));
  }
  const verb = SAID[language];
  if (!verb) return false;
  // "said on Tuesday", "told a briefing on Tuesday", "сообщила Захарова на брифинге во вторник"
  const before = sentence.slice(Math.max(0, start - 50), start);
  const near = /[,;]/.test(before) ? before.slice(before.search(/[^,;]*$/)) : before;
  return verb.test(near) || verb.test(sentence.slice(end, end + 25).split(/[,;.]/)[0]!);
}

const DATELINE_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RU_DATELINE_MONTHS = ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

/** The day a dateline gives ("Feb. 9", "7 декабря"): the last such day on or before the day after publication. */
function datelineDay(written: string, publishedOn: string): string | undefined {
  const word = (/\p{L}+/u.exec(written)?.[0] ?? '').toLowerCase();
  const month = Math.max(DATELINE_MONTHS.indexOf(word.slice(0, 3)), RU_DATELINE_MONTHS.indexOf(word.slice(0, 3))) + 1;
  const dayOfMonth = Number(/\d{1,2}/.exec(written)?.[0]);
  if (!month || !dayOfMonth) return undefined;
  return previousMonthDay(addDays(publishedOn, 1), month, dayOfMonth);
}

function setGet<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}

/** Made once, on first use, even when what it makes is undefined. */
function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) { value = make(); made = true; }
    return value;
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
function titleOf(m: DateMention, clause: Clause, fromSentence: () => string): string {
  const title = eventTitle(clause.text, m.text);
  return wordCount(title) >= 2 ? title : fromSentence();
}

const wordCount = (t: string) => t.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

function sentenceTitle(m: DateMention, sentence: Sentence): string {
  const title = eventTitle(sentence.text, m.text);
  return wordCount(title) >= 2 ? title : clip(sentence.text, 160);
}

/** Ahead of the reader: after the publication day, or on it when the words look ahead ("will meet Saturday"). */
function isUpcoming(m: DateMention, publishedOn: string): boolean {
  if (m.tense === 'past' || (m.when.kind !== 'range' && !m.when.date)) return false;
  if (endOf(m.when) < publishedOn) return false;
  if (startOf(m.when) === publishedOn && m.when.kind !== 'range') return m.tense === 'future';
  return true;
}

function whenFields(w: When, written: string): Pick<ProposedEvent, 'date' | 'startTime' | 'range'> {
  if (w.kind === 'range') return { range: { from: w.from, to: w.to, label: rangeLabel(written) } };
  if (w.kind === 'time') return { startTime: `${w.date}T${w.time}` };
  return { date: w.date };
}

/** A range's label in the story's words: "mid-November", "June 3-4", "later this month". */
function rangeLabel(written: string): string {
  return written.replace(/\s+/g, ' ').replace(/^(?:on|during|(?:in|for)(?=\s+(?:early|mid|late|the|\p{Lu})))\s+/u, '')
    .replace(/[,.;]+$/, '').trim()
    .replace(/^(?:В|Во|На|С|До)\s/u, (w) => w.toLowerCase());
}

/**
 * The clause a title is written from, and the stretch of the sentence whose places belong to this date: from
 * after the clause of the date before it to before the clause of the date after it.
 */
function clauseOf(m: DateMention, clauses: Clause[], sameSentence: DateMention[]): { titleClause: Clause; span: { start: number; end: number } } {
  const own = indexHolding(clauses, m.start);
  const ownIndex = own < 0 ? 0 : own;
  const holdsOther = (c: Clause) => anyStartingIn(sameSentence, c.start, c.end, m);
  let first = ownIndex;
  while (first > 0 && !holdsOther(clauses[first - 1]!)) first--;
  let last = ownIndex;
  while (last < clauses.length - 1 && !holdsOther(clauses[last + 1]!)) last++;
  // Two dates in one clause share it at the midpoint between them: "talks next week at X … summit in Y on June 12".
  const before = lastEndingBy(sameSentence, m.start, clauses[first]!.start);
  const after = firstStartingFrom(sameSentence, m.end, clauses[last]!.end);
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
  const { joints, spaces } = breaksOf(clause);
  // The nearest joint within 60 characters; of two as near, the earlier.
  let best = -1;
  for (let i = firstAtOrAfter(joints, local - 60); i < joints.length && joints[i]! <= local + 60; i++) {
    if (best < 0 || Math.abs(joints[i]! - local) < Math.abs(best - local)) best = joints[i]!;
  }
  if (best >= 0) return clause.start + best;
  // Else the nearest space that does not sit inside a run of capitalised words; of two as near, the earlier.
  const right = firstAtOrAfter(spaces, local);
  const left = right - 1;
  if (left < 0 && right >= spaces.length) return at;
  const leftGap = left >= 0 ? local - spaces[left]! : Infinity;
  const rightGap = right < spaces.length ? spaces[right]! - local : Infinity;
  return clause.start + (leftGap <= rightGap ? spaces[left]! : spaces[right]!);
}

/** Where a shared clause may be cut, found once per clause (a story's clause is cut once per date it holds). */
const clauseBreaks = new WeakMap<Clause, { joints: number[]; spaces: number[] }>();

function breaksOf(clause: Clause): { joints: number[]; spaces: number[] } {
  const known = clauseBreaks.get(clause);
  if (known) return known;
  const text = clause.text;
  const joints = [...text.matchAll(/\s(?:and|then|to|for|while|after|before)\s(?=\p{Ll})|,\s/gu)].map((m) => m.index);
  // A space where a cut may fall: not between a word holding a capital and a capitalised word ("New York").
  const spaces: number[] = [];
  let capitalInWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    if (text[i] === ' ' && !(/\p{Lu}/u.test(text[i + 1] ?? '') && capitalInWord)) spaces.push(i);
    if (/\p{L}/u.test(char)) capitalInWord ||= /\p{Lu}/u.test(char);
    else capitalInWord = false;
    if (code > 0xffff) i++;
  }
  const found = { joints, spaces };
  clauseBreaks.set(clause, found);
  return found;
}

/** The index of the first number in the ascending `list` at or after `value` (list.length when none is). */
function firstAtOrAfter(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const BASIS_CONFIDENCE = { explicit: 0.9, weekday: 0.85, relative: 0.85, anchored: 0.75, period: 0.65 } as const;
const ZONE_PENALTY: Record<ZoneFrom, number> = {
  city: 0, region: 0, country: 0.03, 'region-uncertain': 0.12, 'country-uncertain': 0.15, 'sentence-before': 0.08,
  story: 0.15,
  dateline: 0.2, language: 0.3, none: 0.35,
};

function confidenceOf(m: DateMention, zoneFrom: ZoneFrom): number {
  let c = BASIS_CONFIDENCE[m.basis] - ZONE_PENALTY[zoneFrom];
  if (m.tense === 'future') c += 0.05;
  if (m.tense === 'neutral') c -= 0.1;
  if (m.hedged) c -= 0.1;
  return Math.round(Math.min(0.99, Math.max(0.05, c)) * 100) / 100;
}

