/** Place names in a story's text, matched against the gazetteer, and the choice of one zone for an event. */
import { gazetteer, lookupPlace, lookupTown, normalizePlaceName, type GazetteerPlace } from './gazetteer.ts';
import { DEMONYMS } from './place-names.ts';
import { JA_NOT_PLACES, venuesBySound } from './places-kana.ts';
import { countriesByTransliteration, placesByTransliteration } from './places-translit.ts';

export interface PlaceMention {
  /** As written, e.g. "Yamaguchi", "Lima, Peru" or "Windsor Castle". */
  text: string;
  start: number;
  end: number;
  /** The meanings the gazetteer allows, the likeliest first once the story has been read; none for a venue. */
  candidates: GazetteerPlace[];
  /** Written after a word that puts an event somewhere: "in", "at", "to", "visit" … */
  cued: boolean;
  /** Opens its clause as the one acting or owning: "China will host …", "Japan's parliament will …". */
  subject: boolean;
  /** Names the event held there: "the St. Petersburg International Economic Forum". */
  named?: boolean;
  /** A place another is found by ("south of Darwin"): no venue itself, but it gives one it stands beside its zone. */
  landmark?: boolean;
}

interface Token { text: string; start: number; end: number; possessive: boolean }

// Words before a place that make it the place of something: "in Tokyo", "visit Russia", "arrive at Narita".
const CUES = new Set(['in', 'at', 'to', 'from', 'near', 'outside', 'inside', 'into', 'across', 'around', 'toward', 'towards',
  // Not "host": what a country hosts ("will host Oman") is its guest, not a venue.
  'via', 'visit', 'visits', 'visiting', 'visited', 'tour', 'tours', 'touring', 'throughout',
  'within', 'of',
  // What a storm, a flood or a convoy comes to: "reach Chicago on Sunday", "will hit Okinawa on Friday".
  'reach', 'reaches', 'reaching', 'hit', 'hits', 'lash', 'lashes', 'lashing', 'strike', 'strikes', 'batter', 'batters',
  // Russian: "в Японию", "на Хоккайдо", "посетит Японию", "визит в Китай", "под Оренбургом"
  'в', 'во', 'на', 'под', 'около', 'возле', 'близ', 'посетит', 'посетить', 'посетят', 'посещение', 'визит', 'визита',
  'прибудет', 'приедет',
  'прилетит']);
// "the Kazakh capital, Astana", "the Bahraini capital Manama": a name in apposition is the place the words before it
// name.
const APPOSITION = /\b(?:capital|city|town|port|province|region|resort|island|state|prefecture|village)\s*,?\s*$/i;
const PARTNER = /^\s+and\s+(?:the\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}/u;
// Nouns a place after "in" is the subject of: "the situation in Gaza", "the war in Sudan", "the crisis in Haiti".
const TOPIC_NOUNS = new RegExp('^(?:situation|crisis|war|conflict|fighting|violence|developments|ceasefire|truce'
  + '|unrest|tensions)$', 'i');
// "co-hosted by India and Sri Lanka", "hosted by Qatar": the (first) host is where it is held.
const HOSTED_BY = /\b(?:co-)?host(?:ed)?\s+(?:jointly\s+)?by\s+(?:the\s+)?$/i;
// "the Sabah state election", "the Tokyo gubernatorial election": a vote held in the place that opens its name.
const LOCAL_VOTE = new RegExp(String.raw`^\s+(?:state|provincial|regional|gubernatorial|mayoral|municipal|local`
  + String.raw`|assembly|legislative|city\s+council|council|parliamentary)\s+(?:elections?|polls?|vote|by-elections?)\b`);
// Words that end the name of an event held somewhere: a city opening that name is its venue.
const EVENT_NAME = new RegExp(`^(?:${[
  'Forum', 'Summit', 'Prix', 'Open', 'Cup', 'Championships?', 'Conference', 'Games', 'Festival',
  'Expo', 'Fair', 'Olympics', 'Congress', 'Dialogue', 'Marathon', 'Biennale', 'Show', 'Week',
  'Talks', 'Process', 'Declaration', 'Meeting',
  // and the buildings an event is held in: "at Goyang Stadium" is in Goyang
  'Stadium', 'Arena', 'Airport', 'Hall', 'Palace', 'Center', 'Centre', 'Convention', 'Exhibition', 'Station', 'Square',
  // and the courts that sit there: "the Osaka District Court will rule"
  'Court',
].join('|')})$`, '');
// Words after a name that make it a region of that name: "Kagoshima Prefecture", "Aichi Province".
const REGION_WORD = /^(?:Prefecture|Province|Region|Oblast|Krai|County|District|Governorate|Territory)$/;
// The last word of many place names, which alone the gazetteer reads as some region ("Bay", "Lakes").
const GENERIC_PLACE_WORD = new RegExp(`^(?:${[
  'Bay', 'Beach', 'Island', 'Islands', 'Lake', 'Lakes', 'River', 'Valley', 'Park', 'Hills?',
  'Springs', 'Falls', 'Harbou?r', 'Point', 'Head', 'Cove', 'Sound', 'Coast', 'Heights', 'Forest',
  'Castle',
].join('|')})$`, '');
// Verbs of saying: a place after them and "in" ("сообщили в Кремле") is where a source spoke; "according to the
// Kremlin" too.
const ATTRIBUTION = new RegExp(`^(?:${[
  'said', 'told', 'reported', 'announced', 'according', 'сообщили', 'сообщил', 'сообщила', 'заявили', 'заявил',
  'заявила', 'отметили', 'рассказали', 'пояснили', 'подтвердили', 'считают', 'уточнили',
].join('|')})$`, 'iu');
// Words between a demonym and the name of the place it qualifies: "the Danish seaside town of Helsingor".
const PLACE_NOUN = new RegExp(`^(?:${[
  'capital', 'city', 'town', 'port', 'resort', 'island', 'village', 'spa', 'seaside', 'coastal',
  'mountain', 'border', 'harbour', 'harbor', 'holiday', 'beach', 'ski', 'lakeside', 'northern',
  'southern', 'eastern', 'western', 'central', 'small', 'industrial', 'historic', 'ancient', 'old',
  'fishing', 'of',
].join('|')})$`, 'i');
// Words between a cue and a place that keep the cue: "in central London", "in the United States".
const CUE_FILLERS = new Set(['the', 'central', 'northern', 'southern', 'eastern', 'western', 'northeastern', 'northwestern',
  'southeastern', 'southwestern', 'downtown', 'rural', 'coastal', 'neighbouring', 'neighboring']);
// A name after these is a venue even when the gazetteer does not know it: "at Windsor Castle", "in Panmunjom".
const VENUE_CUES = new Set(['in', 'at', 'near']);
const ON_CUE = new Set(['on']);
const ISLAND_NAME = /^\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,2}[ \t]+(?:Island|Islands|Isle|Atoll)\b/u;
// Lower-case words allowed inside a place name: "Rio de Janeiro", "Stratford-upon-Avon", "Isle of Man".
const JOINERS = new Set(['de', 'del', 'da', 'do', 'dos', 'das', 'la', 'le', 'les', 'of', 'the', 'upon', 'on', 'am', 'an', 'sur', 'du', 'y', 'es', 'al', 'el']);
// Capitalised words that start a sentence far more often than they name a place.
const SENTENCE_WORDS = new Set(['of', 'the', 'a', 'an', 'this', 'that', 'these', 'but', 'and', 'or', 'so', 'as', 'if', 'when', 'while', 'after', 'before', 'during', 'since', 'until', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'its', 'our', 'on', 'at', 'in', 'to', 'for', 'with', 'by', 'from', 'about', 'under', 'over', 'some', 'many', 'most', 'all', 'both', 'each', 'no', 'not', 'there', 'here', 'what', 'who', 'how', 'why', 'where']);
// Capitalised words after "in"/"at" that are not venues: times, languages, seasons of the year.
const NOT_VENUES = /^(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter|Ramadan|Eid|Thanksgiving|Halloween|New Year|English|French|German|Spanish|Russian|Chinese|Japanese|Arabic|Portuguese|Italian|Korean|I|A|An|The|This|That|His|Her|Their|Its|Our|Some|Each|Every|Part|Time|Power|Office|Response|Line|Order|Addition|Total|Particular|General|Fact|Turn|Case|Favour|Favor|Front|Place|Light|Support|Charge|Talks|Recent|Early|Late|Mid|Next|Last|First|Second|Both|All|Many|Most|One|Two|Three)$/;
// What follows a place that opens its clause as the actor: "China will host", "Russia hosts".
// Any verb in the third person or the past ("Ireland takes over", "Japan votes"), an auxiliary or a modal.
const ACTOR_VERB = new RegExp(String.raw`^\s+(?:will|would|is|are|was|were|has|have|had|held|may|might|could|can`
  + String.raw`|should|must|said|(?!(?:as|its|this|thus|has|was|plus|yes|towards|news|sports)\b)[a-z]{2,}(?:s|ed))\b`);
const MIN_UNCUED_CITY = 1_000_000;
const RELATIVE_TO = new RegExp('^(?:north|south|east|west|northeast|northwest|southeast|southwest'
  + '|km|kilometers|kilometres|miles)$', 'i');

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}][\p{L}\p{M}.'’-]*[\p{L}\p{M}.]|[\p{L}\p{M}]/gu)) {
    let word = m[0];
    let end = m.index + word.length;
    const possessive = /['’]s$/u.test(word);
    if (possessive) { word = word.slice(0, -2); end -= 2; } // "Abe’s constituency", "Putin's visit"
    if (word.endsWith('.') && !/^(\p{L}\.)+$/u.test(word)) { word = word.slice(0, -1); end -= 1; } // "Russia." but "U.S."
    out.push({ text: word, start: m.index, end, possessive });
  }
  return out;
}

// "St. Petersburg", "Mt. Fuji": an abbreviation's period stays inside the name.
const joinedTo = (before: Token, gap: string) =>
  /^[ \t-]*$/.test(gap) || (/^\.[ \t]+$/.test(gap) && /^(?:St|Ste|Mt|Ft|Pt)$/.test(before.text));

const onlySpace = (text: string, a: Token | undefined, b: Token | undefined) =>
  a !== undefined && b !== undefined && /^[ \t]+$/.test(text.slice(a.end, b.start));

/** Every place the text names, longest name first ("New York" before "York"), with no overlaps. */
const MOVED_TO = /^(?:перенес\p{L}*|перенаправ\p{L}*|diverted|rerouted|relocated)$/iu;

export function findPlaces(text: string): PlaceMention[] {
  const tokens = tokenize(text);
  const longest = gazetteer().longestName;
  const found: PlaceMention[] = [];
  const startsSentence = (i: number) => {
    const before = tokens[i - 1];
    const gap = before ? text.slice(before.end, tokens[i]!.start) : '';
    // PTI's "Dhaka, Dec 11 (PTI) Bangladesh will …": the agency in brackets ends the dateline.
    const agency = /^\)\s+$/.test(gap) && /^\p{Lu}{2,}$/u.test(before?.text ?? '');
    return !before || agency || /[.!?:"“\n]\s*$/.test(gap) || /\s[-—–]\s*$/.test(gap) || /^[•*]/.test(gap.trim());
  };
  // The index of the cue a place at token i follows, over fillers: "in the United States", "in central London".
  const cueBefore = (i: number, cues: Set<string>) => {
    let k = i - 1;
    while (k >= 0 && k >= i - 3 && CUE_FILLERS.has(tokens[k]!.text.toLowerCase()) && onlySpace(text, tokens[k], tokens[k + 1])) k--;
    return k >= 0 && cues.has(tokens[k]!.text.toLowerCase()) && onlySpace(text, tokens[k], tokens[k + 1]) ? k : -1;
  };

  const { firstWords } = gazetteer();
  const townMentions = new Set<PlaceMention>();
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!;
    if (!isCapitalised(first.text)) continue;
    let matched = 0;
    const firstWord = normalizePlaceName(first.text).split(' ')[0]!;
    for (let n = firstWords.has(firstWord) ? Math.min(longest, tokens.length - i) : 0; n >= 1; n--) {
      const span = tokens.slice(i, i + n);
      const last = span[n - 1]!;
      if (!isCapitalised(last.text)) continue;
      if (span.some((t, k) => k > 0 && !isCapitalised(t.text) && !JOINERS.has(t.text))) continue;
      if (span.some((t, k) => k < n - 1 && t.possessive)) continue;
      if (!span.every((t, k) => k === 0 || joinedTo(span[k - 1]!, text.slice(span[k - 1]!.end, t.start)))) continue;
      const written = text.slice(first.start, last.end);
      const candidates = lookupPlace(normalizePlaceName(written));
      if (!candidates.length) continue;
      const before = tokens[i - 1];
      const after = tokens[i + n];
      if (startsSentence(i) && n === 1 && SENTENCE_WORDS.has(first.text.toLowerCase())) break;
      // "Vladimir Putin", "Japan National Tourism Organization": part of a longer proper name, unless the name is
      // an event's held in that city ("the St. Petersburg International Economic Forum").
      if (!last.possessive && after && isCapitalised(after.text) && onlySpace(text, last, after)) {
        const cities = candidates.filter((c) => c.kind === 'city');
        // "the Osaka District Court": a court named for its city and district, no district region.
        const court = tokens[i + n + 1]?.text === 'Court' && onlySpace(text, after, tokens[i + n + 1]);
        if (REGION_WORD.test(after.text) && !after.possessive && !court) {
          const cue = cueBefore(i, CUES);
          found.push({ text: text.slice(first.start, after.end), start: first.start, end: after.end,
            candidates: [...candidates], cued: cue >= 0, subject: false });
          matched = n + 1;
        } else if (cities.length && namesEvent(tokens, i + n, text)) {
          found.push({
            text: written, start: first.start, end: last.end, candidates: cities, cued: false, subject: false, named: true,
          });
          matched = n;
        }
        break;
      }
      if (!startsSentence(i) && before && isCapitalised(before.text) && onlySpace(text, before, first) && !CUES.has(before.text.toLowerCase())) break;
      const cue = cueBefore(i, CUES);
      // "сообщили в Кремле", "said in Tokyo": where the news came from, not where anything happens.
      // "рейсы перенесут в Тюмень", "flights will be diverted to Tyumen": where things are moved to, not the venue.
      const source = cue > 0 && (ATTRIBUTION.test(tokens[cue - 1]!.text) || saidBefore(tokens, cue, text)
        || MOVED_TO.test(tokens[cue - 1]!.text));
      // "just northwest of Seoul", "50 km south of Kyiv": a landmark to find the venue by, not the venue.
      const landmark = cue > 0 && tokens[cue]!.text === 'of' && RELATIVE_TO.test(tokens[cue - 1]!.text);
      // "led by Tarique Rahman from London": where a person comes from, not where anything is held.
      const origin = cue > 0 && tokens[cue]!.text === 'from' && isCapitalised(tokens[cue - 1]!.text)
        && onlySpace(text, tokens[cue - 1], tokens[cue])
        && !lookupPlace(normalizePlaceName(tokens[cue - 1]!.text)).length;
      // "will review … the situation in Gaza": what is talked of, not where.
      const topic = cue > 0 && /^(?:in|on|over)$/i.test(tokens[cue]!.text) && TOPIC_NOUNS.test(tokens[cue - 1]!.text);
      const cued = (cue >= 0 && !source && !landmark && !origin && !topic)
        || APPOSITION.test(text.slice(Math.max(0, first.start - 30), first.start))
        || LOCAL_VOTE.test(text.slice(last.end, last.end + 40))
        || HOSTED_BY.test(text.slice(Math.max(0, first.start - 24), first.start));
      const opens = startsSentence(i) || (before?.text === 'The' && startsSentence(i - 1));
      // "Novosibirsk, Siberia's largest city, will host …": the verb after an apposition.
      const rest = text.slice(last.end + (last.possessive ? 2 : 0), last.end + 100);
      const apposition = /^,\s[^,.;]{1,50},/.exec(rest)?.[0].length ?? 0;
      // "South Korea and the United States will hold …": the first of two actors.
      const partner = PARTNER.exec(rest)?.[0].length ?? 0;
      const subject = opens && (last.possessive || ACTOR_VERB.test(rest.slice(0, 40))
        || (apposition > 0 && ACTOR_VERB.test(rest.slice(apposition, apposition + 40)))
        || (partner > 0 && ACTOR_VERB.test(rest.slice(partner, partner + 40))));
      found.push({
        text: written, start: first.start, end: last.end, candidates: [...candidates], cued, subject,
        ...(landmark ? { landmark: true } : {}),
      });
      matched = n;
      break;
    }
    if (matched) { i += matched - 1; continue; }
    // "в Оренбурге", "из Витебска": a Russian town the tables lack, found by its Latin spelling.
    if (CYRILLIC.test(first.text)) {
      const cue = cueBefore(i, RU_TOWN_CUES);
      if (cue < 0 || (cue > 0 && ATTRIBUTION.test(tokens[cue - 1]!.text)) || first.text.length < 3
        || first.text === first.text.toUpperCase()) continue;
      // "в Боливии": a country the table lacks, by its Latin spelling, when no town is spelled so.
      const spelled = placesByTransliteration(first.text);
      const towns = spelled.length ? spelled : countriesByTransliteration(first.text);
      // "в селе Эссо", "в поселке Оссора": a settlement no gazetteer lists is still the venue, named as written.
      const settlement = RU_SETTLEMENT.test(tokens[cue]!.text);
      if (!towns.length && !settlement) continue;
      found.push({
        text: first.text, start: first.start, end: first.end, candidates: towns, cued: true, subject: false,
      });
      if (spelled.length) townMentions.add(found[found.length - 1]!);
      continue;
    }
    // A venue the gazetteer does not know, after "in" or "at": "at Windsor Castle", "in Gatineau, Quebec".
    const ofPlace = i >= 2 && tokens[i - 1]!.text === 'of' && /^(village|town|city|port|island|islands|province|region|state|county|district|capital|resort)$/i.test(tokens[i - 2]!.text);
    const apposed = APPOSITION.test(text.slice(Math.max(0, first.start - 30), first.start));
    // "on Easter Island", "on Jeju Island": an island is where something is "on" (and "Easter" there is no holiday).
    const island = ISLAND_NAME.test(text.slice(first.start, first.start + 40)) ? cueBefore(i, ON_CUE) : -1;
    const venueCue = island >= 0 ? island : cueBefore(i, VENUE_CUES);
    if (venueCue > 0 && saidBefore(tokens, venueCue, text)) continue; // "told reporters at the Johnson Space Center"
    if ((venueCue < 0 && !ofPlace && !apposed) || (island < 0 && NOT_VENUES.test(first.text)) || DEMONYMS[first.text]
      || first.text === first.text.toUpperCase() && first.text.length > 3) continue;
    let j = i;
    while (j + 1 < tokens.length && j - i < 3 && !tokens[j]!.possessive && isCapitalised(tokens[j + 1]!.text) && /^[ \t-]+$/.test(text.slice(tokens[j]!.end, tokens[j + 1]!.start))) j++;
    if (tokens[j]!.possessive) continue; // "in Putin's …": a person
    const venue = tokens.slice(i, j + 1);
    // "in Central Tokyo" is Tokyo's; "in Carbis Bay" is not the Bay region of Somalia: a generic word names no place.
    const last = venue[venue.length - 1]!;
    const generic = venue.length > 1 && GENERIC_PLACE_WORD.test(last.text);
    if (!generic && lookupPlace(normalizePlaceName(last.text)).length) continue;
    // "at the Melbourne Cricket Ground": a venue named after its city is in that city.
    const bigCity = (c: GazetteerPlace) => c.kind === 'city' && c.population >= MIN_UNCUED_CITY;
    const city = j > i ? lookupPlace(normalizePlaceName(first.text)).filter(bigCity) : [];
    // "the Danish seaside town of Helsingor": a town the gazetteer does not know, in the country the adjective names.
    const country = city.length ? undefined : countryOfDemonym(tokens, i);
    const end = tokens[j]!.end;
    // A town the cities lack ("in Gatineau", "the Danish seaside town of Helsingør"), in the country named with it.
    const towns = city.length ? [] : lookupTown(normalizePlaceName(text.slice(first.start, end)))
      .filter((t) => !country || t.iso2 === country.iso2);
    found.push({ text: text.slice(first.start, end), start: first.start, end,
      candidates: towns.length ? [...towns] : country ? [country] : city, cued: true, subject: false });
    if (towns.length && !country) townMentions.add(found[found.length - 1]!);
    i = j;
  }
  if (townMentions.size) keepTownsOfStory(text, found, townMentions);
  const capitals = capitalsByAdjective(text, found);
  return qualify(text, capitals.length ? [...found, ...capitals].sort((a, b) => a.start - b.start) : found);
}

const CYRILLIC = /^\p{Script=Cyrillic}/u;
const CYRILLIC_TEXT = /\p{Script=Cyrillic}{3}/u;
// Words after which a Russian name is where something is: "в Оренбурге", "из Витебска", "в городе Кемерово".
const RU_TOWN_CUES = new Set(['в', 'во', 'из', 'под', 'около', 'возле', 'близ', 'у', 'город', 'города', 'городе',
  'поселок', 'поселке', 'посёлке', 'поселка', 'село', 'селе', 'села', 'деревне', 'станице', 'районе', 'района',
  'окрестностях', 'пригороде', 'посетит', 'посетить', 'посетил', 'посетила', 'посетят', 'посетили']);
const RU_SETTLEMENT = /^(?:город|города|городе|поселок|поселке|посёлке|поселка|село|селе|села|деревне|станице)$/u;

// A town this big is the one meant even in a story that names no other place in its country.
const MIN_LONE_TOWN = 100_000;

/**
 * A town of GeoNames read after "in"/"at" stands only where the story names its country elsewhere (a place, an
 * adjective: "Hillsborough" in a Florida story is no town in Grenada) or where it is a large one.
 */
function keepTownsOfStory(text: string, found: PlaceMention[], towns: Set<PlaceMention>): void {
  const countries = new Set(countriesByAdjective(text).keys());
  for (const m of found) if (!towns.has(m)) for (const c of m.candidates) countries.add(c.iso2);
  // A Russian story's towns found by their Russian spelling are in Russia unless it names another country.
  if (CYRILLIC_TEXT.test(text)) countries.add('RU');
  for (const m of towns) {
    m.candidates = m.candidates.filter((c) => countries.has(c.iso2) || c.population >= MIN_LONE_TOWN);
  }
}

// Words between a verb of saying and where it was said: "told reporters at the Johnson Space Center in Houston".
const AUDIENCE = /^(?:reporters|journalists|a|the|news|press|conference|briefing|at|in|on|parliament|lawmakers)$/i;

/** Whether the cue at token `cue` ends a phrase of saying: "told reporters in Tokyo", "said at a briefing in …". */
function saidBefore(tokens: Token[], cue: number, text: string): boolean {
  for (let k = cue - 1; k >= Math.max(0, cue - 8); k--) {
    const t = tokens[k]!;
    if (/[,.;:!?]/.test(text.slice(t.end, tokens[k + 1]!.start))) return false;
    if (ATTRIBUTION.test(t.text)) return k < cue - 1;
    if (!AUDIENCE.test(t.text) && !isCapitalised(t.text)) return false;
  }
  return false;
}

/** Whether the capitalised words from token i name an event ("International Economic Forum"), not a body. */
function namesEvent(tokens: Token[], i: number, text: string): boolean {
  for (let k = i; k < Math.min(tokens.length, i + 6); k++) {
    const t = tokens[k]!;
    if (k > i && !/^[ \t-]+$/.test(text.slice(tokens[k - 1]!.end, t.start))) return false;
    if (EVENT_NAME.test(t.text)) return true;
    if (!isCapitalised(t.text) && !JOINERS.has(t.text) && t.text !== 'for' && t.text !== 'and') return false;
    if (t.possessive) return false;
  }
  return false;
}

/** The country a demonym a few words before token i names, over place nouns: "the Danish seaside town of …". */
function countryOfDemonym(tokens: Token[], i: number): GazetteerPlace | undefined {
  for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
    const t = tokens[k]!.text;
    const iso2 = DEMONYMS[t];
    if (iso2) return gazetteer().countries.get(iso2);
    if (!PLACE_NOUN.test(t) && !/^\p{Lu}/u.test(t)) return undefined;
  }
  return undefined;
}

const CAPITAL_BY_ADJECTIVE = new RegExp(String.raw`\b(in|to|at|visit|visits|visiting)?(\s+)?the\s+`
  + String.raw`(${Object.keys(DEMONYMS).join('|')})\s+capital\b(?!\s*,\s*\p{Lu})`, 'gu');

/** "in the Philippine capital on Friday": the capital the adjective names (Manila), where no name follows it. */
function capitalsByAdjective(text: string, found: PlaceMention[]): PlaceMention[] {
  const out: PlaceMention[] = [];
  const taken = new Set(found.map((p) => p.start));
  for (const m of text.matchAll(CAPITAL_BY_ADJECTIVE)) {
    const capital = gazetteer().capitals.get(DEMONYMS[m[3]!]!);
    const start = m.index + m[0].indexOf('the');
    if (!capital || taken.has(start)) continue;
    const end = m.index + m[0].length;
    out.push({ text: capital.name, start, end, candidates: [capital], cued: Boolean(m[1]), subject: false });
  }
  return out;
}

// Japanese particles after a place that make it the venue ("山口県で", "ロシアを訪問") or the actor ("ロシアは").
// "種子島宇宙センターから", "福岡国際センターで": a place named by the facility the event is in.
const JA_FACILITY = /^[\p{Script=Han}ァ-ヶー]{0,8}?(?:センター|観測所|空港|スタジアム|球場|競馬場|会館|ホール)(?:で|から|に|を訪|での)/u;
// "横浜市内で": within it.
// "から" is a venue for what leaves it ("種子島宇宙センターから打ち上げ"), not for where people come from ("日本からは特使が",
// "オーストラリアからの独立").
// "首都ポートモレスビーの独立記念広場で": a place within it where the event is held ("…の独立宮殿でも": there too).
// "静岡県側の…ルート", "テキサス州などで": the side of a place, a place among others, is where it is too.
export const JA_CUE = new RegExp('^(?:県|府|都|市|州|省)?(?:側(?:の|で|は|から)|内?(?:など)?(?:で|を訪|へ|に|入り|訪問|での|から(?![のはも])'
  + '|の[\\p{Script=Han}ァ-ヶー・]{1,12}(?:で|にて)(?!は)'
  // "ギリシャ南部の古代オリンピア遺跡で": a site in a part of the place named.
  + '|(?:北|南|東|西|中|北東|北西|南東|南西)部の[\\p{Script=Han}ァ-ヶー・]{1,14}(?:で|にて)(?!は)))', 'u');
// "フランス、イタリア、米国などを歴訪": every place of a list that is visited.
// "日本を国賓として訪問": a few words may stand between "を" and the visit.
export const JA_LIST_CUE = /^[^、。]{0,40}?を[^、。をでにへ]{0,10}?(?:歴訪|訪問|訪れ)|^(?:[、・][^、。]{1,12}){1,6}(?:など)?(?:を(?:歴訪|訪問|訪れ)|で)/u;
// "の" + what kind of place + a name in katakana the table does not know, then a particle that makes it the venue.
// "ドイツ南部シュツットガルトの大会で", "ウズベキスタンの古都サマルカンドで" too.
// "スイス・ジュネーブで", "タイ・バンコクで": a name after a middle dot, the dot no part of it.
const JA_WITHIN = new RegExp('^[の・]?(?:(?:首都|古都|保養地|リゾート地|港町|港湾都市|都市|町|村|島|中部|北部|南部|東部|西部|北東部|南東部'
  + '|北西部|南西部|郊外|近郊|景勝地)の?)*([ァ-ヶー][ァ-ヶー・]{1,})(?=で|を訪|へ|に|での|の[^、。]{1,8}?で)', 'u');
// "長崎市も9日に…式典を開く": "も" as well as "は" and "が".
const JA_EVENT_NAME = new RegExp('^(?:・[ァ-ヶー]{2,12})?(?:冬季|夏季)?(?:五輪|オリンピック|パラリンピック|万博|国際映画祭|映画祭'
  + '|マラソン|国際会議|サミット)', 'u');
export const JA_SUBJECT = /^(?:県|府|都|市|州|省)?(?:は|が|も)/u;

/** Places in Japanese text: the names of place-names.ts, matched longest first (Japanese has no spaces to split on). */
export function findPlacesJa(text: string): PlaceMention[] {
  const out: PlaceMention[] = [];
  const re = new RegExp(gazetteer().japanese.source, 'gu');
  for (const m of text.matchAll(re)) {
    if (out.length && m.index < out[out.length - 1]!.end) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
    const suffix = /^(?:県|府|都|市|州|省)/u.exec(after)?.[0] ?? '';
    const end = m.index + m[0].length + suffix.length;
    const candidates = [...lookupPlace(normalizePlaceName(m[0]))];
    // "ミラノ・コルティナダンペッツォ冬季五輪", "大阪万博", "東京マラソン": a city that names the event held in it.
    const names = candidates.some((c) => c.kind === 'city') && JA_EVENT_NAME.test(text.slice(end, end + 24));
    out.push({
      text: text.slice(m.index, end), start: m.index, end, candidates,
      ...(names ? { named: true } : {}),
      cued: JA_CUE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 18))
        || JA_LIST_CUE.test(text.slice(end, end + 60))
        || JA_FACILITY.test(text.slice(end, end + 16)),
      // "最高裁第1小法廷は": an institution acts through its chambers and offices.
      subject: JA_SUBJECT.test(after) || (gazetteer().seats.has(m[0]) && /^[^、。はが]{0,10}[はが]/u
        .test(text.slice(end, end + 12))),
    });
    // "スコットランドの保養地グレンイーグルズを訪れ": a place the table does not know, in the one named
    // before it.
    const within = JA_WITHIN.exec(text.slice(end, end + 40));
    if (within && candidates.length && !JA_NOT_PLACES.has(within[1]!)) {
      const start = end + within[0].length - within[1]!.length;
      const venueEnd = start + within[1]!.length;
      out[out.length - 1]!.cued = false; // the place named first only says where the venue is
      const own = lookupPlace(normalizePlaceName(within[1]!)); // "ウズベキスタンの古都サマルカンド": a name the table knows
      // "オーストラリア北部ダーウィンで": a name no table knows, by its sound, in the place named before it.
      const bySound = own.length ? [] : venuesBySound(within[1]!, new Set(), candidates[0]!.iso2);
      const venues = own.length ? [...own] : [...bySound, ...candidates];
      out.push({ text: within[1]!, start, end: venueEnd, candidates: venues, cued: true, subject: false });
    }
  }
  return out;
}

/**
 * Joins "Lima, Peru", "Paris, Texas" and "Gatineau, Quebec" into one mention read in the second part's
 * country or region, then keeps the meanings a reader would: a small city needs a cue or a qualifier.
 */
function qualify(text: string, found: PlaceMention[]): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (let i = 0; i < found.length; i++) {
    const m = found[i]!;
    const next = found[i + 1];
    const paren = next && /^\s*\(\s*$/.test(text.slice(m.end, next.start)) && text[next.end] === ')';
    if (next && next.candidates.length && (paren || /^,\s*$/.test(text.slice(m.end, next.start)))) {
      const end = paren ? next.end + 1 : next.end;
      const joined = (candidates: GazetteerPlace[]) =>
        ({ text: text.slice(m.start, end), start: m.start, end, candidates, cued: m.cued, subject: m.subject });
      if (!m.candidates.length) { out.push(joined(next.candidates)); i++; continue; }
      const within = m.candidates.filter((c) => c.kind !== 'country' && next.candidates.some((q) => q.iso2 === c.iso2 && q !== c));
      if (within.length) { out.push({ ...joined(within), cued: true }); i++; continue; }
    }
    if (!m.candidates.length) { out.push(m); continue; }
    // A city opening its sentence as the actor ("Vladivostok will host …") is named as a place too.
    const kept = m.candidates.filter((c) => c.kind === 'country' || m.cued || m.named || m.landmark
      || c.population >= MIN_UNCUED_CITY
      || (m.subject && c.population >= MIN_LONE_TOWN));
    if (kept.length) out.push({ ...m, candidates: kept });
  }
  return out;
}

/**
 * Puts first the meaning that fits the countries the story names most (then the countries its adjectives name,
 * "Russian", then a city five times the size of its namesakes, then the dateline's, then size): a NEW YORK dateline
 * does not make "St. Petersburg" the one in Florida.
 */
export function rankByStory(
  mentions: PlaceMention[], datelineIso2?: string, adjectives?: ReadonlyMap<string, number>,
): PlaceMention[] {
  const named = new Map<string, number>();
  for (const m of mentions) {
    const iso = new Set(m.candidates.map((c) => c.iso2));
    if (iso.size === 1) named.set([...iso][0]!, (named.get([...iso][0]!) ?? 0) + 1);
  }
  const context = (iso2: string) => (named.get(iso2) ?? 0) * 10 + Math.min(2, adjectives?.get(iso2) ?? 0) * 6;
  return mentions.map((m) => {
    // A city five times the size of every namesake abroad is the one a wire story means unless it says otherwise.
    const cities = m.candidates.filter((c) => c.kind === 'city');
    const biggest = cities.reduce<GazetteerPlace | undefined>((a, c) => (!a || c.population > a.population ? c : a), undefined);
    const dominant = biggest && cities.length > 1 && cities.every((c) => c === biggest || c.iso2 === biggest.iso2
      || c.population * 5 <= biggest.population) ? biggest : undefined;
    const score = (p: GazetteerPlace) => context(p.iso2) + (p === dominant ? 6 : 0) + (p.iso2 === datelineIso2 ? 5 : 0);
    return {
      ...m,
      candidates: [...m.candidates].sort((a, b) => score(b) - score(a) || kindOrder(a) - kindOrder(b)
        || b.population - a.population),
    };
  });
}

let demonymPattern: RegExp | undefined;

/** How often the story's words name each country by its adjective ("Russian officials", "the Kazakh capital"). */
export function countriesByAdjective(text: string): Map<string, number> {
  demonymPattern ??= new RegExp(String.raw`(?<![\p{L}])(?:${Object.keys(DEMONYMS).sort((a, b) => b.length - a.length)
    .join('|')})(?![\p{L}])`, 'gu');
  const out = new Map<string, number>();
  for (const m of text.matchAll(demonymPattern)) {
    const iso2 = DEMONYMS[m[0]]!;
    out.set(iso2, (out.get(iso2) ?? 0) + 1);
  }
  return out;
}

const kindOrder = (p: GazetteerPlace) => (p.kind === 'city' ? 0 : p.kind === 'region' ? 1 : 2);
