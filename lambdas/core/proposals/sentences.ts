/** Sentences with their offsets in the story, so a date, a place and its quote all point into one text. */

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// Words whose final period does not end a sentence: "Dec. 3", "Mr. Abe", "U.S. officials", "St. Petersburg".
const ABBREVIATIONS = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'capt', 'sgt', 'adm', 'gov', 'sen', 'rep', 'rev', 'pres',
  'st', 'mt', 'ft', 'jr', 'sr', 'co', 'corp', 'inc', 'ltd', 'no', 'nos', 'vs', 'etc', 'approx', 'dept', 'est',
  'e.g', 'i.e', 'a.m', 'p.m',
]);

const CLOSERS = `"'”’)]»`;

/** Splits on . ! ? (and line breaks) unless the period belongs to an abbreviation, an initial or a number. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) out.push({ text: body, start: start + lead, end: start + lead + body.length });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') { push(i); continue; }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (j < text.length && CLOSERS.includes(text[j]!)) j++;
    if (j < text.length && !/\s/.test(text[j]!)) continue; // "3.5", "U.S.-Japan", "example.com"
    let k = j;
    while (k < text.length && text[k] === ' ') k++;
    if (k < text.length && text[k] !== '\n' && !/[\p{Lu}\d"“‘'(«—–-]/u.test(text[k]!)) continue; // next word is lower case
    if (ch === '.' && !endsSentence(text, i, text.slice(k, k + 12))) continue;
    push(j);
  }
  push(text.length);
  return out;
}

function endsSentence(text: string, dot: number, next: string): boolean {
  const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dot - 12), dot))?.[1] ?? '';
  const bare = word.toLowerCase().replace(/^\.+/, '');
  if (/^\p{Lu}$/u.test(word)) return false; // an initial: "John F. Kennedy"
  // "a.m." and "p.m." end a sentence when the next word starts one ("at 3 p.m. The talks…").
  if (bare === 'a.m' || bare === 'p.m') return /^(The|A|An|It|He|She|They|We|I|On|In|At)\b/.test(next);
  if (ABBREVIATIONS.has(bare)) return false;
  if (/^(\p{L}\.)+\p{L}$/u.test(bare)) return !/^\p{Lu}/u.test(next) || /^(The|It|He|She|They|We)\b/.test(next); // "U.S." mid-sentence
  return true;
}
