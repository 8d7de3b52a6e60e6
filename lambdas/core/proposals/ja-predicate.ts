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

/** The words after a date up to what governs it, without what was said about it. */
export function predicateAfter(sentence: string, end: number): string {
  // A predicate governs a date within a few clauses: reading at most 200 characters keeps a long sentence linear.
  const rest = sentence.slice(end, end + 200);
  const cut = QUOTATIVE.exec(rest);
  let to = cut ? cut.index : rest.length;
  while (to > 0 && /[。、」\s]/u.test(rest[to - 1]!)) to--; // no trailing-class regex: it backtracks on "、、、"
  return rest.slice(0, to);
}
