/**
 * A foreign place a Japanese story writes in katakana that the table of place-names.ts lacks ("アーリントンで",
 * "ルクソールで", "シュツットガルトの大会で"): found among the gazetteer's cities, regions and towns by its sound. Both
 * the katakana and the Latin names are reduced to a key of consonant classes (vowels, which katakana adds after
 * every consonant, are dropped; r/l, b/v and the hissing sounds are each one class; a Latin r before a consonant,
 * which katakana writes as a long vowel ("ポート" for "Port"), may be dropped), and the keys are compared. Data-driven
 * like places-translit.ts: every Latin-spelled name of the 27,000 places is reachable without being written down.
 */
import { gazetteer, type GazetteerPlace } from './gazetteer.ts';

// Katakana, two-letter sounds first: "シュ" is one sound, not "シ" and "ュ".
const KANA: Array<[string, string]> = [
  ['ウィ', 'wi'], ['ウェ', 'we'], ['ウォ', 'wo'], ['ヴァ', 'va'], ['ヴィ', 'vi'], ['ヴェ', 've'], ['ヴォ', 'vo'],
  ['ファ', 'fa'], ['フィ', 'fi'], ['フェ', 'fe'], ['フォ', 'fo'], ['ティ', 'ti'], ['ディ', 'di'], ['トゥ', 'tu'],
  ['ドゥ', 'du'], ['チェ', 'che'], ['シェ', 'she'], ['ジェ', 'je'], ['ツァ', 'tsa'], ['ツェ', 'tse'], ['ツォ', 'tso'],
  ['キャ', 'kya'], ['キュ', 'kyu'], ['キョ', 'kyo'], ['ギャ', 'gya'], ['ギュ', 'gyu'], ['ギョ', 'gyo'],
  ['シャ', 'sha'], ['シュ', 'shu'], ['ショ', 'sho'], ['ジャ', 'ja'], ['ジュ', 'ju'], ['ジョ', 'jo'],
  ['チャ', 'cha'], ['チュ', 'chu'], ['チョ', 'cho'], ['ニャ', 'nya'], ['ニュ', 'nyu'], ['ニョ', 'nyo'],
  ['ヒャ', 'hya'], ['ヒュ', 'hyu'], ['ヒョ', 'hyo'], ['ミャ', 'mya'], ['ミュ', 'myu'], ['ミョ', 'myo'],
  ['リャ', 'rya'], ['リュ', 'ryu'], ['リョ', 'ryo'], ['ビャ', 'bya'], ['ビュ', 'byu'], ['ビョ', 'byo'],
  ['ピャ', 'pya'], ['ピュ', 'pyu'], ['ピョ', 'pyo'],
];
const KANA1 = 'アa イi ウu エe オo カka キki クku ケke コko ガga ギgi グgu ゲge ゴgo サsa シshi スsu セse ソso ザza ジji ズzu ゼze'
  + ' ゾzo タta チchi ツtsu テte トto ダda ヂji ヅzu デde ドdo ナna ニni ヌnu ネne ノno ハha ヒhi フfu ヘhe ホho バba ビbi'
  + ' ブbu ベbe ボbo パpa ピpi プpu ペpe ポpo マma ミmi ムmu メme モmo ヤya ユyu ヨyo ラra リri ルru レre ロro ワwa ヲo'
  + ' ンn ヴvu ァa ィi ゥu ェe ォo ャya ュyu ョyo';
const SINGLE = new Map(KANA1.split(' ').map((p) => [p[0]!, p.slice(1)]));
const DOUBLE = new Map(KANA);

/** Katakana in Latin letters ("アーリントン" → "arinton"); undefined for anything else in it. */
export function kanaToLatin(kana: string): string | undefined {
  let out = '';
  for (let i = 0; i < kana.length; i++) {
    const two = DOUBLE.get(kana.slice(i, i + 2));
    if (two) { out += two; i++; continue; }
    const c = kana[i]!;
    if (c === 'ー' || c === 'ッ') continue; // a long vowel, a doubled consonant: no sound of their own in the key
    const one = SINGLE.get(c);
    if (one === undefined) return undefined;
    out += one;
  }
  return out;
}

const VOWEL = new Set('aeiouyw');
const PURE_VOWEL = new Set('aeiou');
// Letters read as one sound, longest first, and the class each stands for (only these letters start one).
const GROUPS: Record<string, Array<[string, string]>> = {
  s: [['shch', 's'], ['sch', 's'], ['sh', 's']], t: [['tsch', 's'], ['ts', 's'], ['tz', 's'], ['th', 't']],
  d: [['dzh', 's'], ['dj', 's']], c: [['ch', 's'], ['ck', 'k']], z: [['zh', 's']], p: [['ph', 'f']], k: [['kh', 'h']],
  g: [['gh', '']], n: [['ng', 'n']],
};
const ONE: Record<string, string> = { j: 's', z: 's', x: 'ks', q: 'k', l: 'r', v: 'b' };

/**
 * The consonant classes of a spelling (lower-case a-z), vowels dropped and repeats joined: "stuttgart" and
 * "shutsuttogaruto" are both "stgrt". With `rhotic` false, an r after a vowel and before a consonant or the end is
 * dropped, as katakana writes it ("port" → "pt"). A plain loop: it is run over every name of the gazetteer once.
 */
function classes(s: string, rhotic = true, vowels = false): string {
  let out = '';
  let last = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (VOWEL.has(c)) {
      const v = c === 'y' ? 'i' : c === 'w' ? 'u' : c;
      if (vowels && v !== last) { out += v; last = v; }
      continue;
    }
    let k: string;
    let skip = 0;
    const groups = GROUPS[c];
    const group = groups ? firstGroup(groups, s, i) : undefined;
    if (group) { k = group[1]; skip = group[0].length - 1; }
    else {
      const next = s[i + 1];
      if (c === 'h' && i > 0 && !VOWEL.has(s[i - 1]!)) continue;
      const coda = next === undefined || (!PURE_VOWEL.has(next) && next !== 'y');
      if (c === 'r' && !rhotic && i > 0 && PURE_VOWEL.has(s[i - 1]!) && coda) continue;
      if (c === 'c') k = next === 'e' || next === 'i' || next === 'y' ? 's' : 'k';
      else if (c === 'm' && (next === 'b' || next === 'p')) k = 'n';
      // What katakana hears unvoiced at the end: "-burg" ブルク, "-ov" オフ, "Kiev" キエフ.
      else if (c === 'g' && next === undefined) k = 'k';
      else if (c === 'v' && (next === undefined || !VOWEL.has(next))) k = 'f';
      else k = ONE[c] ?? c;
    }
    i += skip;
    for (let j = 0; j < k.length; j++) { const x = k[j]!; if (x !== last) { out += x; last = x; } }
  }
  return out;
}

function firstGroup(groups: Array<[string, string]>, s: string, i: number): [string, string] | undefined {
  for (let g = 0; g < groups.length; g++) if (s.startsWith(groups[g]![0], i)) return groups[g];
  return undefined;
}

/**
 * The keys a Latin name is found under: as spelled, with an r before a consonant (or at the end) dropped, and with a
 * last m read as n.
 */
export function latinKeys(name: string): string[] {
  const plain = name.toLowerCase().replace(/[^a-z]/g, '');
  const keys = new Set([classes(plain), classes(plain, false)]);
  // "Belém" is "ベレン": katakana ends a name's m in ン.
  if (plain.endsWith('m')) for (const k of [...keys]) keys.add(`${k.slice(0, -1)}n`);
  return [...keys];
}

/** The key of a katakana name: "ルクソール" → "rksr" (Luxor's), "ポートモレスビー" → "ptmrsb" (Port Moresby's). */
export function kanaKey(kana: string): string | undefined {
  const latin = kanaToLatin(kana);
  return latin === undefined ? undefined : classes(latin);
}

// Keys this short match too many places: a key of two is read only in the country written before the name
// ("豪北部ダーウィン"), one of three in a country the story names, and only a longer one anywhere.
const MIN_KEY = 2;
const MIN_NAMED_KEY = 3;
const MIN_LONE_KEY = 4;
// How far a name's spelling may be from the katakana's sound, per letter (see `distance`).
const MAX_DISTANCE = 0.2;
interface Sound { place: GazetteerPlace; spelling: string }
let soundIndex: Map<string, Sound[]> | undefined;

function buildSoundIndex(): Map<string, Sound[]> {
  const index = new Map<string, Sound[]>();
  const { byName, towns } = gazetteer();
  const add = (name: string, places: readonly GazetteerPlace[]) => {
    if (!/^[a-z ]+$/.test(name)) return;
    const spelling = name.replace(/ /g, '');
    for (const key of latinKeys(spelling)) {
      if (key.length < MIN_KEY) continue;
      const list = index.get(key) ?? [];
      for (const place of places) {
        if (place.kind !== 'country' && !list.some((s) => s.place === place)) list.push({ place, spelling });
      }
      index.set(key, list);
    }
  };
  for (const [name, places] of byName) add(name, places);
  for (const [name, places] of towns) add(name, places);
  return index;
}

/** A spelling with its vowels kept (y as i, w as u), its consonants in their classes: "arinton", "werinton". */
const withVowels = (latin: string) => classes(latin, true, true);

/**
 * How far a katakana's sound is from a Latin spelling: the vowels katakana adds after a
 * consonant ("ト" to, "ス" su) and the r and h it leaves out cost little, a vowel for another half. Per letter of the
 * katakana's sound, so that the places one name may be are compared on one scale.
 */
function distance(kana: string, latin: string): number {
  const a = withVowels(kana);
  const b = withVowels(latin);
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    const x = a[i - 1]!;
    const drop = 'uoi'.includes(x) ? 0.3 : 1;
    for (let j = 1; j <= b.length; j++) {
      const y = b[j - 1]!;
      const add = PURE_VOWEL.has(y) || y === 'r' || y === 'h' ? 0.3 : 1;
      const swap = x === y ? 0 : PURE_VOWEL.has(x) && PURE_VOWEL.has(y) ? 0.5 : 1;
      next.push(Math.min(row[j]! + drop, next[j - 1]! + add, row[j - 1]! + swap));
    }
    row = next;
  }
  return row[b.length]! / Math.max(1, a.length);
}

/**
 * The cities, regions or towns a katakana name may be, by its sound: those whose key it has and whose spelling is
 * near its sound, the nearest (then the most populous) first.
 */
export function placesBySound(kana: string): Array<{ place: GazetteerPlace; keyLength: number }> {
  let found = recent.get(kana);
  if (!found) {
    found = soundOf(kana);
    // A story names its places again and again: the last few hundred answers are kept.
    if (recent.size >= RECENT) recent.clear();
    recent.set(kana, found);
  }
  return found;
}

const RECENT = 256;
const recent = new Map<string, Array<{ place: GazetteerPlace; keyLength: number }>>();

function soundOf(kana: string): Array<{ place: GazetteerPlace; keyLength: number }> {
  const latin = kanaToLatin(kana);
  const key = latin === undefined ? undefined : classes(latin);
  if (!latin || !key || key.length < MIN_KEY) return [];
  soundIndex ??= buildSoundIndex();
  return (soundIndex.get(key) ?? [])
    .map((s) => ({ place: s.place, d: distance(latin, s.spelling) }))
    .filter((s) => s.d <= MAX_DISTANCE)
    .sort((x, y) => x.d - y.d || y.place.population - x.place.population)
    .map((s) => ({ place: s.place, keyLength: key.length }));
}

// A town smaller than this is too often a common word's namesake ("Togitsu" for "タイガース") to be read by sound
// alone, even in a country the story names.
const MIN_NAMED_PLACE = 50_000;
// A place this big is the one a katakana name means even in a story that names no other place in its country.
const MIN_LONE_PLACE = 100_000;

/**
 * The places a katakana name read as a venue may be: those in a country the story names (`countries`), or large
 * enough to be meant anyway (never by a short key); in `only` alone when given ("米フロリダ州ドラル": in the United
 * States).
 */
export function venuesBySound(kana: string, countries: ReadonlySet<string>, only?: string): GazetteerPlace[] {
  return placesBySound(kana).filter(({ place, keyLength }) => (only ? place.iso2 === only
    : (keyLength >= MIN_NAMED_KEY && countries.has(place.iso2) && place.population >= MIN_NAMED_PLACE)
      || (keyLength >= MIN_LONE_KEY && place.population >= MIN_LONE_PLACE))).map((s) => s.place);
}

// Katakana words that are no place even when something happens "in" them.
export const JA_NOT_PLACES = new Set(['ホテル', 'センター', 'スタジアム', 'アリーナ', 'ホール', 'オンライン', 'イベント', 'サミット',
  'フォーラム', 'コンサート', 'パーティー', 'セレモニー', 'キャンプ', 'コース', 'レース', 'リーグ', 'トーナメント', 'マラソン',
  'フェスティバル', 'テレビ', 'ラジオ', 'インターネット', 'ネット', 'メディア', 'チーム', 'クラブ', 'ステージ', 'タワー', 'パーク',
  'ビーチ', 'ツアー', 'インタビュー', 'サイト', 'オフィス', 'キャンパス', 'ターミナル', 'エリア', 'グループ', 'ラウンド', 'ゲーム',
  'シリーズ', 'プログラム', 'プロジェクト', 'システム', 'ワークショップ', 'シンポジウム', 'セミナー', 'カンファレンス', 'パレード',
  // sports, things and bodies that sound like some town ("テニス" Tennessee, "ラグビー" Rugby, "コロナ" Corona)
  'テニス', 'ラグビー', 'サッカー', 'ゴルフ', 'ボクシング', 'レスリング', 'カーリング', 'バレーボール', 'バスケットボール', 'スケート',
  'コロナ', 'ミサイル', 'ドローン', 'ロケット', 'キャンペーン', 'ストライキ', 'デモ', 'ライブ', 'パビリオン', 'クレムリン', 'ペンタゴン']);
