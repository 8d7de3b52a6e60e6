/**
 * A town a Russian story names that the table of place-names.ts lacks ("в Оренбурге", "в Витебске", "из Гродно"):
 * its nominative is guessed from the case ending, spelled in Latin letters as the gazetteer spells names from
 * Russian (BGN/PCGN: "Оренбург" → "Orenburg", "Екатеринбург" → "Yekaterinburg", "Хабаровск" → "Khabarovsk"), and
 * looked up among the gazetteer's cities and regions, then its towns. Data-driven: every Russian-spelled name of the
 * 27,000 cities and towns is reachable without being written down here.
 */
import { lookupPlace, lookupTown, normalizePlaceName, type GazetteerPlace } from './gazetteer.ts';

const LETTERS: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e',
  ю: 'yu', я: 'ya',
};
const VOWELS = new Set('аеёиоуыэюяьъ');

/**
 * The Latin spellings a Russian name is found under: "е" is "ye" at the start of a word or after a vowel and "e"
 * elsewhere (some data sets write "e" throughout), "х" is "kh" (or "h"), "ё" is "yo" (or "e"), "ий"/"ый" end in "iy",
 * "y" or "i".
 */
export function latinSpellings(russian: string): string[] {
  let spellings = [''];
  const word = russian.toLowerCase();
  const add = (...options: string[]) => {
    const next = new Set<string>();
    for (const s of spellings) for (const o of options) next.add(s + o);
    spellings = [...next].slice(0, 16);
  };
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    const before = word[i - 1];
    if (c === 'е') add(...(before === undefined || VOWELS.has(before) ? ['ye', 'e'] : ['e']));
    else if (c === 'ё') add('yo', 'e');
    else if (c === 'х') add('kh', 'h');
    else if (c === 'й') add(...((before === 'и' || before === 'ы') && i === word.length - 1 ? ['y', ''] : ['y']));
    // "Боливия" is "Bolivia", "Намибия" "Namibia": a name's last "ия" is "ia" as well as "iya".
    else if (c === 'я' && before === 'и' && i === word.length - 1) add('ya', 'a');
    else if (LETTERS[c] !== undefined) add(LETTERS[c]!);
    else if (c === '-' || c === ' ') add(c);
    else return [];
  }
  return spellings;
}

// Case endings a town's name takes after a preposition, and what its nominative ends in instead:
// "Оренбурге" → "Оренбург", "Риге" → "Рига", "Казани" → "Казань", "Твери" → "Тверь", "Ярославлем" → "Ярославль".
// An adjective's ending too, for the second part of "Петропавловске-Камчатском" → "Петропавловск-Камчатский".
const ENDINGS: Array<[string, string[]]> = [
  ['ого', ['ий', 'ый']], ['ому', ['ий', 'ый']], ['ом', ['', 'ий', 'ый']], ['ем', ['', 'ь', 'й']], ['ой', ['а', 'ая']],
  ['ей', ['я', 'ь']], ['ью', ['ь']],
  ['е', ['', 'а', 'я', 'о', 'ь', 'й']], ['у', ['', 'а']], ['ю', ['ь', 'я', 'й']], ['а', ['', 'о']], ['я', ['ь', 'й']],
  ['и', ['ь', 'а', 'я', 'и']], ['ы', ['а']],
];
// "в Охе" → "Оха", "в Уфе" → "Уфа": a stem of two letters is a town's too.
const MIN_STEM = 2;

/**
 * The nominatives a form may stand for, the form itself first ("Гродно", "Сочи" are not declined); each part of a
 * hyphenated name is declined on its own ("Ханты-Мансийске", "Петропавловске-Камчатском").
 */
export function russianNominatives(form: string): string[] {
  const parts = form.split('-');
  if (parts.length === 2 && parts.every((p) => p.length >= 2)) {
    const [a, b] = parts.map(wordNominatives) as [string[], string[]];
    const out: string[] = [];
    for (const x of a) for (const y of b) if (out.length < 24) out.push(`${x}-${y}`);
    return out;
  }
  return wordNominatives(form);
}

function wordNominatives(form: string): string[] {
  const out = [form];
  for (const [ending, nominatives] of ENDINGS) {
    if (!form.endsWith(ending) || form.length - ending.length < MIN_STEM) continue;
    const stem = form.slice(0, -ending.length);
    for (const n of nominatives) if (!out.includes(stem + n)) out.push(stem + n);
  }
  return out;
}

/**
 * What a form was found to name, kept per form: a story names the same few towns again and again, and each reading
 * tries up to 24 nominatives in up to 16 spellings (bounded, so a warm function does not grow). A copy is handed out.
 */
function remembered(
  cache: Map<string, GazetteerPlace[]>, find: (form: string) => GazetteerPlace[],
): (form: string) => GazetteerPlace[] {
  return (form) => {
    let found = cache.get(form);
    if (!found) {
      found = find(form);
      if (cache.size >= 4096) cache.clear();
      cache.set(form, found);
    }
    return [...found];
  };
}

/** The cities, regions or towns a Russian form names, by its Latin spelling; a country only when none does. */
export const placesByTransliteration = remembered(new Map(), findByTransliteration);

function findByTransliteration(form: string): GazetteerPlace[] {
  let best: GazetteerPlace[] = [];
  const size = (list: readonly GazetteerPlace[]) => Math.max(0, ...list.map((p) => p.population));
  for (const [k, nominative] of russianNominatives(form).entries()) {
    for (const latin of latinSpellings(nominative)) {
      const key = normalizePlaceName(latin);
      const known = lookupPlace(key).filter((p) => p.kind !== 'country');
      const town = known.length ? [] : lookupTown(key);
      // "в Боливии": a country the table has no Russian name for, when no city or town has the name.
      const found = known.length ? known : town.length ? town : lookupPlace(key).filter((p) => p.kind === 'country');
      // The form as written, when it is a name ("Гродно"); else the likeliest nominative: the largest place.
      if (found.length && k === 0) return [...found];
      if (found.length && size(found) > size(best)) best = [...found];
    }
  }
  return best;
}

// Russian names of countries end in "-ия" where English ones end in "-ia" ("Боливия" → Bolivia, "Намибия" →
// Namibia): the Latin spellings with that ending too.
const COUNTRY_ENDINGS: Array<[latin: string, english: string]> = [['iya', 'ia'], ['eya', 'ea'], ['ya', 'a']];

/**
 * The country a Russian form names when the table of place-names.ts lacks it ("в Боливии", "в Намибию"), by its
 * Latin spelling with the English ending of country names; nothing for a city or a town.
 */
export const countriesByTransliteration = remembered(new Map(), findCountryByTransliteration);

function findCountryByTransliteration(form: string): GazetteerPlace[] {
  for (const nominative of russianNominatives(form)) {
    for (const latin of latinSpellings(nominative)) {
      const ending = COUNTRY_ENDINGS.find(([l]) => latin.endsWith(l));
      const spellings = ending ? [latin, latin.slice(0, -ending[0].length) + ending[1]] : [latin];
      for (const s of spellings) {
        const found = lookupPlace(normalizePlaceName(s)).filter((p) => p.kind === 'country');
        if (found.length) return [...found];
      }
    }
  }
  return [];
}
