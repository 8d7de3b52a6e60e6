/**
 * Places a Japanese or Russian story names that the table of place-names.ts does not: a town read in the
 * prefecture, region or country written with it ("山口県長門市", "поселок Ванино Хабаровского края", "в японском
 * городе Нагато", "米フロリダ州パームビーチ"), a region alone ("в Свердловской области", "石川県"), and in Japanese a
 * town whose name ends in 市/町/村 with no country before it, which a Japanese wire means to be in Japan.
 */
import { placesByTransliteration } from './places-translit.ts';
import { gazetteer, lookupPlace, normalizePlaceName, type GazetteerPlace } from './gazetteer.ts';
import { NATIVE_NAMES } from './place-names.ts';
import { JA_NOT_PLACES, venuesBySound } from './places-kana.ts';
import { JA_CUE, JA_LIST_CUE, JA_SUBJECT, type PlaceMention } from './places.ts';
import {
  JA_COUNTRY_KANJI, JA_PREFECTURES, LAUNCH_SITES, RU_COUNTRY_STEMS, RU_REGION_NAMES, RU_REGION_STEMS,
} from './regions-native.ts';

const JAPAN_ZONE = 'Asia/Tokyo';
const place = (kind: GazetteerPlace['kind'], name: string, iso2: string, timeZone: string): GazetteerPlace =>
  ({ kind, name, iso2, timeZone, population: 0, latitude: 35, zoneCertain: true });

/** Adds what the tables miss to the places already found, dropping those a longer reading covers. */
export function addNativePlaces(language: string, text: string, found: PlaceMention[]): PlaceMention[] {
  const more = language === 'ja' ? japanesePlaces(text, found) : language === 'ru' ? russianPlaces(text) : [];
  if (!more.length) return found;
  const taken = new Spans(text.length);
  for (const m of more) taken.take(m.start, m.end);
  return [...found.filter((p) => !taken.overlaps(p.start, p.end)), ...more].sort((a, b) => a.start - b.start);
}

// "長門市", "境港市", "白馬村": a town by its kanji (or katakana) name; not words that end the same way.
const JA_TOWN = /^([\p{Script=Han}ァ-ヶー]{1,5}?)(市|町|村)/u;
const JA_NOT_TOWNS = new Set(['都市', '同市', '同町', '同村', '各市', '本市', '当市', '両市', '全市', '大都市', '城下町', '下町',
  '漁村', '農村', '山村', '選手村', '市町村', '門前町', '内市', '県内市']);
const JA_DIET = /(?<![\p{Script=Han}ァ-ヶー])(?:衆議院|参議院|衆院|参院|(?<!の)国会(?!に当たる))(?=で|を|に|の(?!議員)|は)/gu;
const JA_PREFECTURE = new RegExp(`(?<![\\p{Script=Han}])(${JA_PREFECTURES.join('|')})県`, 'gu');
// Japan's regions as forecasts and news name them ("中国" only as "中国地方": alone it is China).
const JA_REGION = new RegExp('(?<![\\p{Script=Han}])(?:北海道|東北|関東甲信|関東|甲信越|甲信|北陸|東海|近畿|関西|中国地方|四国|九州'
  + '|沖縄|奄美|山陰|山陽)(?:地方)?(?:[北南東西]部|北東部|北西部|南東部|南西部)?(?=で|に|へ|を|の各地|では|には)', 'gu');
// A town standing alone, then a particle that puts something in it.
const JA_LONE_TOWN = /(?<![\p{Script=Han}ァ-ヶー])([\p{Script=Han}]{1,4}(?:市|町|村))(?=で|を訪|に|へ|入り|での|から|の)/gu;
const JA_ABROAD = new RegExp(`(?<![\\p{Script=Han}ァ-ヶー])(${Object.keys(JA_COUNTRY_KANJI).join('|')})`
  + '(?:[東西南北中]部|北東部|南東部|北西部|南西部|中西部|極東|東海岸|西海岸)?([ァ-ヶー・]{2,})(州|市|島)?'
  + '(?=で|を訪|に|へ|入り|での)', 'gu');

/** The stretches of text a place already holds, one flag per character: each question costs its own length. */
class Spans {
  private readonly flags: Uint8Array;
  constructor(length: number) { this.flags = new Uint8Array(length + 1); }
  take(start: number, end: number) { this.flags.fill(1, start, end); }
  overlaps(start: number, end: number) {
    for (let i = start; i < end; i++) if (this.flags[i]) return true;
    return false;
  }
}

const JA_CAPITAL = /首都([ァ-ヶー・]{2,})/gu;
// A name in katakana alone, then a particle that puts something there ("アーリントンで", "ルクソールを訪問",
// "ダーウィンに到着"); "に" alone is as often a person's ("ゼレンスキーに書簡を送る").
const JA_KATAKANA_VENUE = new RegExp('(?<![ァ-ヶー・])([ァ-ヶー]{3,})(?=で|を訪|へ|入り|での|の[^、。]{1,12}?で'
  + '|に(?:到着|入る|入っ|向か|滞在|集ま|移動|上陸|接近|赴))', 'gu');
const JA_VISIT = new RegExp(`(?:(来)日|訪(日|${Object.keys(JA_COUNTRY_KANJI).join('|')}))(?=する|し|中|を|へ|に|の|で|、|。)`,
  'gu');
// The name an editor reads for the country a visit word names.
const VISITED: Record<string, string> = {
  JP: '日本', US: '米国', GB: '英国', FR: 'フランス', DE: 'ドイツ', RU: 'ロシア', CN: '中国', KR: '韓国', KP: '北朝鮮',
  AU: 'オーストラリア', IT: 'イタリア', CA: 'カナダ', IN: 'インド', PH: 'フィリピン', VN: 'ベトナム',
};

function japanesePlaces(text: string, found: PlaceMention[]): PlaceMention[] {
  const out: PlaceMention[] = [];
  const spans = new Spans(text.length);
  for (const p of found) spans.take(p.start, p.end);
  const taken = (start: number, end: number) => spans.overlaps(start, end);
  const push = (p: PlaceMention) => { out.push(p); spans.take(p.start, p.end); };
  // The place ending nearest before each position, for "中国四川省成都市": found in text order, read as they come.
  const ends = [...found].sort((a, b) => a.end - b.end);
  // The countries the story names: a place found by its sound is taken in one of them, or when it is large.
  const storyCountries = new Set(found.flatMap((p) => p.candidates.map((c) => c.iso2)));
  const mention = (start: number, end: number, candidates: GazetteerPlace[]): PlaceMention => {
    const after = text.slice(end, end + 18);
    return {
      text: text.slice(start, end), start, end, candidates,
      cued: JA_CUE.test(after) || JA_LIST_CUE.test(text.slice(end, end + 60)), subject: JA_SUBJECT.test(after),
    };
  };
  const withTown = (start: number, end: number, region: GazetteerPlace) => {
    const town = JA_TOWN.exec(text.slice(end, end + 8));
    return town && !JA_NOT_TOWNS.has(town[0]) ? mention(start, end + town[0].length, [region])
      : mention(start, end, [region]);
  };
  // "山口県長門市": a prefecture the table knows, then a town in it.
  for (const p of found) {
    const japanese = p.candidates[0]?.iso2 === 'JP' && /[県府都道]$/u.test(p.text);
    if (!japanese) continue;
    const town = JA_TOWN.exec(text.slice(p.end, p.end + 8));
    if (town && !JA_NOT_TOWNS.has(town[0])) push(mention(p.start, p.end + town[0].length, p.candidates));
  }
  // "奄美地方に", "九州南部に", "関東甲信で": a region of Japan, with the part of it named, where something happens.
  for (const m of text.matchAll(JA_REGION)) {
    const end = m.index + m[0].length;
    const region = mention(m.index, end, [place('region', m[0], 'JP', JAPAN_ZONE)]);
    if (region.cued || region.subject) push(region);
  }
  // "4日に国会で所信表明演説", "衆議院を解散": Japan's parliament, which sits in Tokyo ("中国の国会に当たる…" is
  // another's).
  for (const m of text.matchAll(JA_DIET)) {
    const end = m.index + m[0].length;
    if (!taken(m.index, end)) push(mention(m.index, end, [place('city', m[0], 'JP', JAPAN_ZONE)]));
  }
  for (const m of text.matchAll(JA_PREFECTURE)) {
    const end = m.index + m[0].length;
    if (!taken(m.index, end)) push(withTown(m.index, end, place('region', m[0], 'JP', JAPAN_ZONE)));
  }
  for (const m of text.matchAll(JA_ABROAD)) {
    const country = gazetteer().countries.get(JA_COUNTRY_KANJI[m[1]!]!);
    const start = m.index + m[0].length - (m[2]!.length + (m[3]?.length ?? 0));
    const end = m.index + m[0].length;
    if (country && !taken(start, end) && !lookupPlace(normalizePlaceName(m[2]!)).length) {
      // "米南部フロリダ州マイアミ近郊ドラルで": the town by its sound, in that country, else the country itself.
      push(mention(start, end, [...venuesBySound(m[2]!, storyCountries, country.iso2), country]));
    }
  }
  // "パプアニューギニア政府は…首都ポートモレスビーの独立記念広場で": a capital the table has no Japanese name for, in the
  // country named last before it in its sentence, in that country's zone.
  let c = 0;
  for (const m of text.matchAll(JA_CAPITAL)) {
    const start = m.index + m[0].length - m[1]!.length;
    const end = m.index + m[0].length;
    while (c < ends.length && ends[c]!.end <= m.index) c++;
    if (taken(start, end) || lookupPlace(normalizePlaceName(m[1]!)).length) continue;
    // The country just before ("ケニアの首都"), or the sentence's actor ("パプアニューギニア政府は"), not any other: the
    // last three places before it are read, within 120 characters and its sentence.
    const near = ends.slice(Math.max(0, c - 3), c).filter((p) => m.index - p.end <= 120
      && !/[。】]/u.test(text.slice(p.end, m.index)) && p.candidates[0]?.kind === 'country'
      && (m.index - p.end <= 1 || /^(?:政府|当局)?[はが]/u.test(text.slice(p.end, p.end + 3))));
    const country = near.at(-1)?.candidates[0];
    const bySound = country ? venuesBySound(m[1]!, storyCountries, country.iso2) : [];
    const asWritten = () => [place('city', m[1]!, country!.iso2, country!.timeZone)];
    if (country) push({ ...mention(start, end, bySound.length ? bySound : asWritten()) });
  }
  // "来日する", "訪米中の": a visit named by the country it goes to.
  for (const m of text.matchAll(JA_VISIT)) {
    const iso2 = m[1] === '来' || m[2] === '日' ? 'JP' : JA_COUNTRY_KANJI[m[2]!];
    const country = iso2 ? gazetteer().countries.get(iso2) : undefined;
    const end = m.index + m[0].length;
    if (!country || taken(m.index, end)) continue;
    push({ ...mention(m.index, end, [country]), text: VISITED[iso2!] ?? m[0], cued: true });
  }
  // "アーリントンで", "ルクソールの神殿で": a foreign place no table names, found by its sound.
  for (const m of text.matchAll(JA_KATAKANA_VENUE)) {
    const end = m.index + m[1]!.length;
    if (taken(m.index, end) || JA_NOT_PLACES.has(m[1]!) || lookupPlace(normalizePlaceName(m[1]!)).length) continue;
    const candidates = venuesBySound(m[1]!, storyCountries);
    if (candidates.length) push(mention(m.index, end, candidates));
  }
  let k = 0;
  for (const m of text.matchAll(JA_LONE_TOWN)) {
    const end = m.index + m[0].length;
    while (k < ends.length && ends[k]!.end <= m.index) k++;
    if (JA_NOT_TOWNS.has(m[0]) || taken(m.index, end)) continue;
    // "中国四川省成都市", "韓国・釜山市": a country named just before keeps the town abroad.
    const before = ends[k - 1];
    if (before && m.index - before.end <= 6 && before.candidates[0]?.iso2 !== 'JP') continue;
    if (JA_COUNTRY_KANJI[text[m.index - 1] ?? '']) continue;
    push(mention(m.index, end, [place('city', m[0], 'JP', JAPAN_ZONE)]));
  }
  return out;
}

const RU_ENDINGS = '(?:ий|ого|ому|ом|им|ая|ой|ую|ое|ие|их|ым)';
const RU_REGION_NOUN = '(край|крае|края|краю|краем|област[ьиюе]|областью|республик[аиуе]'
  + '|автономн\\p{L}*\\s+округ\\p{L}*)';
const ruRegion = (stems: string[]) => new RegExp(`(?<![\\p{L}-])(${stems.join('|')})${RU_ENDINGS}\\s+${RU_REGION_NOUN}`
  + '(?![\\p{L}])', 'gu');
// "в поселке Ванино Хабаровского края": a town before the region it is in.
// "посетит Ванино в Хабаровском крае", "в городе Кировске Мурманской области".
const RU_TOWN_BEFORE = new RegExp(String.raw`(?:^|\s)(?:в|во|на|посетит|посетить|посетят|прибудет|прибудут|город[еау]?`
  + String.raw`|поселок|посёлок|поселк[еау]|посёлк[еау]|сел[еао]|деревн[яеи])`
  + String.raw`\s+(\p{Lu}[\p{L}-]+)\s+(?:(?:в|во)\s+)?$`, 'u');
const RU_CUE_BEFORE = /(?:^|\s)(?:в|во|на)\s+$/u;
const RU_TOWN_AFTER = new RegExp(String.raw`^,?\s+(?:в|во)\s+`
  + String.raw`(?:поселк[еа]|посёлк[еа]|сел[еа]|деревне|станице|городе)\s+(\p{Lu}[\p{L}-]+)`, 'u');
const RU_PLACE_NOUN = '(?:город|столиц|курорт|порт|поселк|посёлк|остров|регион)\\p{L}*';

let ruPatterns: { region: RegExp; named: RegExp; country: RegExp; cities: Map<string, GazetteerPlace> } | undefined;

function russianPatterns() {
  if (ruPatterns) return ruPatterns;
  const cities = new Map<string, GazetteerPlace>();
  const city = (name: string) => lookupPlace(normalizePlaceName(name)).find((p) => p.iso2 === 'RU' || p.iso2 === 'UA');
  for (const [stem, name] of RU_REGION_STEMS) { const c = city(name); if (c) cities.set(stem, c); }
  for (const [names, name] of RU_REGION_NAMES) { const c = city(name); if (c) for (const n of names) cities.set(n, c); }
  const named = new RegExp(`(?<![\\p{L}-])(${RU_REGION_NAMES.flatMap(([n]) => n).sort((a, b) => b.length - a.length)
    .join('|')})(?![\\p{L}-])`, 'gu');
  const country = new RegExp(`(?<![\\p{L}])(?:в|во|на)\\s+(${Object.keys(RU_COUNTRY_STEMS).join('|')})${RU_ENDINGS}`
    + `\\s+(?:\\p{Ll}+\\s+)?(${RU_PLACE_NOUN})(?:\\s+(\\p{Lu}[\\p{L}-]+))?`, 'giu');
  ruPatterns = { region: ruRegion(RU_REGION_STEMS.map(([s]) => s)), named, country, cities };
  return ruPatterns;
}

function russianPlaces(text: string): PlaceMention[] {
  const { region, named, country, cities } = russianPatterns();
  const out: PlaceMention[] = [];
  const spans = new Spans(text.length);
  const push = (p: PlaceMention) => { out.push(p); spans.take(p.start, p.end); };
  const regionPlace = (key: string, written: string) => {
    const c = cities.get(key)!;
    return place('region', written, c.iso2, c.timeZone);
  };
  for (const m of text.matchAll(region)) {
    const end = m.index + m[0].length;
    const lead = text.slice(Math.max(0, m.index - 60), m.index);
    const town = RU_TOWN_BEFORE.exec(lead);
    const start = town ? m.index - town[0].length + town[0].indexOf(town[1]!) : m.index;
    const cued = Boolean(town) || RU_CUE_BEFORE.test(lead);
    // "в Иркутской области в поселке Листвянка": the settlement named after its region is the venue, in its zone.
    const within = town ? undefined : RU_TOWN_AFTER.exec(text.slice(end, end + 60));
    if (within) {
      const region = regionPlace(m[1]!, m[0]);
      const at = end + within.index + within[0].length - within[1]!.length;
      push({ text: text.slice(start, end), start, end, candidates: [region], cued: false, subject: false });
      push({ text: within[1]!, start: at, end: at + within[1]!.length,
        candidates: [{ ...region, kind: 'city', name: within[1]! }], cued: true, subject: false });
      continue;
    }
    push({ text: text.slice(start, end), start, end, candidates: [regionPlace(m[1]!, m[0])], cued, subject: false });
  }
  for (const m of text.matchAll(named)) {
    const end = m.index + m[0].length;
    if (spans.overlaps(m.index, end)) continue;
    const cued = RU_CUE_BEFORE.test(text.slice(Math.max(0, m.index - 4), m.index));
    push({ text: m[0], start: m.index, end, candidates: [regionPlace(m[1]!, m[0])], cued, subject: false });
  }
  for (const m of text.matchAll(country)) {
    const iso2 = RU_COUNTRY_STEMS[m[1]!.toLowerCase()]!;
    // The pattern is case-blind, and so is its \p{Lu}: "в туркменской столице откроется" names no town.
    const name = m[3] && /^\p{Lu}/u.test(m[3]) ? m[3] : undefined;
    // A name the table knows is read as itself, in the country the adjective names when it has namesakes.
    const known = name ? lookupPlace(normalizePlaceName(name)) : [];
    const capital = /^столиц/iu.test(m[2]!) && !name ? gazetteer().capitals.get(iso2) : undefined;
    const country = gazetteer().countries.get(iso2);
    const candidates = known.length ? [...known.filter((p) => p.iso2 === iso2), ...known.filter((p) => p.iso2 !== iso2)]
      : capital ? [capital] : country ? [country] : [];
    if (!candidates.length || spans.overlaps(m.index, m.index + m[0].length)) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    const end = name || !m[3] ? m.index + m[0].length : m.index + m[0].lastIndexOf(m[2]!) + m[2]!.length;
    // "в индийской столице": the capital by its name (Нью-Дели), as an editor would write the place.
    const ru = capital ? NATIVE_NAMES.find(([en, c]) => en === capital.name && c === iso2)?.[3][0] : undefined;
    push({ text: ru ?? text.slice(start, end), start, end, candidates, cued: true, subject: false });
  }
  // "с космодрома Восточный": a launch site, read only after the word that says it is one.
  for (const m of text.matchAll(RU_LAUNCH_SITE)) {
    const start = m.index + m[0].length - m[1]!.length - (m[0].endsWith('»') ? 1 : 0);
    const end = start + m[1]!.length;
    const site = LAUNCH_SITES.find(([, , ru]) => ru.includes(m[1]!));
    const city = site && lookupPlace(normalizePlaceName(site[3])).find((p) => p.iso2 === site[4] && p.kind === 'city');
    if (!city || spans.overlaps(start, end)) continue;
    push({ text: text.slice(start, end), start, end, candidates: [city], cued: true, subject: false });
  }
  // "на Мюнхенскую конференцию", "Петербургский форум": a city named by its adjective.
  for (const m of text.matchAll(RU_CITY_ADJECTIVE)) {
    const end = m.index + m[0].length;
    if (spans.overlaps(m.index, end)) continue;
    // "Омский аэропорт", "Томский университет": the city's own name ends in the -ск of the adjective.
    const big = (name: string) =>
      lookupPlace(normalizePlaceName(name)).filter((p) => p.kind === 'city' && p.population >= 100_000);
    const stem = big(m[1]!);
    const cities = stem.length ? stem : big(`${m[1]!}ск`).length ? big(`${m[1]!}ск`)
      : placesByTransliteration(`${m[1]!}ск`).filter((p) => p.kind === 'city' && p.population >= 100_000);
    if (!cities.length) continue;
    // "Омский аэропорт будет закрыт": a facility named by its city's adjective is in that city.
    const cued = RU_CUE_BEFORE.test(text.slice(Math.max(0, m.index - 4), m.index))
      || RU_FACILITY.test(text.slice(end, end + 16));
    push({ text: stem.length ? m[0] : `${m[1]!}ск`, start: m.index, end, candidates: cities, cued, subject: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

const RU_LAUNCH_SITE = new RegExp(`космодром\\p{L}*\\s+«?(${LAUNCH_SITES.flatMap(([, , ru]) => ru).join('|')})»?`,
  'gu');
const RU_FACILITY = new RegExp(String.raw`^\s+(?:аэропорт|вокзал|морск\p{L}+ порт|порт|театр|университет|цирк|зоопарк`
  + String.raw`|стадион|метрополитен|кремл)`, 'u');
const RU_CITY_ADJECTIVE = new RegExp(String.raw`(?<![\p{L}-])(\p{Lu}\p{Ll}*[бвгджзклмнпрстфхцчшщ])ск`
  + String.raw`(?:ая|ую|ой|ий|ого|ом|ое|ие|их|ому|им)(?![\p{L}])`, 'gu');
