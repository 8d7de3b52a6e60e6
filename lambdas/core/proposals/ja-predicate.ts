/**
 * What governs a date in a Japanese sentence: the words after it up to the verb of saying. The Japanese date rules
 * (dates-ja.ts) and notices (notices.ts) read it; it stands apart so that notices, which every story's reading
 * imports, does not bring the Japanese rules into the proposals function's bundle (they are a file beside it, read
 * on a Japanese story's first proposal: date-reader-files.ts).
 */
// The predicate that governs a date runs from it to "と発表した" (what was said) or the sentence's end.
// "…と決めました", "…ことが20日、分かった": what was decided or learned is told, not done, by that verb.
// "…と改めて発表した": an adverb may stand between "と" and the verb of saying.
const QUOTATIVE = new RegExp('と(?:改めて|あらためて|正式に|新たに|すでに|既に)?'
  + '(?:発表|述べ|明らか|語|話|伝え|報じ|言|強調|説明|示|表明|見通し|決め|決定|確認)'
  + '|ことが(?:[^、。]{0,12}[、，])?(?:分か|明らか|判明)'
  // "…を6月3日に実施することを決めた": what was decided is ahead, whatever the verb of deciding says.
  + '|こと(?:を|に)(?:正式に)?(?:決め|決定|閣議決定|了承|発表|確認|合意)|ことが決ま'
  // "…選挙を行う考えを正式に表明しました": the intention stated is ahead ("意向を表明していた" is read as past).
  + '|(?:考え|意向|方針)を(?:正式に|改めて|あらためて)?(?:表明|示|明らかに|発表)(?!してい)|。|$', 'u');

// QUOTATIVE without its `$`, to list every place in a sentence where one of its words starts.
const QUOTATIVE_WORDS = new RegExp(QUOTATIVE.source.replace(/\|\$$/, ''), 'gu');
// No word of QUOTATIVE, with what its lookahead reads, runs past 34 code units (twelve letters outside the BMP in
// "ことが…分か" included): one starting this far into the 200 read after a date ends inside them, so what lies
// past the 200th character cannot change where it matches.
const SURE_WITHIN = 160;

/** Where QUOTATIVE's words start in `sentence`, in order; the last sentence's, kept (each of its dates asks). */
let starts: { sentence: string; at: number[] } | undefined;
function quotativeStarts(sentence: string): number[] {
  if (starts?.sentence === sentence) return starts.at;
  const at: number[] = [];
  QUOTATIVE_WORDS.lastIndex = 0;
  for (let m = QUOTATIVE_WORDS.exec(sentence); m; m = QUOTATIVE_WORDS.exec(sentence)) {
    at.push(m.index);
    QUOTATIVE_WORDS.lastIndex = m.index + 1;
  }
  starts = { sentence, at };
  return at;
}

/**
 * Where QUOTATIVE first matches `rest` (the 200 characters from `end`): found among the sentence's word starts,
 * which are listed once per sentence rather than read again for each of its dates (a sentence of a thousand
 * characters and hundreds of dates read them hundreds of times); near the 200th character, read as before.
 */
function quotativeIndex(sentence: string, end: number, rest: string): number {
  const at = quotativeStarts(sentence);
  let lo = 0;
  let hi = at.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (at[mid]! < end) lo = mid + 1; else hi = mid; }
  if (lo < at.length && at[lo]! - end <= SURE_WITHIN) return at[lo]! - end;
  const from = Math.min(SURE_WITHIN, rest.length);
  return from + QUOTATIVE.exec(rest.slice(from))!.index;
}

/** The words after a date up to what governs it, without what was said about it. */
export function predicateAfter(sentence: string, end: number): string {
  // A predicate governs a date within a few clauses: reading at most 200 characters keeps a long sentence linear.
  const rest = sentence.slice(end, end + 200);
  let to = quotativeIndex(sentence, end, rest);
  while (to > 0 && /[。、」\s]/u.test(rest[to - 1]!)) to--; // no trailing-class regex: it backtracks on "、、、"
  return rest.slice(0, to);
}
