/**
 * parseEnglish (core/proposals/chrono-en.ts) is chrono's English parser with its end-of-period refiner handed a
 * bounded stretch of text: it must give exactly what `chrono.parse` gives (every result's offset, text, components
 * and tags), on the labelled stories, the bench's worst texts, and phrases written to sit on the bound's edge.
 */
import * as chrono from 'chrono-node/en';
import { describe, expect, it } from 'vitest';
import { parseEnglish, wordsBefore } from '#core/proposals/chrono-en.ts';
import { labelledStories } from '../../bench/proposals-score.ts';
import { worstTexts } from '../../bench/proposals-worst.ts';

type Parsed = ReturnType<typeof chrono.parse>[number];
const components = (c: Parsed['start'] | null) => c && {
  known: Object.fromEntries((['year', 'month', 'day', 'weekday', 'hour', 'minute', 'second', 'meridiem'] as const)
    .map((k) => [k, [c.get(k), c.isCertain(k)]])),
  tags: [...c.tags()].sort(),
};
const shape = (rs: Parsed[]) =>
  rs.map((r) => ({ index: r.index, text: r.text, start: components(r.start), end: components(r.end ?? null) }));
const ref = { instant: new Date(Date.UTC(2016, 10, 19, 12)), timezone: 0 };
const same = (text: string) =>
  expect(shape(parseEnglish(text, ref)), text.slice(0, 80)).toEqual(shape(chrono.parse(text, ref)));

describe('parseEnglish', () => {
  it('reads each end-of-period phrase as chrono does, however it is spaced or what stands before it', () => {
    const phrases = [
      'The deal ends at the end of next month.', 'Talks run until the last day of March, officials said.',
      'by the end of this year', 'end of the month', 'at the END OF   THE\tweek',
      'until the last \n day \u00a0of May 2017',
      '(end of June) and (last day of July)', 'trend of the month', 'weekend of March 3', 'the end of-the week',
      'end of', 'of the month', 'last day of the March', 'x end of the last week', 'the legend of next year',
      'end  of  the  end of the month', 'The end of last year and the end of next week and the end of June.',
      'last    day    of    the    month', '-end of next month', 'end\u2003of\u2003next year', 'end ofthe month',
    ];
    for (const p of phrases) same(p);
    // The same phrases run together, so that each result has many words and dates before it.
    same(phrases.join(' '));
  });

  it('reads every labelled English story and each of the bench\'s worst texts as chrono does', () => {
    for (const s of labelledStories().filter((s) => s.language === 'en')) same(s.text);
    for (const text of Object.values(worstTexts(6000))) same(text);
  });

  it('starts the text it hands the refiner one character before the fourth word before a date', () => {
    const text = 'We meet at the end of the month';
    // "the end of the " are the four: the text handed over starts at the space before "the end".
    expect(wordsBefore(text, text.indexOf('month'))).toBe(text.indexOf(' the end'));
    expect(wordsBefore('end of the month', 11)).toBe(0);
    expect(wordsBefore('', 0)).toBe(0);
  });
});
