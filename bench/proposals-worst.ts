/**
 * `npm run bench:proposals-worst`: the slowest texts we know for the proposals engine, each as long as the
 * schema allows (MAX_STORY_CHARS), and the time each takes per 1,000 words (target: at most 50 ms). A word is a
 * run of non-space characters; a text with fewer than one space in six characters (one long number) counts a
 * word per six characters, an ordinary English word with its space. Median of 3 runs per text, after a warm-up.
 * Time is this process's CPU time (user + system), which on an idle machine is the wall time of this
 * single-threaded work, and which other work sharing the cores does not inflate; the wall time is kept beside it.
 * Figures in bench/results.json under `proposals`.
 */
import { fileURLToPath } from 'node:url';
import { MAX_STORY_CHARS, proposeEvents } from '../lambdas/core/proposals/propose.ts';
import { LIMA } from './proposals.ts';
import { machineInfo, median, progress, round } from './lib.ts';
import { mergeResults } from './report.ts';

/** Repeats `unit(i)` until the text reaches `max` characters. */
function upTo(max: number, unit: (i: number) => string): string {
  let text = '';
  for (let i = 0; ; i++) {
    const next = unit(i);
    if (text.length + next.length > max) return text;
    text += next;
  }
}

const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CITIES = ['Tokyo', 'Moscow', 'Lima', 'Paris', 'New York', 'Yamaguchi', 'Sydney', 'Berlin'];

/** Each one stresses a step that once read the whole sentence, or every date found so far, once per date. */
export function worstTexts(max = MAX_STORY_CHARS): Record<string, string> {
  return {
    'the same date repeated': upTo(max, () => 'Dec. 3, '),
    'distinct dates in one sentence': upTo(max, (i) => `${MONTHS[i % 12]} ${1 + (i % 28)}, ${2017 + (i % 40)}, `),
    'dates with places in one sentence': upTo(max, (i) => `in ${CITIES[i % CITIES.length]} on Dec. ${1 + (i % 28)}, `),
    'weekdays and times': upTo(max, (i) => `${WEEKDAYS[i % 7]} at ${1 + (i % 12)} p.m. and `),
    'ranges and anchors': upTo(max, (i) => `from Dec. ${1 + (i % 20)} to Dec. ${5 + (i % 20)}, a day beforehand, `),
    'vague periods': upTo(max, (i) => `early ${2017 + (i % 300)}, next month, possibly in January or February, `),
    'nested brackets': `${'('.repeat(max / 4)}Dec. 3${')'.repeat(max / 4)}`.slice(0, max),
    'nested brackets and dates': upTo(max, (i) => (i % 2 ? '(Dec. 3 ' : ') ')),
    'one long number': '1234567890'.repeat(max / 10).slice(0, max),
    'long numbers with commas': upTo(max, (i) => `${i}${'0'.repeat(20)},000,000, `),
    'numbers and years': upTo(max, (i) => `${1900 + (i % 200)} `),
    'sentences of the same date': upTo(max, () => 'The summit will be held on Dec. 3. '),
    'a real story repeated': upTo(max, (i) => LIMA.text.slice((i * 97) % 500) + ' '),
    // Japanese has no spaces (a word per six characters) and its own rules, places and tense; Russian its own too.
    'Japanese dates and places in one sentence':
      upTo(max, (i) => `${1 + (i % 12)}月${1 + (i % 28)}日に東京で、翌${2 + (i % 27)}日、`),
    // One clause with no joint and no space: each date once cut it by reading the whole clause (review10).
    'Japanese spans in one clause': upTo(max, () => '来年の来月の1月2日～'),
    'Russian dates and places in one sentence':
      upTo(max, (i) => `${1 + (i % 28)} декабря в Москве, в середине января, `),
    // Towns read in the prefecture or region written with them, and country words before a place.
    'Japanese towns in prefectures': upTo(max, (i) => `${1 + (i % 28)}日に山口県長門市で、米フロリダ州で、白馬村で、`),
    'Russian towns in regions': upTo(max, (i) => `${1 + (i % 28)} декабря посетит Ванино в Хабаровском крае, `
      + 'в японском городе Нагато, в Якутии, '),
    // Names no table holds, each tried in its Latin spellings and case endings; towns and seats of GeoNames.
    'Russian unknown towns and villages': upTo(max, (i) => `${1 + (i % 28)} декабря в Ньюрбегеловске, в селе Эссо, `
      + 'в районе Барнаула, в Госдуме, накануне старта, '),
    'Towns and days counted from events': upTo(max, (i) => `in Gatineau on Dec. ${1 + (i % 28)}, the following day in `
      + 'Kolding, three days before the vote, on the second day, the same day in Hillsborough, '),
    // Sixth pass: times joined across sentences, ends given apart, capitals without a Japanese name, past editions.
    'Times, ends and past editions': upTo(max, (i) => `The fair opens on Dec. ${1 + (i % 28)}, officials said Monday. `
      + 'It will begin at 8 a.m. Stalls stay until Dec. 30. The 2015 fair was won by Oslo. '
      + 'ケニア政府は首都ワイガニの広場で前回大会は2019年以来、午前10時から。'),
    // Seventh pass: katakana names looked up by their sound, hyphenated Russian names declined part by part,
    // absences with no day, "the same region" pointing back over the events placed.
    'Katakana places by sound': upTo(max, (i) => `${1 + (i % 28)}日にアーリントンで、ルクソールの神殿で、`
      + 'オーストラリア北部ダーウィンで、ヌサンタラで、米西部ヘンダーソンで、'),
    'Russian hyphenated towns and absences': upTo(max, (i) => `${1 + (i % 28)} декабря в Петропавловске-Камчатском, `
      + 'под Оренбургом, в Охе. Министр участвовать не будет. Игры пройдут в том же городе 5 мая. '),
  };
}

const wordsIn = (text: string) => Math.max(text.split(/\s+/).filter(Boolean).length, Math.ceil(text.length / 6));

export interface WorstCase { name: string; chars: number; words: number; ms: number; wallMs: number; msPer1000Words: number }

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

export function benchWorstProposals(runs = 3, maxChars = MAX_STORY_CHARS): { worstMsPer1000Words: number; worstCase: string; cases: WorstCase[] } {
  const request = (text: string) => ({ text, publishedOn: '2016-11-19', publisher: 'Kyodo News', dateline: 'Lima' });
  proposeEvents(LIMA);
  const cases: WorstCase[] = [];
  for (const [name, text] of Object.entries(worstTexts(maxChars))) {
    const ms: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c0 = cpuMs();
      const t0 = performance.now();
      proposeEvents(request(text));
      wall.push(performance.now() - t0);
      ms.push(cpuMs() - c0);
    }
    const words = wordsIn(text);
    const c = { name, chars: text.length, words, ms: round(median(ms), 1), wallMs: round(median(wall), 1), msPer1000Words: round(median(ms) / (words / 1000), 1) };
    progress(`proposals: ${name}: ${c.chars} chars, ${c.words} words, ${c.ms} ms CPU (${c.wallMs} ms wall) = ${c.msPer1000Words} ms per 1,000 words`);
    cases.push(c);
  }
  const worst = cases.reduce((a, b) => (b.msPer1000Words > a.msPer1000Words ? b : a));
  return { worstMsPer1000Words: worst.msPer1000Words, worstCase: worst.name, cases };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const machine = machineInfo();
  progress(`machine: ${machine.cpuModel}, ${machine.cores} cores, load ${machine.loadAverageAtStart}`);
  // BENCH_PROPOSALS_CHARS shortens the texts (to time code that takes minutes at the full limit).
  const maxChars = Number(process.env.BENCH_PROPOSALS_CHARS) > 0 ? Number(process.env.BENCH_PROPOSALS_CHARS) : MAX_STORY_CHARS;
  const result = benchWorstProposals(Number(process.env.BENCH_PROPOSALS_RUNS) > 0 ? Number(process.env.BENCH_PROPOSALS_RUNS) : 3, maxChars);
  mergeResults(fileURLToPath(new URL('./results.json', import.meta.url)), {
    proposals: {
      worstMsPer1000Words: result.worstMsPer1000Words, worstCase: result.worstCase, textChars: maxChars, textLimitChars: MAX_STORY_CHARS,
      measuredAt: machine.date, machine: { cpuModel: machine.cpuModel, cores: machine.cores, loadAverageAtStart: machine.loadAverageAtStart },
      cases: result.cases,
    },
  });
  process.stdout.write(`proposals at ${maxChars} characters (limit ${MAX_STORY_CHARS}): worst ${result.worstMsPer1000Words} ms per 1,000 words `
    + `(${result.worstCase}); target <= 50 ms\n`);
}
