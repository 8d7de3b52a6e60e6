/**
 * Whether the words around a date put it ahead of the story or behind it: "will visit … on Dec. 3" is ahead,
 * "the plan Abe proposed … in May" is behind. The nearest marker before the date wins, then the nearest after.
 */

export type Tense = 'future' | 'past' | 'neutral';

const FUTURE_WORDS = new Set([
  'will', "'ll", 'shall', 'would', 'upcoming', 'forthcoming', 'scheduled', 'rescheduled', 'slated', 'planned', 'expected',
  'set', 'due', 'planning', 'plans', 'intends', 'intend', 'aims', 'hopes', 'seeks', 'wants', 'going', 'next', 'later',
  'coming', 'ahead', 'tentatively', 'may', 'might', 'could', 'postponed', 'delayed', 'moved', 'pushed', 'deferred',
  'anticipated', 'tipped', 'billed', 'earmarked', 'penciled', 'pencilled', 'await', 'awaits', 'awaiting', 'until', 'till',
]);
// A verb's past form that does not end in -ed.
const IRREGULAR_PAST = new Set([
  'was', 'were', 'had', 'did', 'held', 'met', 'said', 'told', 'made', 'took', 'gave', 'went', 'came', 'saw', 'began',
  'left', 'won', 'lost', 'spoke', 'wrote', 'ran', 'found', 'brought', 'thought', 'became', 'kept', 'sent', 'spent',
  'stood', 'sat', 'fell', 'rose', 'led', 'struck', 'drew', 'grew', 'flew', 'knew', 'threw', 'chose', 'broke', 'ago',
  'yesterday', 'last', 'earlier', 'previously', 'since', 'paid', 'sold', 'bought', 'caught', 'taught', 'fought',
  'sought', 'built', 'felt', 'heard', 'meant', 'dealt', 'sang', 'swore', 'wore', 'tore', 'hid', 'shook', 'woke',
]);
// Verbs whose past is written as their base form.
const SAME_PAST = new Set(['shut', 'cut', 'put', 'hit', 'quit', 'split', 'hurt', 'cost', 'let', 'upset', 'spread']);
// Words ending in -ed that are not past forms.
const NOT_PAST = new Set(['need', 'speed', 'seed', 'feed', 'proceed', 'exceed', 'succeed', 'indeed', 'hundred', 'bed', 'red',
  'shed', 'breed', 'greed', 'creed', 'weed', 'embed', 'sled', 'wed', 'led', 'fed', 'bred', 'sped', 'planned', 'scheduled',
  'expected', 'slated', 'rescheduled', 'postponed', 'delayed', 'moved', 'pushed', 'deferred', 'anticipated', 'tipped',
  'billed', 'earmarked', 'penciled', 'pencilled', 'based', 'related', 'united', 'limited', 'advanced', 'detailed',
  'so-called', 'red', 'talked-about', 'called', 'named', 'titled', 'entitled', 'dubbed']);
// After these a past participle is an adjective ("the disputed islands"); after "to" they are no verb ("to the", "to
// power").
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'this', 'that', 'these',
  'those', 'some', 'any', 'each', 'every', 'no', 'be', 'date', 'power', 'office', 'court']);
// A verb in the present that governs the date ("the Biennale opens … on May 9"): what follows it ("a pavilion curated
// by …") says nothing of when.
const PRESENT_WORDS = new Set(['opens', 'begins', 'starts', 'runs', 'kicks', 'takes', 'arrives', 'visits', 'meets',
  'hosts', 'holds', 'convenes', 'resumes', 'continues', 'ends', 'closes', 'launches', 'heads', 'travels', 'returns']);
const FUNCTION_WORDS = new Set(['in', 'on', 'at', 'to', 'the', 'a', 'an', 'for', 'with', 'by', 'from', 'that', 'this',
  'his', 'her', 'their', 'its', 'last', 'into', 'about', 'over', 'after', 'before', 'during', 'as', 'and', 'or', 'but',
  'it', 'them', 'him', 'us', 'up', 'out', 'off', 'down', 'back', 'here', 'there', 'earlier', 'yesterday', 'ago']);
const WORD = /[\p{L}\d'’-]+/gu;
const MOVES = new Set(['moved', 'pushed', 'shifted']);
const TIME_WORD = new RegExp('^(?:later|earlier|next|new|following|\\d.*|jan.*|feb.*|mar.*|apr.*|may|jun.*|jul.*|aug.*'
  + '|sep.*|oct.*|nov.*|dec.*|mon.*|tue.*|wed.*|thu.*|fri.*|sat.*|sun.*|early|end|start|beginning|mid.*|late)$');

interface Word { text: string; lower: string; index: number }

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: m[0], lower: m[0].toLowerCase().replace(/’/g, "'"), index: m.index }));
}

function markerAt(words: Word[], i: number): Tense | undefined {
  const w = words[i]!;
  // "will be officially inaugurated", "to be formally opened": an adverb between "be" and its participle.
  const adverb = /^\p{Ll}{3,}ly$/u.test(words[i - 1]?.lower ?? '') && words[i - 2]?.lower === 'be';
  const prev = adverb ? 'be' : words[i - 1]?.lower;
  const next = words[i + 1];
  if (w.lower === "'ll" || w.lower.endsWith("'ll")) return 'future';
  if (w.text === 'May' && i > 0) return undefined; // the month, not the modal
  if (FUTURE_WORDS.has(w.lower)) {
    if (w.lower === 'set' && next?.lower !== 'to' && next?.lower !== 'for') return undefined;
    if (w.lower === 'due' && next?.lower !== 'to' && next?.lower !== 'for' && next?.lower !== 'on') return undefined;
    if (w.lower === 'going' && next?.lower !== 'to') return undefined;
    // "moved to the launch pad" is a move in space; "moved to Nov. 28", "moved to next week" one in time.
    const article = words[i + 2]?.lower === 'the' || words[i + 2]?.lower === 'a';
    const then = words[i + (article ? 3 : 2)]?.lower;
    if (MOVES.has(w.lower) && next?.lower === 'to' && then !== undefined && !TIME_WORD.test(then)) return undefined;
    return 'future';
  }
  // "to speak", "to be held": an infinitive after an intention or a plan looks ahead; "to Russia", "to the" do not,
  // nor "to visitors", "to pilgrims": a plural noun (an infinitive's verb ends in -s only as in "discuss", "focus").
  const plural = next && /[^su]s$/.test(next.lower) && !/(?:ss|us|is)$/.test(next.lower);
  if (w.lower === 'to' && next && /^\p{Ll}/u.test(next.text) && !DETERMINERS.has(next.lower) && !/ing$/.test(next.lower)
    && !plural) {
    return 'future';
  }
  // "will be held", "to be held": a participle after "be" looks ahead; "has been held" does not.
  if (prev === 'be' && (IRREGULAR_PAST.has(w.lower) || /ed$/.test(w.lower))) return 'future';
  if (IRREGULAR_PAST.has(w.lower)) {
    // "no earlier than May 20", "not earlier than": a launch window's first day, ahead.
    if (w.lower === 'earlier' && (prev === 'no' || prev === 'not') && next?.lower === 'than') return 'future';
    if (w.lower === 'last' && next && !/^(week|month|year|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|night|time)$/.test(next.lower)) return undefined;
    return 'past';
  }
  // "which shut its gates on March 3", "who quit in May": a verb whose past is its base form, told by a relative pronoun.
  if (SAME_PAST.has(w.lower) && (prev === 'which' || prev === 'who')) return 'past';
  if (PRESENT_WORDS.has(w.lower)) return 'neutral';
  if (/^\p{Ll}[\p{Ll}-]{2,}ed$/u.test(w.text) && !NOT_PAST.has(w.lower)) {
    if (prev === 'be' || prev === 'being') return 'future'; // "to be finalised", "will be unveiled"
    if (next?.lower === 'by') return undefined; // "followed by the summit", "a pavilion curated by …"
    // "the Shenzhou-20 crewed spaceship": between a name and a noun, an -ed word describes the noun.
    const named = words[i - 1] && (/\d/.test(words[i - 1]!.text) || /^\p{Lu}/u.test(words[i - 1]!.text));
    if (named && next && /^\p{Ll}/u.test(next.text) && !FUNCTION_WORDS.has(next.lower)) return undefined;
    if (prev && DETERMINERS.has(prev) && prev !== 'be') return undefined; // "the disputed islands"
    if (w.text.includes('-')) return undefined; // "state-backed", "Japan-claimed"
    return 'past';
  }
  return undefined;
}

const CHOSEN = /\b(?:fixed|set|named|picked|chosen|chose|designated|declared|announced|earmarked|proposed)\s+$/i;

/** The tense the words between `from` and a date give it, read backwards; undefined when they give none. */
export function tenseBefore(sentence: string, start: number, from = 0): Tense | undefined {
  const before = wordsOf(sentence.slice(from, start));
  for (let i = before.length - 1; i >= 0; i--) {
    const t = markerAt(before, i);
    if (t) return t;
  }
  return undefined;
}

/**
 * The tense governing a date written at [start, end) of `sentence` (offsets within the sentence). Only the
 * stretch since the previous date (`from`) is read backwards, so one clause does not lend its tense to the next.
 */
export function tenseAround(sentence: string, start: number, end: number, from = 0): Tense {
  // "has fixed Nov 29 as polling day", "set June 3 as the date": the day chosen is the object of the choosing.
  if (CHOSEN.test(sentence.slice(from, start)) && /^,?\s+as\b/.test(sentence.slice(end))) return 'future';
  const marked = tenseBefore(sentence, start, from);
  if (marked) return marked;
  // "will elect a new Congress on March 8 and choose a successor on May 31": a verb joined by "and" to the clause
  // before shares its tense.
  if (from > 0 && /^\s*,?\s*(?:and|or)\s+\p{Ll}+\b/u.test(sentence.slice(from, start))) {
    return tenseAround(sentence, start, end, 0);
  }
  return tenseAfter(sentence, end);
}

/** The first marker in the words of `sentence` from `end` on, read as if the sentence began there. */
function tenseAfter(sentence: string, end: number): Tense {
  const read = readSentence(sentence);
  const { words } = read;
  // The first word at or after `end`; a word cut by `end` is read apart, as its slice would be.
  let k = words.length;
  for (let lo = 0, hi = words.length; lo < hi;) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.index >= end) { k = hi = mid; } else lo = mid + 1;
  }
  const cut = k > 0 && words[k - 1]!.index + words[k - 1]!.text.length > end;
  if (cut) {
    const after = wordsOf(sentence.slice(end));
    for (let i = 0; i < after.length; i++) {
      const t = markerAt(after, i);
      if (t) return t;
    }
    return 'neutral';
  }
  // The first few words are read in the slice (nothing before them); from there on, a word reads as in the whole
  // sentence.
  const head = words.slice(k, k + 2 * REACH);
  for (let j = 0; j < REACH && j < head.length; j++) {
    const t = markerAt(head, j);
    if (t) return t;
  }
  const at = nextMarker(read, k + REACH);
  return at < words.length ? read.markers[at]! : 'neutral';
}

/** markerAt reads at most this many words before and after its own (and its index only as i > 0). */
const REACH = 4;

/**
 * A sentence's words and, filled as they are asked for, the marker of each word and the next word with one: a
 * sentence of many dates is read once rather than once per date (a list of 1,000 characters read to its end for each
 * of its dates took most of a long text's time).
 */
interface ReadSentence { sentence: string; words: Word[]; markers: Array<Tense | undefined>; next: Int32Array }
let lastRead: ReadSentence | undefined;

function readSentence(sentence: string): ReadSentence {
  if (lastRead?.sentence !== sentence) {
    const words = wordsOf(sentence);
    lastRead = { sentence, words, markers: new Array(words.length), next: new Int32Array(words.length).fill(-1) };
  }
  return lastRead;
}

/** The index of the first word at or after `k` (k >= REACH) with a marker, or the number of words. */
function nextMarker(read: ReadSentence, k: number): number {
  const { words, markers, next } = read;
  let at = k;
  while (at < words.length && next[at]! < 0) {
    const t = markerAt(words, at);
    markers[at] = t;
    if (t) break;
    at++;
  }
  const found = at < words.length && next[at]! >= 0 ? next[at]! : at;
  for (let j = k; j < at && j < words.length; j++) next[j] = found;
  if (found < words.length) next[found] = found;
  return found;
}

const HEDGES = /\b(may|might|could|possibly|perhaps|tentative(?:ly)?|likely|reportedly|considering|mulling|weighing|potential(?:ly)?|unconfirmed|not yet (?:confirmed|decided|fixed|final)|as early as|as soon as|proposed|hopes? to|aims? to|plans? to|planning to|intends? to|(?:is|are) expected to|yet to be (?:confirmed|decided|announced))\b/;

/** True when the words before the date hedge it: "may visit", "could be held", "tentatively set". */
export function isHedged(sentence: string, start: number, from = 0): boolean {
  const stretch = sentence.slice(from, start).replace(/\bMay\b/g, '');
  return HEDGES.test(stretch);
}
