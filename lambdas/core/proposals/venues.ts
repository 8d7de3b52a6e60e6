/**
 * Where an event takes place, and so its zone. Read in this order: the event's own sentence (its appositions
 * too: "the Kazakh capital, Astana"), then the sentence before ("… the council's meeting in Tromsø." then "on
 * June 3-4"), then the places the rest of the story puts things in, and last the dateline. `zoneFrom` says which.
 */
import { canonicalTimeZone } from '../zoned-time.ts';
import type { DateMention } from './dates.ts';
import { lookupPlace, normalizePlaceName, type GazetteerPlace } from './gazetteer.ts';
import { NATIVE_NAMES, russianForms } from './place-names.ts';
import { venuesBySound } from './places-kana.ts';
import { placesByTransliteration } from './places-translit.ts';
import type { PlaceMention } from './places.ts';
import type { Sentence } from './sentences.ts';
import type { Clause } from './story-text.ts';

/** How the zone of a proposed event was found: the kind of place its own sentence names, or where else it came from. */
export type ZoneFrom =
  | 'city'
  | 'region'
  | 'region-uncertain'
  | 'country'
  | 'country-uncertain'
  | 'sentence-before'
  | 'story'
  | 'dateline'
  | 'language'
  | 'none';

export interface ZonedPlace {
  place: string;
  timeZone: string;
  zoneFrom: ZoneFrom;
  latitude?: number;
  /** The gazetteer's name for it ("Osaka" for "Осаке"): two mentions of one venue meet on it. */
  venue?: string;
}

export interface DatelinePlace {
  place: GazetteerPlace;
  written: string;
}

const KIND_WEIGHT = { city: 2, region: 1, country: 0 } as const;
const WITH_PARTY = /^[^,;.]{0,60}?\b(?:talks|meet|meets|meeting|negotiations|consultations)\s+with\b/;
const LANDMARK_AFTER = new RegExp(String.raw`^,?\s+(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:just\s+)?`
  + String.raw`(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+(?:the\s+)?$`, 'i');
const SUBORDINATE = /\b(?:after|before|following|once|until)\b/i;

/**
 * The place a reader ties to the date in its own sentence: named with "in"/"visit" (or opening the clause as
 * its actor), nearest, most specific. A venue the gazetteer does not know ("at Windsor Castle") keeps its name
 * and takes the dateline's zone. `places` are those of the date's sentence, in the story's ranking.
 */
export function placeInSentence(
  m: DateMention,
  titleClause: Clause,
  span: { start: number; end: number },
  sentence: Sentence,
  places: PlaceMention[],
  dateline: DatelinePlace | undefined,
  /** Whether a venue named earlier in the sentence carries to this date (Japanese chains one trip's legs). */
  carry = false,
  /** The venue of the sentence before: a venue the gazetteer does not know is more likely near it than at home. */
  context?: ZonedPlace,
  /** A Japanese or Russian story without a dateline: its home stands in for one, so a place needs a cue too. */
  home = false,
): ZonedPlace | undefined {
  // "meet on May 24, a day after X returns from a trip to Washington": a place after "after"/"before" that follows
  // the date is another happening's.
  const own = (p: PlaceMention) => p.start < m.end
    || !SUBORDINATE.test(sentence.text.slice(m.end - sentence.start, p.start - sentence.start));
  const inSpan = places.filter((p) => p.start >= span.start && p.end <= span.end && own(p));
  // Without "in", "at" or "visit" a place is more often an actor ("U.S. officials") than the venue: the dateline says
  // more.
  // "Iran may hold talks with European powers": a party to talks held with another is no venue.
  const party = (p: PlaceMention) =>
    p.subject && !p.cued && WITH_PARTY.test(sentence.text.slice(p.end - sentence.start));
  const known = inSpan.filter((p) => p.candidates.length && (!(dateline || home) || p.cued || p.subject || p.named)
    && !party(p));
  if (!known.length) {
    // "at the Naga Heritage Village in Kisama": of two names the gazetteer lacks, the town "in" names is the place.
    const unknown = inSpan.filter((p) => !p.candidates.length);
    const venue = unknown.length > 1
      ? unknown.find((p) => /\bin\s+$/.test(sentence.text.slice(Math.max(0, p.start - sentence.start - 4),
        p.start - sentence.start))) ?? unknown[0]
      : unknown[0];
    // "at Tindal, south of Darwin": a venue the gazetteer lacks, placed by the landmark it is given beside.
    const landmark = venue && places.find((p) => p.candidates.length && p.start > venue.end && p.start - venue.end < 40
      && LANDMARK_AFTER.test(sentence.text.slice(venue.end - sentence.start, p.start - sentence.start)));
    if (venue && landmark) {
      return { place: venue.text, timeZone: landmark.candidates[0]!.timeZone, zoneFrom: 'sentence-before' };
    }
    if (venue && context) return { place: venue.text, timeZone: context.timeZone, zoneFrom: 'sentence-before' };
    if (venue && dateline) return { place: venue.text, timeZone: dateline.place.timeZone, zoneFrom: 'dateline' };
    // "10日からウラジオストクを訪れ、12日の…会合で演説する": a venue named earlier in the sentence, on the same trip.
    const before = (p: PlaceMention) => p.end <= span.start && p.candidates.length > 0 && p.cued;
    const earlier = carry ? places.filter(before).at(-1) : undefined;
    return earlier ? zoned(earlier.text, earlier.candidates[0]!) : undefined;
  }
  const score = (p: PlaceMention) => {
    const top = p.candidates[0]!;
    const inTitle = p.start >= titleClause.start && p.end <= titleClause.end ? 2 : 0;
    const distance = Math.min(Math.abs(p.start - m.end), Math.abs(m.start - p.end));
    // A city outranks the country it is in ("visit Russia … in Moscow"), not another country ("Egypt … and Singapore").
    const within = known.some((o) => o !== p && o.candidates[0]!.iso2 === top.iso2
      && o.candidates[0]!.kind !== top.kind);
    // "ミラノ・コルティナ冬季五輪の聖火採火式が…ギリシャ南部の…遺跡で行われる": an event named for a city is held where the
    // sentence says it is, in another country.
    const elsewhere = p.named && known.some((o) => o.cued && !o.named && o.candidates[0]!.iso2 !== top.iso2);
    const role = p.cued ? 3.5 : p.named && !elsewhere ? 2 : p.subject ? 1 : 0;
    return inTitle + role + (within && !p.named ? KIND_WEIGHT[top.kind] : 0) - distance / 200;
  };
  const best = [...known].sort((a, b) => score(b) - score(a) || a.start - b.start)[0]!;
  const top = best.candidates[0]!;
  // "travel to Azerbaijan … in the city of Gabala": a town the gazetteer lacks, in the country named with it.
  const town = top.kind === 'country' ? inSpan.find((p) => !p.candidates.length && p.cued) : undefined;
  if (town) {
    // "in Kananaskis, a mountain resort in the province of Alberta": in the region of that country named with it.
    const region = known.find((p) => p.candidates[0]!.kind === 'region' && p.candidates[0]!.iso2 === top.iso2);
    if (region) return { place: town.text, timeZone: region.candidates[0]!.timeZone, zoneFrom: 'region' };
    return { place: town.text, timeZone: top.timeZone, zoneFrom: top.zoneCertain ? 'country' : 'country-uncertain' };
  }
  if (top.kind !== 'city' && !top.zoneCertain) {
    // A country or region that spans zones takes the zone of a city of it named in the same sentence, or the
    // dateline's.
    const city = places.find(
      (p) =>
        p.start >= sentence.start &&
        p.end <= sentence.end &&
        p.candidates[0]?.kind === 'city' &&
        p.candidates[0].iso2 === top.iso2,
    );
    if (city) return zoned(city.text, city.candidates[0]!);
    if (dateline?.place.iso2 === top.iso2)
      return { place: best.text, timeZone: dateline.place.timeZone, zoneFrom: 'dateline' };
  }
  return zoned(best.text, top);
}

/**
 * A vote held across a country of many zones, in a sentence that names one region of it ("Выборы президента России
 * …, и жители Чукотки …"): the story is about that region's voters, so the vote takes the region's zone.
 */
export function zoneOfRegionNamed(where: ZonedPlace, inSentence: PlaceMention[]): ZonedPlace {
  const iso2 = where.venue?.split('|')[1];
  if (!iso2 || (where.zoneFrom !== 'country' && where.zoneFrom !== 'country-uncertain')) return where;
  const regions = inSentence.filter((p) => p.candidates[0]?.kind === 'region' && p.candidates[0].zoneCertain
    && p.candidates[0].iso2 === iso2 && p.candidates[0].timeZone !== where.timeZone);
  const zones = new Set(regions.map((p) => p.candidates[0]!.timeZone));
  return zones.size === 1 ? { ...where, timeZone: [...zones][0]!, zoneFrom: 'region' } : where;
}

/** The venue the sentence before names ("in", "at", "visit"): the most specific, then the last. */
export function placeInSentenceBefore(places: PlaceMention[]): ZonedPlace | undefined {
  const venues = places.filter((p) => p.candidates.length && p.cued);
  if (!venues.length) return undefined;
  const best = venues.reduce((a, b) =>
    KIND_WEIGHT[b.candidates[0]!.kind] >= KIND_WEIGHT[a.candidates[0]!.kind] ? b : a,
  );
  const town = best.candidates[0]!.kind === 'country' ? places.find((p) => !p.candidates.length && p.cued) : undefined;
  if (town) return { place: town.text, timeZone: best.candidates[0]!.timeZone, zoneFrom: 'sentence-before' };
  return { ...zoned(best.text, best.candidates[0]!), zoneFrom: 'sentence-before' };
}

/** The place the story puts things in most often (the first of equals): a story's events mostly share a venue. */
export function storyVenue(places: PlaceMention[]): ZonedPlace | undefined {
  const counts = new Map<string, { n: number; p: PlaceMention }>();
  for (const p of places) {
    if (!p.candidates.length || !p.cued) continue;
    const key = `${p.candidates[0]!.name}|${p.candidates[0]!.iso2}`;
    const seen = counts.get(key);
    if (seen) seen.n++;
    else counts.set(key, { n: 1, p });
  }
  let best: { n: number; p: PlaceMention } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best ? { ...zoned(best.p.text, best.p.candidates[0]!), zoneFrom: 'story' } : undefined;
}

const canonical = new Map<string, string>();

/** The current IANA spelling (America/Godthab is America/Nuuk), as the events API stores zones. */
export function canonicalZone(timeZone: string): string {
  let c = canonical.get(timeZone);
  if (!c) {
    c = canonicalTimeZone(timeZone) ?? timeZone;
    canonical.set(timeZone, c);
  }
  return c;
}

export function zoned(text: string, p: GazetteerPlace): ZonedPlace {
  const zoneFrom: ZoneFrom =
    p.kind === 'city'
      ? 'city'
      : p.kind === 'region'
        ? p.zoneCertain
          ? 'region'
          : 'region-uncertain'
        : p.zoneCertain
          ? 'country'
          : 'country-uncertain';
  return {
    place: nominative(text, p), timeZone: p.timeZone, zoneFrom, latitude: p.latitude, venue: `${p.name}|${p.iso2}`,
  };
}

let nominatives: Map<string, string> | undefined;

/**
 * "в Москву", "под Самарой": a Russian city the table knows, given as an editor writes it alone ("Москва"). Countries
 * and regions stay as written ("в Финляндии"): labelled stories give those as the story wrote them.
 */
function nominative(text: string, p: GazetteerPlace): string {
  if (p.kind !== 'city' || !/[а-яё]$/iu.test(text)) return text;
  if (!nominatives) {
    nominatives = new Map();
    for (const [english, iso2, , ru] of NATIVE_NAMES) {
      for (const name of ru) {
        for (const form of russianForms(name)) {
          const key = `${form.toLowerCase()}|${english}|${iso2}`;
          if (!nominatives.has(key)) nominatives.set(key, name);
        }
      }
    }
  }
  return nominatives.get(`${text.toLowerCase()}|${p.name}|${p.iso2}`) ?? text;
}

export function zoneOfDateline(written: string, places: PlaceMention[]): DatelinePlace | undefined {
  const parts = written
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let options = lookupPlace(normalizePlaceName(parts[0] ?? written));
  // "PYEONGCHANG, South Korea": a town the gazetteer does not list is read in the region or country after it, the
  // largest of that name ("Cape Canaveral, Florida" is in the state, not the Uruguayan town).
  const townKnown = options.length > 0;
  for (const part of parts.slice(1)) if (!options.length) options = lookupPlace(normalizePlaceName(part));
  // "Томск. 14 апреля. INTERFAX-SIBERIA", "АНАДЫРЬ, 5 мар": a Russian city the table lacks, by its Latin spelling.
  if (!options.length && /^[\p{Script=Cyrillic} -]+$/u.test(written)) {
    options = placesByTransliteration(written.toLowerCase().replace(/(^|[ -])\p{Ll}/gu, (c) => c.toUpperCase()))
      .filter((p) => p.kind !== 'country');
  }
  // "【アビジャン共同】": a city the table has no Japanese name for, by its sound, in a country the story names or large.
  if (!options.length && /^[ァ-ヶー]+$/u.test(written)) {
    const countries = new Set(places.flatMap((p) => p.candidates.map((c) => c.iso2)));
    options = venuesBySound(written, countries).slice(0, 1);
  }
  if (!options.length) return undefined;
  if (!townKnown) options = [...options].sort((a, b) => b.population - a.population);
  const qualifier = parts[1] ? lookupPlace(normalizePlaceName(parts[1])) : [];
  const named = new Set(places.flatMap((p) => (p.candidates.length === 1 ? [p.candidates[0]!.iso2] : [])));
  const pick =
    options.find((o) => qualifier.some((q) => q.iso2 === o.iso2)) ??
    options.find((o) => named.has(o.iso2)) ??
    options[0]!;
  return { place: pick, written };
}

export function datelineFallback(
  written: string | undefined,
  dateline: DatelinePlace | undefined,
  home?: { place: string; timeZone: string },
): ZonedPlace {
  if (dateline) return { place: dateline.written, timeZone: dateline.place.timeZone, zoneFrom: 'dateline' };
  if (home && !written) return { ...home, zoneFrom: 'language' };
  return { place: written ?? 'Unknown', timeZone: 'UTC', zoneFrom: 'none' };
}

/** "ТОМСК" as "Томск", "ЮЖНО-САХАЛИНСК" as "Южно-Сахалинск": a dateline in capitals read as a name. */
