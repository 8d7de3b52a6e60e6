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
    // Japanese full stops end a sentence with no space after them; a closing 」 stays with it.
    if (ch === '。' || ch === '！' || ch === '？') {
      let j = i + 1;
      while (text[j] === '」' || text[j] === '）') j++;
      push(j);
      i = j - 1;
      continue;
    }
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

/**
 * News sentences run to a few hundred characters; a "sentence" of thousands (a list of dates, a pasted table)
 * is cut into pieces of at most `max`, at the last comma or semicolon that is no part of a number, else at a
 * space. Every step that reads a date's sentence then costs at most `max`, so a story takes linear time.
 */
export function boundedSentences(sentences: readonly Sentence[], max: number): Sentence[] {
  const out: Sentence[] = [];
  for (const s of sentences) {
    let { text, start } = s;
    while (text.length > max) {
      const cut = cutPoint(text, max);
      const head = text.slice(0, cut).trimEnd();
      if (head) out.push({ text: head, start, end: start + head.length });
      const rest = text.slice(cut);
      const lead = rest.length - rest.trimStart().length;
      start += cut + lead;
      text = rest.trimStart();
    }
    if (text) out.push({ text, start, end: start + text.length });
  }
  return out;
}

function cutPoint(text: string, max: number): number {
  for (let i = max - 1; i > max / 2; i--) {
    // "Dec. 3, 2016" and "1,000" keep their comma.
    if ((text[i] === ',' || text[i] === ';') && !(/\d/.test(text[i - 1] ?? '') && /^\s?\d/.test(text.slice(i + 1, i + 3)))) return i + 1;
  }
  const space = text.lastIndexOf(' ', max);
  return space > max / 2 ? space + 1 : max;
}
