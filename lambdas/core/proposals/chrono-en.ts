/**
 * chrono's English parser as the engine runs it: `chrono.casual`'s own parsers and refiners, with one refiner
 * handed less text. chrono's end-of-period refiner ("end of next month", "last day of May") matches
 * `/\b(?:last\s+day|end)\s+of\s+(?:the\s+)?$/i` against everything before each date it found: a story with
 * thousands of dates made it read the story thousands of times (300 of 450 ms on "Dec. 3, " repeated to the limit).
 * The words it looks for are at most four ("last day of the"), so it is given the text from the fourth run of
 * non-space characters before each date, and one character before that for its `\b`: the same match, or none.
 */
import * as chrono from 'chrono-node/en';

type Context = { text: string };
type Result = { index: number };
type Refiner = { refine(context: Context, results: Result[]): Result[] };

const SPACE = /\s/;

/** Where the fourth run of non-space characters before `end` starts, less one: at or before any match ending there. */
export function wordsBefore(text: string, end: number, words = 4): number {
  let i = end;
  for (let w = 0; w < words && i > 0; w++) {
    while (i > 0 && SPACE.test(text[i - 1]!)) i--;
    while (i > 0 && !SPACE.test(text[i - 1]!)) i--;
  }
  return Math.max(0, i - 1);
}

/** The refiner `inner`, run on each result with the text from `wordsBefore` its start (offsets moved and back). */
function boundedPrefix(inner: Refiner): Refiner {
  return {
    refine(context, results) {
      for (const result of results) {
        const from = wordsBefore(context.text, result.index);
        const near: Context = Object.create(context, { text: { value: context.text.slice(from) } });
        result.index -= from;
        try { inner.refine(near, [result]); } finally { result.index += from; }
      }
      return results;
    },
  };
}

// The end-of-period refiner is known by its own method (class names do not survive minifying).
const isEndOfPeriod = (r: object) =>
  typeof (r as { moveToEndOfRelativePeriod?: unknown }).moveToEndOfRelativePeriod === 'function';

let bounded: chrono.Chrono | undefined;

function englishChrono(): chrono.Chrono {
  if (bounded) return bounded;
  const { parsers, refiners } = chrono.casual;
  if (refiners.filter(isEndOfPeriod).length !== 1) throw new Error('chrono-node: the end-of-period refiner moved');
  const bound = (r: (typeof refiners)[number]) => boundedPrefix(r as unknown as Refiner) as unknown as typeof r;
  bounded = new chrono.Chrono({ parsers, refiners: refiners.map((r) => (isEndOfPeriod(r) ? bound(r) : r)) });
  return bounded;
}

/** `chrono.parse` (English, casual), linear in the number of dates found. */
export const parseEnglish: typeof chrono.parse = (text, ref, option) => englishChrono().parse(text, ref, option);
