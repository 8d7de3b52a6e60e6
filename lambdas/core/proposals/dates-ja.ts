/**
 * Dates in Japanese news: "12月15日", "15、16両日", "12月3日から3日間", "来月中旬", "年内", "あす", all read by
 * the rules here (chrono's `ja` parser reads only the plain month-and-day, which they cover). Full-width digits are
 * read as ASCII by the caller (same length, so offsets hold).
 */
import { addDays, addMonths, daysInMonth, partsOf, ymd } from './calendar.ts';
import {
  day,
  monthDay,
  monthInYear,
  periodOf,
  lastPeriod,
  endOf,
  range,
  yearPart,
  type Candidate,
  type DateReader,
  type Part,
  type Rule,
  type When,
} from './dates.ts';
import { predicateAfter } from './ja-predicate.ts';
import type { Tense } from './tense.ts';

// Where it was first written (notices.ts reads it too, for Japanese only, without the rules here).
export { predicateAfter };

const KANJI_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
/** "3", "三", "十二" as a number. */
function count(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  if (word.length === 1) return KANJI_DIGITS[word] ?? 0;
  const [a, b] = [...word];
  return a === '十'
    ? 10 + (KANJI_DIGITS[b!] ?? 0)
    : (KANJI_DIGITS[a!] ?? 0) * 10 + (b === '十' ? 0 : (KANJI_DIGITS[b!] ?? 0));
}

const WEEKDAY = String.raw`(?:[（(][月火水木金土日][)）])?`;
// A time of day a span's first or last day may carry ("13日夜から", "14日の朝にかけて").
const DAYTIME = '朝|昼|夜|未明|夕方|夕|深夜|明け方|午前中|午後|日中';
const N = String.raw`(\d{1,2}|[一二三四五六七八九十]{1,2})`;

/** Day `d` of the month the reader is in, or of the next when it has passed: "15日" read on the 19th is next month's. */
function dayOfMonth(d: number) {
  return (direction: 'forward' | 'backward', reference: string): string | undefined => {
    const { year, month, day: today } = partsOf(reference);
    if (direction === 'forward') {
      if (d >= today && d <= daysInMonth(year, month)) return ymd(year, month, d);
      const [ny, nm] = month === 12 ? [year + 1, 1] : [year, month + 1];
      return d <= daysInMonth(ny, nm) ? ymd(ny, nm, d) : undefined;
    }
    if (d <= today) return ymd(year, month, d);
    const [py, pm] = month === 1 ? [year - 1, 12] : [year, month - 1];
    return d <= daysInMonth(py, pm) ? ymd(py, pm, d) : undefined;
  };
}

/** The span from `from` to day `d` of month `m` of year `y`, when that day exists and is after it. */
function validEnd(from: string, y: number, m: number, d: number): When | undefined {
  if (d < 1 || d > daysInMonth(y, m)) return undefined;
  const to = ymd(y, m, d);
  return to > from ? range(from, to) : undefined;
}

const at = (
  m: RegExpExecArray,
  basis: Candidate['basis'],
  vague: boolean,
  resolve: Candidate['resolve'],
): Candidate => ({ start: m.index, end: m.index + m[0].length, basis, vague, resolve });

const PARTS: Record<string, Part> = {
  上旬: 'early',
  初旬: 'early',
  初め: 'early',
  はじめ: 'early',
  前半: 'early',
  中旬: 'mid',
  半ば: 'mid',
  下旬: 'late',
  後半: 'late',
  末: 'end',
};
const partOf = (word: string | undefined): Part => (word ? (PARTS[word] ?? 'whole') : 'whole');

// Ordered: a later rule never takes text an earlier rule matched.
export const JA_RULES: Rule[] = [
  // No event's date: a fiscal year ("来年度", "2026年度") is a budget's or a plan's period; "年内最後の" ranks a thing
  // within its year; "例年", "毎年" say what is habitual; "年間7機" is a rate. Their text is claimed so that no
  // other rule reads "来年" or "年内" out of them.
  {
    re: /(?:来年度|今年度|昨年度|前年度|\d{4}年度|年内(?=最後|初|最大|最多|最高|最低)|例年|毎年|年間)/gu,
    make: (m) => at(m, 'period', true, () => undefined),
  },
  // "2026年の経済成長率目標を公表する": the year a figure is for; "今年は5カ年計画の初年度に当たり": what a year is.
  {
    re: new RegExp('(?:\\d{4}年|今年|来年)の(?=[^、。]{0,8}?(?:目標|予算|成長率|見通し|実績|統計|決算|業績|売上|税制|人口))'
      + '|(?:今年|来年)は(?=[^、。]{0,30}?(?:に当たり|に当たる|にあたり|にあたる|の節目))', 'gu'),
    make: (m) => at(m, 'period', true, () => undefined),
  },
  // "現地時間14日午後7時（日本時間15日午前8時）": the same moment on Japan's clock, given beside the local one, is no
  // second event.
  {
    re: /[（(](?:日本時間|日本時刻)[^（()）。]{1,24}[）)]/gu,
    make: (m) => at(m, 'period', true, () => undefined),
  },
  // "来月19日", "今月27日", "先月5日": the month of the day after it, which is then read in that month (and so are
  // the days written alone after it, "20日に東京で", as Japanese reads them).
  {
    // ("20日から来月8日まで" is one span, read below.)
    re: /(?<!\d日(?:から|～|〜))(再来月|来月|今月|先月)の?(?=\d{1,2}日)/gu,
    make(m) {
      const shift = { 再来月: 2, 来月: 1, 今月: 0, 先月: -1 }[m[1] as '来月'];
      const monthOf = (reference: string) => {
        const { year, month } = partsOf(reference);
        const [y, mo] = addMonths(year, month, shift);
        return `${y}-${String(mo).padStart(2, '0')}`;
      };
      return { ...at(m, 'explicit', false, () => undefined), monthOf };
    },
  },
  // "石破茂首相は開幕日に基調演説を行う", "最終日に": a day of the span dated before it
  {
    re: /(開幕日|開会日|初日|最終日|閉幕日|閉会日)(?=に|の[^\d０-９]|、)/gu,
    make(m) {
      const end = /最終|閉/u.test(m[1]!);
      const anchor = { offset: 0, side: 'preceding' as const, within: end ? ('end' as const) : ('start' as const) };
      return { ...at(m, 'anchored', false, () => undefined), anchor };
    },
  },
  // "前日の23日", "翌16日": a day counted from the date before it
  {
    re: /(前日|翌日|翌)の?(\d{1,2})日/gu,
    make(m) {
      const back = m[1] === '前日';
      const anchor = { offset: back ? -1 : 1, side: 'preceding' as const, day: Number(m[2]) };
      return { ...at(m, 'anchored', false, () => undefined), anchor };
    },
  },
  // "12月3日から3日間", "3日から2日間": a start and a number of days
  {
    re: new RegExp(String.raw`(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日${WEEKDAY}から${N}日間`, 'gu'),
    make(m) {
      const [, y, mo, d, n] = m;
      const first = mo ? monthDay(Number(mo), Number(d), y ? Number(y) : undefined) : dayOfMonth(Number(d));
      const days = count(n!);
      return { ...at(m, 'explicit', false, (dir, ref) => {
        const from = first(dir, ref);
        return from ? range(from, addDays(from, days - 1)) : undefined;
      }), bareDay: !mo };
    },
  },
  // "11月9日に初日を迎え、23日の千秋楽まで", "7月10日に開幕し、同月25日まで": an opening day, then the closing day the
  // clause runs until
  {
    re: new RegExp(
      String.raw`(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日${WEEKDAY}に?[^。]{0,40}?(?:初日|開幕|開会|開始|始ま)` +
        String.raw`[^。]{0,12}?、(?:同月|(\d{1,2})月)?(\d{1,2})日${WEEKDAY}(?:の[^。、]{0,8}?)?まで`,
      'gu',
    ),
    needs: /まで/u,
    make(m) {
      const [, y, mo1, d1, mo2, d2] = m;
      const first = mo1 ? monthDay(Number(mo1), Number(d1), y ? Number(y) : undefined) : dayOfMonth(Number(d1));
      const candidate = at(m, 'explicit', false, (dir, ref) => {
        const from = first(dir, ref);
        if (!from) return undefined;
        const { year, month } = partsOf(from);
        const toMonth = mo2 ? Number(mo2) : month;
        const to = ymd(toMonth < month ? year + 1 : year, toMonth, Number(d2));
        return to >= from ? range(from, to) : undefined;
      });
      return { ...candidate, label: `${mo1 ? `${mo1}月` : ''}${d1}日～${mo2 ? `${mo2}月` : ''}${d2}日`, bareDay: !mo1 };
    },
  },
  // "12月15、16両日", "12月3日から5日まで", "12月30日～1月2日", "15～16日"; "13日夜から14日にかけて", "12日から13日の
  // 朝にかけて": a time of day on either day keeps the span
  {
    re: new RegExp(
      String.raw`(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日?${WEEKDAY}(?:${DAYTIME})?(から|～|〜|－|-|・|、|と)` +
        String.raw`(?:(来年|翌年|来月|翌月)の?(?=\d))?(?:(\d{1,2})月)?(\d{1,2})` +
        // ("8～10日後": a length counted from an event, no days of the month.)
        String.raw`(?:日${WEEKDAY}(?:の?(?:${DAYTIME}))?(?:まで|間|にかけて)?(?![後前目])|の?両日)`,
      'gu',
    ),
    make(m) {
      const [whole, y, mo1, d1, joiner, later, mo2, d2] = m;
      if (!/日|両日/.test(whole!)) return undefined;
      // "今月26日から来年1月4日まで", "20日から来月8日まで": the end's year or month named after the joiner.
      const nextYear = later === '来年' || later === '翌年';
      if (later && (joiner !== 'から' || (nextYear ? !mo2 : mo2))) return undefined;
      // "15、16両日", "18、19日" are one span; "10日、10月31日…" is the day something was said, then another date.
      const dayAfterFirst = /^\d{1,2}日/u.test(whole!.slice(whole!.indexOf(d1!, mo1 ? whole!.indexOf('月') : 0)));
      if ((joiner === '、' || joiner === '・') && (mo2 || dayAfterFirst)) return undefined;
      // "18日と19日": two days that follow each other are one span.
      if (joiner === 'と' && (mo2 || Number(d2) !== Number(d1) + 1)) return undefined;
      const first = mo1 ? monthDay(Number(mo1), Number(d1), y ? Number(y) : undefined) : dayOfMonth(Number(d1));
      return { ...at(m, 'explicit', false, (dir, ref) => {
        const from = first(dir, ref);
        if (!from) return undefined;
        const { year, month } = partsOf(from);
        if (later && !nextYear) {
          const [ny, nm] = addMonths(year, month, 1);
          return validEnd(from, ny, nm, Number(d2));
        }
        const toMonth = mo2 ? Number(mo2) : month;
        return range(from, ymd(toMonth < month || nextYear ? year + 1 : year, toMonth, Number(d2)));
      }), bareDay: !mo1 };
    },
  },
  // "17日午前10時51分", "12月3日午後3時半": a day with its time of day
  {
    re: new RegExp(String.raw`(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日${WEEKDAY}の?(午前|午後)?(\d{1,2})時(?:(\d{1,2})分|(半))?`,
      'gu'),
    make(m) {
      const [, y, mo, d, half, h, min, thirty] = m;
      const hour = Number(h) + (half === '午後' && Number(h) < 12 ? 12 : 0)
        - (half === '午前' && Number(h) === 12 ? 12 : 0);
      if (hour > 23 || Number(min ?? 0) > 59) return undefined;
      const time = `${String(hour).padStart(2, '0')}:${thirty ? '30' : String(Number(min ?? 0)).padStart(2, '0')}`;
      const first = mo ? monthDay(Number(mo), Number(d), y ? Number(y) : undefined) : dayOfMonth(Number(d));
      return { ...at(m, 'explicit', false, (dir, ref) => {
        const date = first(dir, ref);
        return date ? { kind: 'time', date, time } : undefined;
      }), bareDay: !mo };
    },
  },
  // "現地時間午前10時から", "午後1時半に": a time of day alone, which joins the day its sentence gives.
  {
    re: /(午前|午後)(\d{1,2})時(?:(\d{1,2})分|(半))?/gu,
    make(m) {
      const [, half, h, min, thirty] = m;
      const hour = Number(h) + (half === '午後' && Number(h) < 12 ? 12 : 0)
        - (half === '午前' && Number(h) === 12 ? 12 : 0);
      if (hour > 23 || Number(min ?? 0) > 59) return undefined;
      const time = `${String(hour).padStart(2, '0')}:${thirty ? '30' : String(Number(min ?? 0)).padStart(2, '0')}`;
      return { ...at(m, 'explicit', false, () => undefined), timeOnly: time };
    },
  },
  // "2017年1月15日", "12月15日"
  {
    re: new RegExp(String.raw`(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日${WEEKDAY}`, 'gu'),
    make(m) {
      const [, y, mo, d] = m;
      const first = monthDay(Number(mo), Number(d), y ? Number(y) : undefined);
      return at(m, 'explicit', false, (dir, ref) => day(first(dir, ref)));
    },
  },
  // "2017年1月中旬", "12月下旬", "1月に"; "今年5月", "昨年12月": the year named, whichever side of today it falls;
  // "両陛下は6月、英国を訪問される": a month alone before a comma; "2022年11月以来": the last time
  {
    re: new RegExp(String.raw`(?:(\d{4})年|(来年|今年|昨年|去年))?(\d{1,2})月(上旬|初旬|初め|はじめ|前半|中旬|半ば|下旬|後半|末|中`
      + String.raw`|ごろ|頃|に|の|(?<=年\d{1,2}月)(?=[、だで]|以来)|(?<![\d年])(?=、))`, 'gu'),
    make(m, reference) {
      const [, y, which, mo, part] = m;
      const shift = which === '来年' ? 1 : which === '今年' ? 0 : which ? -1 : undefined;
      const year = y ? Number(y) : shift !== undefined ? partsOf(reference).year + shift : undefined;
      return at(m, 'period', true, monthInYear(Number(mo), partOf(part), year));
    },
  },
  // "今秋", "来春", "2017年春", "来年春", "今年の夏": before "来年" alone takes the year
  {
    re: /(今年|来年|今|来|(\d{4})年)の?(春|夏|秋|冬)/gu,
    make(m, reference) {
      const [, which, y, season] = m;
      const { year: y0 } = partsOf(reference);
      const year = y ? Number(y) : which!.startsWith('来') ? y0 + 1 : y0;
      const first = { 春: 3, 夏: 6, 秋: 9, 冬: 12 }[season as '春'] ?? 3;
      const to =
        first === 12 ? ymd(year + 1, 2, daysInMonth(year + 1, 2)) : ymd(year, first + 2, daysInMonth(year, first + 2));
      const when = range(ymd(year, first, 1), to);
      return at(m, 'period', true, () => when);
    },
  },
  // "来月中旬", "今月下旬", "来週前半", "来年初め", "今年末"
  {
    re: /(再来月|来月|今月|再来週|来週|今週|来年|今年)(上旬|初旬|初め|はじめ|前半|中旬|半ば|下旬|後半|末)?/gu,
    make(m, reference) {
      const [, which, part] = m;
      // "今週土曜日の25日": the week only leads to the day given after it, which is the date.
      if (!part && /^(?:[月火水木金土日]曜日?|の)?の?\d{1,2}日/u.test(m.input.slice(m.index + m[0].length))) return undefined;
      const unit = which!.endsWith('月') ? 'month' : which!.endsWith('週') ? 'week' : 'year';
      const next = which!.startsWith('来') || which!.startsWith('再');
      const base = which!.startsWith('再') ? addDays(reference, unit === 'week' ? 7 : 31) : reference;
      const period = periodOf(unit, next, partOf(part), base);
      // "来月上旬までに": from now until that part ends.
      const by = /^まで/u.test(m.input.slice(m.index + m[0].length));
      const when = by && period ? range(reference, endOf(period)) : period;
      return at(m, 'period', true, () => when);
    },
  },
  // "昨年の大会", "去年の紅白", "先月", "先週": the period before this one, a past mention's
  {
    re: /(昨年|去年|先月|先週)(?!度|\d)/gu,
    make(m, reference) {
      const when = lastPeriod(m[1]!.endsWith('月') ? 'month' : m[1]!.endsWith('週') ? 'week' : 'year', reference);
      return at(m, 'period', true, () => when);
    },
  },
  // "独立宮殿でも同じ日に…式典が行われる": another event on the day dated before it
  {
    re: /(?:同じ日|同日)(?=に)/gu,
    make: (m) => ({ ...at(m, 'anchored', false, () => undefined), anchor: { offset: 0, side: 'preceding' } }),
  },
  // "同じ週に", "同日": the period of a date before, which this sentence dates again (no new day of its own).
  {
    re: /(同じ週|同週|同じ日|同月|同日)/gu,
    make: (m) => at(m, 'period', true, () => undefined),
  },
  // "年内", "月内", "週内": before the period ends
  {
    re: /(年内|月内|週内|今週中|今月中)/gu,
    make(m, reference) {
      const unit = m[1]!.startsWith('年') ? 'year' : m[1]!.includes('週') ? 'week' : 'month';
      const when = periodOf(unit, false, 'by', reference);
      return at(m, 'period', true, () => when);
    },
  },
  // "2018年に", "2018年中": a year
  {
    re: /(\d{4})年(?:中|内|に|の)/gu,
    make(m, reference) {
      const when = yearPart(Number(m[1]), 'whole', reference);
      return at(m, 'period', true, () => when);
    },
  },
  // "あす", "明日", "あさって", "今夜"
  {
    // "あす12日から13日にかけて": the day written after it dates the mention, which is not read twice.
    re: /(明後日|あさって|明日|あす|今夜|今晩|今日|きょう)(?![（(]?\d{1,2}日)/gu,
    make(m, reference) {
      const n = /明後日|あさって/.test(m[1]!) ? 2 : /明日|あす/.test(m[1]!) ? 1 : 0;
      const when: When = { kind: 'day', date: addDays(reference, n) };
      return at(m, 'relative', false, () => when);
    },
  },
  // "15日に", "3日（土）": a day of the month alone
  {
    re: new RegExp(String.raw`(?<![\d年])(?<!\d月)(\d{1,2})日${WEEKDAY}(?![間目本前後付])`, 'gu'),
    make(m) {
      const d = Number(m[1]);
      if (d < 1 || d > 31) return undefined;
      const resolve = dayOfMonth(d);
      return { ...at(m, 'explicit', false, (dir, ref) => day(resolve(dir, ref))), bareDay: true };
    },
  },
];

// Words that make a predicate a plan, whatever its ending.
const PLANNED = /予定|方針|見通し|計画|意向|見込み|調整|検討|目指|へ$/u;

// Whether a sentence ends in the past, asked of each day before a comma in it: answered once per sentence (a
// sentence of thousands of such days is read once, not once per day).
let lastSentence = '';
let lastEnding: Tense = 'future';
function endsInPast(sentence: string): Tense {
  if (sentence !== lastSentence) {
    lastSentence = sentence;
    lastEnding = /(?:た|だった|ました|でした)[。」\s]*$/u.test(sentence) ? 'past' : 'future';
  }
  return lastEnding;
}

// A past verb before a noun, unless its object comes just before it ("を集めた国際会議"); but "を受けた後" is past.
const PAST_BEFORE_NOUN = new RegExp('(?:た|だった)(?=後|際|直後|以降|以来|結果|ことを受け|ことで|ことから|ことにより|ことに伴)'
  + '|(?<!を[^、。をがはでに]{0,3})(?:た|だった)(?=[一-龯ァ-ヶ])|たばかり', 'u');

const DECIDING_MEETING = /^の[^、。]{0,10}?(?:閣議|会議|会見|委員会|会合|総会|理事会|党大会|役員会)で/u;
const JA_AHEAD_RELATIVE = /^(?:に|から|の日程で|で)(?:開かれる|行われる|開催される|実施される|始まる|開幕する|予定される)(?=[一-龯ァ-ヶ「『])/u;

/** "訪問する" ahead, "訪問した" behind: the predicate's ending says which, unless a plan is named. */
function tense(sentence: string, start: number, end: number): Tense {
  // "大統領府は19日、…と発表した": a day before a comma is the day of the sentence's own verb ("8月下旬、" is not).
  // "首相は1日夜、記者会見で…" too.
  if (/^(?:夜|朝|午前|午後|夕方?|未明)?[、，]/u.test(sentence.slice(end)) && /日$/u.test(sentence.slice(start, end))) {
    return endsInPast(sentence);
  }
  // "韓国政府は8日の閣議で…決めた": the day of the meeting that decided, told as the sentence's own verb is.
  if (/日$/u.test(sentence.slice(start, end)) && DECIDING_MEETING.test(sentence.slice(end, end + 20))) {
    return endsInPast(sentence);
  }
  // "2021年10月以来となります", "2022年11月以来、3年ぶり": the last time, which has been.
  if (/^(?:の)?(?:以来|ぶり)/u.test(sentence.slice(end, end + 3))) return 'past';
  const predicate = predicateAfter(sentence, end);
  // "3月にリスボンで開かれた首脳会議": a past verb before a noun tells of what has been, whatever the sentence goes on to.
  const comma = predicate.search(/[、，]/u);
  const clause = comma < 0 ? predicate : predicate.slice(0, comma);
  // "来月1日に行われる東京マラソンの…が発表された": the verb right after the date qualifies the event's noun and says
  // when it is, whatever was done about it.
  if (JA_AHEAD_RELATIVE.test(clause)) return 'future';
  // Not a verb that only describes the noun it qualifies ("代表を集めた国際会議を…開く": the conference gathers them).
  if (PAST_BEFORE_NOUN.test(clause) && !/予定|方針|見通し|計画/u.test(clause)) return 'past';
  // "7日に記者会見し、辞任する意向を表明していた": the day the intention was stated, which is past.
  if (/(?:表明|明らかに|示)し(?:ていた|ていました)$/u.test(predicate)) return 'past';
  if (PLANNED.test(predicate)) return 'future';
  if (/(?:た|だった|ました|でした|ていた)$/u.test(predicate)) return 'past';
  // "今年5月に北京で会談している": "ている" after an act tells of what has been done; the date's own year decides.
  if (/(?:ている|ています)$/u.test(predicate)) return 'neutral';
  if (/(?:[うくすつぬむるぐぶ]|ます|予定だ|です|ない|ません)$/u.test(predicate)) return 'future';
  return 'neutral';
}

const HEDGES = /可能性|検討|調整|見通し|見込み|目指|浮上|模索|かもしれ|とみられ|予定だったが/u;

export const JAPANESE: DateReader = {
  // chrono's `ja` parser finds nothing these rules do not (month-day, 明日), so it is not run.
  rules: JA_RULES,
  relativeOk: /^(明日|あす)$/u,
  futureLead: /^(来|明日|あす|今夜|再来)/u,
  pastLead: /^(昨|先|去)/u,
  joiner: /^\s*(から|～|〜|－|-)\s*$/u,
  tense,
  hedged: (sentence, start) => HEDGES.test(predicateAfter(sentence, start)),
};
