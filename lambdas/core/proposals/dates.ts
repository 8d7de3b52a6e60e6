/**
 * The dates a story gives, resolved as its reader would on the day it came out: forward in time unless the
 * words around a date put it behind ("proposed … in May"), ranges kept as ranges, and a date that names no
 * day (a month, a week, a season) kept as a range marked vague rather than given an invented day.
 * chrono-node finds the plain dates and times; the rules here come first for what it reads differently.
 */
import type * as chrono from 'chrono-node/en';
import { parseEnglish } from './chrono-en.ts';
import {
  addDays, addMonths, daysInMonth, monthEnd, monthStart, nextMonthDay, nextWeekday, partsOf,
  previousMonthDay, previousWeekday, validDay, weekStart, ymd,
} from './calendar.ts';
import type { Sentence } from './sentences.ts';
import { isHedged, tenseAround, tenseBefore, type Tense } from './tense.ts';

export type When =
  | { kind: 'day'; date: string }
  | { kind: 'time'; date: string; time: string }
  | { kind: 'range'; from: string; to: string };

export type Direction = 'forward' | 'backward';

/** How the date was written: it sets how sure a proposal is. */
export type Basis = 'explicit' | 'weekday' | 'relative' | 'anchored' | 'period';

export interface DateMention {
  start: number;
  end: number;
  text: string;
  basis: Basis;
  /** Names no day ("mid-November", "next week", "early next year"): the event is provisional. */
  vague: boolean;
  when: When;
  tense: Tense;
  hedged: boolean;
  sentence: number;
  /** How the story put it, when not its own words in a row ("two-day meeting from May 11"). */
  label?: string;
  /** A past mention read as if it looked ahead ("the summit in Lisbon in March"): what a careless reader proposes. */
  forward?: When;
  /** Counted as the same day as another ("в тот же день", "the same day"): another event on that day. */
  sameDay?: boolean;
}

export interface Candidate {
  start: number;
  end: number;
  basis: Basis;
  vague: boolean;
  /** Resolves against a reference day (the publication date, or a range's start for its end). */
  resolve(direction: Direction, reference: string): When | undefined;
  /** "a day beforehand": resolved from another date of the story, `offset` days away. */
  /** `day`: the day of the month the story also wrote ("翌日の24日"); it wins when the count lands elsewhere. */
  /** `within`: a day of the span before it ("on the second day", offset 1 from its start; "the last day", its end). */
  /** `noun`: the event it counts from is named ("two days before the vote", "накануне старта"), not dated here. */
  anchor?: {
    offset: number; side: 'preceding' | 'following'; day?: number; within?: 'start' | 'end'; noun?: string;
    /** `part`: named as a part of the span ("the opening ceremony"), read only when its clause dates nothing. */
    part?: boolean; time?: string;
  };
  /** A time of day with no date ("at 3 p.m."), waiting to join a date beside it. */
  timeOnly?: string;
  /** How the story put a span when its words are apart ("two-day meeting from May 11"). */
  label?: string;
  /** The date alone, with no time: what a range's end or an anchor reads. */
  day?(direction: Direction, reference: string): string | undefined;
  /** A day written without its month ("20日"): read in the month the story last named, as Japanese does. */
  bareDay?: boolean;
  /** Names only the month of the day after it ("来月19日"): that month becomes the one bare days are read in. */
  monthOf?(reference: string): string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)(?![\p{L}])`;
const MONTH_WORD = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)(?![\p{L}])`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?(?![\d:]|\s*(?:a\.m|p\.m|am\b|pm\b|percent|%|per\b|million|billion|hours?\b|minutes?\b|days\b|years\b))`;
const YEAR = String.raw`((?:19|20)\d{2})(?!\d)`;
const NUMBER = String.raw`(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}|a few|a couple of|several)`;
const NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  'a few': 3, 'a couple of': 2, several: 3,
};

const monthOf = (word: string) => MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().replace(/\.$/, '').slice(0, 3))) + 1;
const NATIVE_NUMBERS: Record<string, number> = {
  два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, восемь: 8, девять: 9, десять: 10,
};
const numberOf = (word: string) => NUMBERS[word.toLowerCase()] ?? NATIVE_NUMBERS[word.toLowerCase()] ?? Number(word);
const ORDINAL_DAYS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh'];

export const day = (date: string | undefined): When | undefined => (date ? { kind: 'day', date } : undefined);
export const range = (from: string | undefined, to: string | undefined): When | undefined =>
  from && to && from <= to ? (from === to ? { kind: 'day', date: from } : { kind: 'range', from, to }) : undefined;

/** A month-and-day with or without its year: the year is the reader's, forward or back from the reference. */
export function monthDay(month: number, dayOfMonth: number, year?: number) {
  return (direction: Direction, reference: string) => (year
    ? validDay(year, month, dayOfMonth)
    : direction === 'forward' ? nextMonthDay(reference, month, dayOfMonth) : previousMonthDay(reference, month, dayOfMonth));
}

export type Part = 'whole' | 'early' | 'mid' | 'late' | 'later' | 'earlier' | 'end' | 'start' | 'by' | 'before'
  | 'first-half' | 'second-half'
  | 'q1' | 'q2' | 'q3' | 'q4';

function partOf(word: string | undefined): Part {
  const w = (word ?? '').toLowerCase().replace(/^(at|by|toward|towards|around|before|until)\s+/, '').replace(/^the\s+/, '').replace(/\s+of$/, '').trim();
  if (!w) return 'whole';
  if (/^early|^start|^beginning/.test(w)) return w.startsWith('early') ? 'early' : 'start';
  if (/^mid|^middle/.test(w)) return 'mid';
  if (/^later/.test(w)) return 'later';
  if (/^earlier/.test(w)) return 'earlier';
  if (/^late/.test(w)) return 'late';
  if (/^end/.test(w)) return 'end';
  if (/first half/.test(w)) return 'first-half';
  if (/second half/.test(w)) return 'second-half';
  if (/first quarter/.test(w)) return 'q1';
  if (/second quarter/.test(w)) return 'q2';
  if (/third quarter/.test(w)) return 'q3';
  if (/(fourth|last|final) quarter/.test(w)) return 'q4';
  return 'whole';
}

/** The days of a month a part names: early 1–10, mid 11–20, late 21–end; "later" starts after the reference. */
function monthPart(year: number, month: number, part: Part, reference: string): When | undefined {
  const last = daysInMonth(year, month);
  const d = (n: number) => ymd(year, month, n);
  switch (part) {
    case 'early': case 'start': return range(d(1), d(10));
    case 'mid': return range(d(11), d(20));
    case 'late': case 'end': return range(d(21), d(last));
    case 'later': return range(maxDate(d(1), addDays(reference, 1)), d(last));
    case 'earlier': return range(d(1), minDate(d(last), addDays(reference, -1)));
    case 'by': return range(reference, d(last));
    case 'before': return range(reference, addDays(d(1), -1));
    default: return range(d(1), d(last));
  }
}

export function yearPart(year: number, part: Part, reference: string): When | undefined {
  const y = (m: number, dd: number) => ymd(year, m, dd);
  switch (part) {
    case 'early': return range(y(1, 1), y(4, 30));
    case 'start': return range(y(1, 1), y(1, 31));
    case 'mid': return range(y(5, 1), y(8, 31));
    case 'late': return range(y(9, 1), y(12, 31));
    case 'end': return range(y(12, 1), y(12, 31));
    case 'later': return range(maxDate(y(1, 1), addDays(reference, 1)), y(12, 31));
    case 'earlier': return range(y(1, 1), minDate(y(12, 31), addDays(reference, -1)));
    case 'by': return range(reference, y(12, 31));
    case 'first-half': return range(y(1, 1), y(6, 30));
    case 'second-half': return range(y(7, 1), y(12, 31));
    case 'q1': return range(y(1, 1), y(3, 31));
    case 'q2': return range(y(4, 1), y(6, 30));
    case 'q3': return range(y(7, 1), y(9, 30));
    case 'q4': return range(y(10, 1), y(12, 31));
    default: return range(y(1, 1), y(12, 31));
  }
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** An upcoming period is cut at the reference: "this month" read on the 19th is the 19th to the 30th. */
export function fromReference(when: When | undefined, reference: string, direction: Direction): When | undefined {
  if (!when || when.kind !== 'range' || direction === 'backward') return when;
  if (when.to < reference) return when;
  return range(maxDate(when.from, reference), when.to);
}

/** Which year a month (or a part of it) falls in: the first whose days are not all behind the reader. */
export function monthInYear(month: number, part: Part, year: number | undefined) {
  return (direction: Direction, reference: string): When | undefined => {
    if (year) return fromReference(monthPart(year, month, part, reference), reference, direction);
    const y0 = partsOf(reference).year;
    if (direction === 'forward') {
      for (const y of [y0, y0 + 1]) {
        const w = monthPart(y, month, part, reference);
        if (w && endOf(w) >= reference) return fromReference(w, reference, direction);
      }
      return undefined;
    }
    for (const y of [y0, y0 - 1]) {
      const w = monthPart(y, month, part, reference);
      if (w && startOf(w) <= reference) return w;
    }
    return undefined;
  };
}

export const startOf = (w: When) => (w.kind === 'range' ? w.from : w.date);
export const endOf = (w: When) => (w.kind === 'range' ? w.to : w.date);

const SEASONS: Record<string, number> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };

export type Rule = {
  re: RegExp;
  /** Words every match of `re` holds: a text without them is not scanned with `re` (a slow pattern stays cheap). */
  needs?: RegExp;
  make(m: RegExpExecArray, reference: string, options: DateOptions): Candidate | undefined;
};

export interface DateOptions {
  /** Seasons turn over in the southern hemisphere ("this summer" read in Sydney is December to February). */
  southernHemisphere?: boolean;
  /** The language's rules, parser and tense; English when absent. */
  reader?: DateReader;
  /** Filled with the index of every sentence that writes a date, those that resolve to none ("last week") too. */
  datedSentences?: Set<number>;
}

/** What reading dates in one language needs: its rules (run first), chrono's parser for it, and its tense. */
export interface DateReader {
  rules: Rule[];
  /** chrono's parser for the language, when its rules leave it something to find. */
  chrono?: { parse: typeof chrono.parse };
  /** Relative phrases chrono reads that do date something ("tomorrow", "in two days"). */
  relativeOk: RegExp;
  /** Words a date phrase opens with that carry its direction ("next Tuesday", "last week"). */
  futureLead: RegExp;
  pastLead: RegExp;
  /** What joins two dates into a range ("Friday to Sunday"). */
  joiner: RegExp;
  tense(sentence: string, start: number, end: number, from: number): Tense;
  hedged(sentence: string, start: number, from: number): boolean;
}

// Ordered: a later rule never takes text an earlier rule matched.
const MONTH_BEFORE = new RegExp(String.raw`${MONTH_WORD}\s+$`, 'u');
// What opens on the day before it: "開幕する", "opens", "открывается".
const OPENS = /開幕|開会|開催|始ま|\bopen(?:s|ing)?\b|\bbegins?\b|\bstarts?\b|открыва|откроется|стартует|начн[её]тся/iu;
const YEAR_PERIOD = /^(?:next|this|last|the\s+following|the\s+coming)\s+year$/i;
// What says a part of an event is held: "will start", "is scheduled", "scheduled at".
const PART_SCHEDULED = new RegExp(String.raw`^(?:\s+[\w'’-]+){0,2}?\s+(?:will|is|are)\s+(?:be\s+)?`
  + String.raw`(?:scheduled|set|slated|due|held|played|staged|start|begin|open|take\s+place|kick\s+off)\b`
  + String.raw`|^\s+(?:scheduled|set|slated)\b`, 'i');

const RULES: Rule[] = [
  // "the first such visit in three years", "for the first time in a decade": a span counted back, no date ahead.
  {
    re: new RegExp(String.raw`\bfirst\b[^.;:!?]{0,50}?\b(in\s+(?:(?:more\s+than|nearly|almost|over|about)\s+)?`
      + String.raw`(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+`
      + String.raw`(?:years?|months?|decades?|weeks?))\b`, 'giu'),
    make(m) {
      const end = m.index + m[0].length;
      return { start: end - m[1]!.length, end, basis: 'period', vague: true, resolve: () => undefined };
    },
  },
  // "Oct. 7 to 12", "August 30 to September 1", "Aug. 30-Sept. 1", "between Oct. 7 and 12", "Dec. 15 and 16"
  {
    re: new RegExp(String.raw`\b(between\s+|from\s+)?${MONTH}\s*${DAY}(?:,?\s*${YEAR})?\s*(-|–|—|to|through|thru|until|till|and)\s*(?:${MONTH}\s*)?${DAY}(?:,?\s*${YEAR})?`, 'gu'),
    make(m) {
      const [, lead, m1, d1, y1, joiner, m2, d2, y2] = m;
      const month1 = monthOf(m1!);
      const month2 = m2 ? monthOf(m2) : month1;
      const day1 = Number(d1);
      const day2 = Number(d2);
      if (joiner === 'and' && !lead && !(month2 === month1 && day2 === day1 + 1)) return undefined;
      const year2 = y2 ? Number(y2) : undefined;
      const year1 = y1 ? Number(y1) : year2 && (month1 > month2 || (month1 === month2 && day1 > day2)) ? year2 - 1 : year2;
      const startDay = monthDay(month1, day1, year1);
      return {
        start: m.index + (lead?.length ?? 0), end: m.index + m[0].length, basis: 'explicit', vague: false,
        resolve: (direction, reference) => {
          const from = startDay(direction, reference);
          return from ? range(from, year2 ? validDay(year2, month2, day2) : nextMonthDay(from, month2, day2)) : undefined;
        },
      };
    },
  },
  // "7 to 12 October", "30 August to 1 September 2017"
  {
    re: new RegExp(String.raw`\b(between\s+|from\s+)?${DAY}(?:\s+${MONTH})?\s*(-|–|to|through|until|and)\s*${DAY}\s+${MONTH}(?:,?\s*${YEAR})?`, 'gu'),
    make(m) {
      const [, lead, d1, m1, joiner, d2, m2, y] = m;
      const month2 = monthOf(m2!);
      const month1 = m1 ? monthOf(m1) : month2;
      if (joiner === 'and' && !lead) return undefined;
      const year = y ? Number(y) : undefined;
      const startDay = monthDay(month1, Number(d1), year && month1 > month2 ? year - 1 : year);
      return {
        start: m.index + (lead?.length ?? 0), end: m.index + m[0].length, basis: 'explicit', vague: false,
        resolve: (direction, reference) => {
          const from = startDay(direction, reference);
          return from ? range(from, nextMonthDay(from, month2, Number(d2))) : undefined;
        },
      };
    },
  },
  // "on the second day", "on the final day": a day of the span dated before it
  {
    // "scheduled for its second day", "on its opening day" too.
    // "on the forum's first day": the span named by its noun.
    re: new RegExp(String.raw`\b(?:on|for)\s+(?:the\s+(?:[\p{L}-]+['’]s\s+)?|its\s+|their\s+)?`
      + String.raw`(first|second|third|fourth|fifth|sixth|seventh`
      + String.raw`|final|last|closing|opening)\s+day\b(?!\s+of\s+\p{Lu})`, 'giu'),
    make(m) {
      const which = m[1]!.toLowerCase();
      const end = ['final', 'last', 'closing'].includes(which);
      const n = which === 'opening' ? 0 : ORDINAL_DAYS.indexOf(which);
      if (!end && n < 0) return undefined;
      return {
        start: m.index, end: m.index + m[0].length, basis: 'anchored', vague: false,
        anchor: { offset: end ? 0 : n, side: 'preceding', within: end ? 'end' : 'start' }, resolve: () => undefined,
      };
    },
  },
  // "The opening ceremony will start at 7:30 pm", "with the final scheduled at the … Stadium": a part of the span
  // dated before it, held on its first or last day, when its own clause gives no date.
  {
    re: new RegExp(String.raw`\b(?:(?:the|its|their)\s+(?:[\p{L}'’-]+\s+)?(opening|closing|inaugural)\s+`
      + String.raw`(?:ceremony|match|game|concert|night|session|plenary|bout)|the\s+(final))\b`, 'giu'),
    make(m) {
      const after = m.input.slice(m.index + m[0].length, m.index + m[0].length + 60);
      const followed = /\bfollowed\s+by\s+$/i.test(m.input.slice(Math.max(0, m.index - 16), m.index));
      if (!followed && !PART_SCHEDULED.test(after)) return undefined;
      const end = m[1]?.toLowerCase() === 'closing' || Boolean(m[2]);
      // Only its determiner stands for the date: the title keeps "opening ceremony".
      return {
        start: m.index, end: m.index + m[0].search(/\s/), basis: 'anchored', vague: false, resolve: () => undefined,
        anchor: { offset: 0, side: 'preceding', within: end ? 'end' : 'start', part: true },
      };
    },
  },
  // "On the eve of the opening": the day before the span dated before it begins.
  {
    re: /\b(?:on\s+)?the\s+eve\s+of\s+(?:the|its)\s+(?:opening|start)\b/giu,
    make(m) {
      return {
        start: m.index, end: m.index + m[0].length, basis: 'anchored', vague: false, resolve: () => undefined,
        anchor: { offset: -1, side: 'preceding', within: 'start' },
      };
    },
  },
  // "two days before the vote", "a day after the summit": counted from the event the noun names, dated elsewhere
  {
    re: new RegExp(String.raw`\b${NUMBER}\s+(days?|weeks?)\s+(before|after|ahead\s+of)\s+(?:the|its|their|this)\s+`
      + String.raw`(?:[\w-]+\s+){0,2}?(vote|voting|election|summit|meeting|talks|launch|start|opening|race|match`
      + String.raw`|game|final|ceremony|conference|forum|session|visit|runoff|ballot|referendum|festival|congress`
      + String.raw`|inauguration)\b`, 'giu'),
    make(m) {
      const [, count, unit, relation, noun] = m;
      const size = unit!.toLowerCase().startsWith('week') ? 7 : 1;
      const back = relation!.toLowerCase() !== 'after';
      return {
        start: m.index, end: m.index + m[0].length, basis: 'anchored', vague: false,
        anchor: { offset: (back ? -1 : 1) * numberOf(count!) * size, side: 'preceding', noun: noun!.toLowerCase() },
        resolve: () => undefined,
      };
    },
  },
  // "a day beforehand", "two days later", "the day before", "the following day", "the same day"
  {
    re: new RegExp(String.raw`\b(?:${NUMBER}\s+(days?|weeks?)|the\s+(day|week))\s+(beforehand|before|earlier|prior|later|after|afterwards?)\b|\bthe\s+(next|following|previous|preceding|same)\s+(day|week)\b`, 'giu'),
    make(m, _reference) {
      const [, count, unit1, unit2, relation, order, unit3] = m;
      const unit = (unit1 ?? unit2 ?? unit3 ?? 'day').toLowerCase();
      const size = unit.startsWith('week') ? 7 : 1;
      const n = count ? numberOf(count) : 1;
      const rel = (relation ?? order ?? '').toLowerCase();
      const back = ['beforehand', 'before', 'earlier', 'prior', 'previous', 'preceding'].includes(rel);
      // "two days before the summit": the date it counts from is not written here; leave it.
      const side = rel === 'before' || rel === 'after' ? 'following' : 'preceding';
      const same = rel === 'same';
      return {
        start: m.index, end: m.index + m[0].length, basis: 'anchored', vague: false,
        anchor: { offset: same ? 0 : (back ? -1 : 1) * n * size, side }, resolve: () => undefined,
      };
    },
  },
  // "this week", "next month", "early next year", "later this month", "by the end of the year", "next weekend"
  {
    re: /\b(by\s+)?(?:(early|earlier|mid|late|later|(?:at\s+|toward\s+|towards\s+|around\s+|before\s+|until\s+)?the\s+(?:end|start|beginning|middle)\s+of|end\s+of|start\s+of|beginning\s+of|middle\s+of|the\s+(?:first|second)\s+half\s+of|the\s+(?:first|second|third|fourth|last|final)\s+quarter\s+of)[-\s]+(?:in\s+)?)?(this|next|last|the\s+coming|the\s+following|the\s+past|the)\s+(week|weekend|month|year)\b/giu,
    make(m, reference) {
      const [, by, qualifier, which, unit] = m;
      const w = which!.toLowerCase().replace(/\s+/g, ' ');
      // "the week" alone dates nothing; "will spend the weekend" is the coming one.
      if (w === 'the' && !qualifier && unit!.toLowerCase() !== 'weekend') return undefined;
      // "in March next year": the month's, read with its year by the month's rule.
      const monthBefore = MONTH_BEFORE.test(m.input.slice(Math.max(0, m.index - 12), m.index));
      if (!by && !qualifier && /year/i.test(unit!) && monthBefore) {
        return undefined;
      }
      // "last year", "last week": the one before, a past mention's period (its notice says when); "the past week"
      // is a stretch up to now, no period of its own.
      if (w === 'the past' || (w === 'last' && qualifier)) {
        return { start: m.index, end: m.index + m[0].length, basis: 'period', vague: true, resolve: () => undefined };
      }
      if (w === 'last') {
        const when = lastPeriod(unit!.toLowerCase(), reference);
        return { start: m.index, end: m.index + m[0].length, basis: 'period', vague: true, resolve: () => when };
      }
      const part = by ? 'by' : partOf(qualifier);
      const next = w === 'next' || w === 'the coming' || w === 'the following';
      const when = periodOf(unit!.toLowerCase(), next, part, reference);
      return { start: m.index, end: m.index + m[0].length, basis: 'period', vague: true, resolve: () => when };
    },
  },
  // "this summer", "next spring", "in the autumn of 2017", "fall 2017"
  {
    re: new RegExp(String.raw`\b(?:(early|late|mid)[-\s]+)?(?:(this|next|last|in\s+the|during\s+the|by\s+the)\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?${YEAR})?\b`, 'giu'),
    make(m, reference, options) {
      const [, qualifier, which, season, y] = m;
      if (!which && !y) return undefined;
      if (season!.toLowerCase() === 'fall' && !y && !/this|next|last|the/i.test(which ?? '')) return undefined;
      if (/last/i.test(which ?? '')) return { start: m.index, end: m.index + m[0].length, basis: 'period', vague: true, resolve: () => undefined };
      const startMonth = ((SEASONS[season!.toLowerCase()]! + (options.southernHemisphere ? 6 : 0) - 1) % 12) + 1;
      const { year: y0 } = partsOf(reference);
      const seasonStart = (year: number) => ymd(year, startMonth, 1);
      const seasonEnd = (year: number) => { const [ey, em] = addMonths(year, startMonth, 2); return monthEnd(ey, em); };
      let year: number;
      if (y) year = Number(y);
      else {
        // This season: the one under way or the next to come; "next": the one after that.
        year = seasonEnd(y0 - 1) >= reference ? y0 - 1 : seasonEnd(y0) >= reference ? y0 : y0 + 1;
        if (/next/i.test(which!)) year += 1;
      }
      let from = seasonStart(year);
      let to = seasonEnd(year);
      const q = (qualifier ?? '').toLowerCase();
      if (q === 'early') to = monthEnd(...addMonths(year, startMonth, 0));
      if (q === 'mid') { const [my, mm] = addMonths(year, startMonth, 1); from = monthStart(my, mm); to = monthEnd(my, mm); }
      if (q === 'late') { const [ly, lm] = addMonths(year, startMonth, 2); from = monthStart(ly, lm); }
      const when = range(from, to);
      return { start: m.index, end: m.index + m[0].length, basis: 'period', vague: true, resolve: (direction) => fromReference(when, reference, direction) };
    },
  },
  // "in January or February": either month, so the two together
  {
    re: new RegExp(String.raw`\b(?:in|during|by|around)\s+${MONTH_WORD}\s+or\s+${MONTH_WORD}(?:,?\s+${YEAR})?(?!\s*\d|[\p{L}])`, 'gu'),
    make(m) {
      const [, first, second, y] = m;
      const a = monthInYear(monthOf(first!), 'whole', y ? Number(y) : undefined);
      const b = monthOf(second!);
      return {
        start: m.index, end: m.index + m[0].length, basis: 'period', vague: true,
        resolve: (direction, reference) => {
          const from = a(direction, reference);
          if (!from) return undefined;
          const start = startOf(from);
          const { year, month } = partsOf(start);
          return range(start, monthEnd(b >= month ? year : year + 1, b));
        },
      };
    },
  },
  // "a similar storm last March": the latest such month before the story's own.
  {
    re: new RegExp(String.raw`\blast\s+${MONTH_WORD}(?!\s*\d|[\p{L}])`, 'gu'),
    make(m, reference) {
      const month = monthOf(m[1]!);
      const { year, month: own } = partsOf(reference);
      const resolve = monthInYear(month, 'whole', month < own ? year : year - 1);
      return { start: m.index, end: m.index + m[0].length, basis: 'period', vague: true, resolve };
    },
  },
  // "host the summit in Ankara next July", "this September": the coming such month (after the story's own), or this
  // year's.
  {
    re: new RegExp(String.raw`\b([Nn]ext|[Tt]his|[Cc]oming)\s+${MONTH_WORD}(?!\s*\d|[\p{L}])`, 'gu'),
    make(m, reference) {
      const month = monthOf(m[2]!);
      const { year, month: own } = partsOf(reference);
      const resolve = monthInYear(month, 'whole', m[1]!.toLowerCase() === 'this' || month > own ? year : year + 1);
      return { start: m.index, end: m.index + m[0].length, basis: 'period', vague: true, resolve };
    },
  },
  // "mid-November", "later in May", "in early December", "by the end of March", "in May 2017", "May 2017"
  {
    re: new RegExp(String.raw`\b(?:(in|during|by|until|through|throughout|since|from|for|before|after|around|till)\s+)?(?:(early|mid|late|earlier|later)(?:[-\s]+in)?[-\s]+|((?:at\s+|by\s+|toward\s+|towards\s+|around\s+|before\s+|until\s+)?the\s+(?:start|beginning|middle|end|first\s+half|second\s+half)\s+of)\s+)?${MONTH_WORD}(?:,?\s+${YEAR}`
      + String.raw`|\s+(last|next|this)\s+year\b)?(?!\s*\d|[\p{L}])`, 'gu'),
    make(m, reference) {
      const [, preposition, qualifier, ofPhrase, monthWord, y0, which] = m;
      // "in June last year", "in March next year"
      const shift = { last: -1, next: 1, this: 0 }[which?.toLowerCase() as 'last'];
      const y = y0 ?? (shift !== undefined ? String(partsOf(reference).year + shift) : undefined);
      if (!preposition && !qualifier && !ofPhrase && !y) return undefined;
      const p = (preposition ?? '').toLowerCase();
      if (p === 'since') return { start: m.index, end: m.index + m[0].length, basis: 'period', vague: true, resolve: () => undefined };
      let part = partOf(qualifier ?? ofPhrase);
      if (p === 'by' && part === 'whole') part = 'by';
      if (p === 'before') part = 'before';
      if (ofPhrase && /first\s+half/.test(ofPhrase)) part = 'early';
      if (ofPhrase && /second\s+half/.test(ofPhrase)) part = 'late';
      if (/^by\b/.test(ofPhrase ?? '')) part = 'by';
      const month = monthOf(monthWord!);
      return { start: m.index, end: m.index + m[0].length, basis: 'period', vague: true, resolve: monthInYear(month, part, y ? Number(y) : undefined) };
    },
  },
  // "early next year" is above; "in 2018", "early 2018", "by the end of 2017", "the first half of 2018"
  {
    re: new RegExp(String.raw`\b(?:(in|during|throughout)\s+)?(?:(early|mid|late|later\s+in|(?:by\s+)?the\s+(?:start|beginning|middle|end)\s+of|the\s+(?:first|second)\s+half\s+of|the\s+(?:first|second|third|fourth|last|final)\s+quarter\s+of)[-\s]+)?${YEAR}(?!\s*[-–/]\s*\d|[-–]\w|['’]s|\s+\p{Lu}|\s+(?:season|budget|election|elections|games|fiscal|level|levels|figures?|target|peak|high|low|record)\b)`, 'gu'),
    make(m, reference) {
      const [, preposition, qualifier, y] = m;
      if (!preposition && !qualifier) return undefined;
      const year = Number(y);
      const y0 = partsOf(reference).year;
      if (year < y0 - 50 || year > y0 + 30) return undefined;
      const part = /^by\b/i.test(qualifier ?? '') ? 'by' : partOf(qualifier);
      const when = yearPart(year, part, reference);
      return { start: m.index, end: m.index + m[0].length, basis: 'period', vague: true, resolve: (direction) => fromReference(when, reference, direction) };
    },
  },
  // "the first week of March", "the last week of June": seven days of the month
  {
    re: new RegExp(String.raw`\b(?:in|during|for|by)?\s*the\s+(first|second|third|fourth|last|final)\s+week\s+of\s+`
      + String.raw`${MONTH_WORD}(?:,?\s+${YEAR})?`, 'giu'),
    make(m) {
      const [, which, monthWord, y] = m;
      const month = monthOf(monthWord!);
      const n = ['first', 'second', 'third', 'fourth'].indexOf(which!.toLowerCase());
      const whole = monthInYear(month, 'whole', y ? Number(y) : undefined);
      const start = m.index + m[0].search(/the\s/i);
      return {
        start, end: m.index + m[0].length, basis: 'period', vague: true,
        resolve: (direction, reference) => {
          const w = whole(direction, reference);
          if (!w || w.kind !== 'range') return w;
          const { year } = partsOf(w.from);
          const last = daysInMonth(year, month);
          return n >= 0 ? range(ymd(year, month, 1 + 7 * n), ymd(year, month, Math.min(last, 7 * n + 7)))
            : range(ymd(year, month, last - 6), ymd(year, month, last));
        },
      };
    },
  },
  // "in the coming days", "in the next few weeks", "in coming months": from tomorrow, a week, four weeks, a quarter
  {
    re: new RegExp(String.raw`\b(?:in|within|over)\s+(?:the\s+)?(?:coming|next|next\s+few|coming\s+few|following)\s+`
      + String.raw`(days|weeks|months)\b`, 'giu'),
    make(m, reference) {
      const unit = m[1]!.toLowerCase();
      const days = unit === 'days' ? 7 : unit === 'weeks' ? 28 : 92;
      const when = range(addDays(reference, 1), addDays(reference, days));
      return { start: m.index, end: m.index + m[0].length, basis: 'period', vague: true, resolve: () => when };
    },
  },
  // "in two weeks", "within 10 days", "in three months' time", "in the next few days"
  {
    re: new RegExp(String.raw`\b(in|within)\s+(?:the\s+next\s+)?${NUMBER}\s+(days?|weeks?|months?|years?)(?:['’]s?\s+time)?\b`, 'giu'),
    make(m, reference) {
      const [, preposition, count, unit] = m;
      const n = numberOf(count!);
      const u = unit!.toLowerCase().replace(/s$/, '');
      const within = preposition!.toLowerCase() === 'within' || /next/i.test(m[0]) || /few|couple|several/i.test(count!);
      let when: When | undefined;
      let vague = true;
      if (u === 'day') {
        if (within) when = range(addDays(reference, 1), addDays(reference, n));
        else { when = day(addDays(reference, n)); vague = false; }
      } else if (u === 'week') {
        if (within) when = range(addDays(reference, 1), addDays(reference, 7 * n));
        else { const monday = weekStart(addDays(reference, 7 * n)); when = range(monday, addDays(monday, 6)); }
      } else if (u === 'month') {
        const { year, month } = partsOf(reference);
        const [ty, tm] = addMonths(year, month, n);
        when = within ? range(addDays(reference, 1), minDate(validDay(ty, tm, partsOf(reference).day) ?? monthEnd(ty, tm), monthEnd(ty, tm))) : range(monthStart(ty, tm), monthEnd(ty, tm));
      } else {
        const year = partsOf(reference).year + n;
        when = within ? range(addDays(reference, 1), ymd(year, 12, 31)) : yearPart(year, 'whole', reference);
      }
      return { start: m.index, end: m.index + m[0].length, basis: vague ? 'period' : 'relative', vague, resolve: () => when };
    },
  },
];

/** The week, weekend, month or year before the reference's: "last year", "昨年", "в прошлом году". */
export function lastPeriod(unit: string, reference: string): When {
  const { year, month } = partsOf(reference);
  if (unit === 'week' || unit === 'weekend') {
    const monday = addDays(weekStart(reference), -7);
    const [from, to] = unit === 'weekend' ? [addDays(monday, 5), addDays(monday, 6)] : [monday, addDays(monday, 6)];
    return { kind: 'range', from, to };
  }
  if (unit === 'month') {
    const [y, mo] = addMonths(year, month, -1);
    return { kind: 'range', from: ymd(y, mo, 1), to: ymd(y, mo, daysInMonth(y, mo)) };
  }
  return { kind: 'range', from: ymd(year - 1, 1, 1), to: ymd(year - 1, 12, 31) };
}

export function periodOf(unit: string, next: boolean, part: Part, reference: string): When | undefined {
  const { year, month } = partsOf(reference);
  if (unit === 'week' || unit === 'weekend') {
    const monday = addDays(weekStart(reference), next ? 7 : 0);
    if (unit === 'weekend') return fromReference(range(addDays(monday, 5), addDays(monday, 6)), reference, 'forward');
    const sunday = addDays(monday, 6);
    const w = part === 'early' || part === 'start' ? range(monday, addDays(monday, 2))
      : part === 'mid' ? range(addDays(monday, 1), addDays(monday, 3))
        : part === 'late' || part === 'end' ? range(addDays(monday, 3), sunday)
          : part === 'later' ? range(addDays(reference, 1), sunday)
            : part === 'by' ? range(reference, sunday)
              : range(monday, sunday);
    return fromReference(w, reference, 'forward');
  }
  if (unit === 'month') {
    const [y, mo] = next ? addMonths(year, month, 1) : [year, month];
    return fromReference(monthPart(y, mo, part, reference), reference, 'forward');
  }
  return fromReference(yearPart(next ? year + 1 : year, part, reference), reference, 'forward');
}

/**
 * The stretches of the text a date already holds, one flag per character: asking whether a new match overlaps
 * one costs its own length, not the number of dates found so far (a story of 2,000 dates was quadratic).
 */
function makeTaken(length: number) {
  const flags = new Uint8Array(length + 1);
  return {
    overlapsAny: ({ start, end }: { start: number; end: number }) => {
      for (let i = start; i < end; i++) if (flags[i]) return true;
      return false;
    },
    take: ({ start, end }: { start: number; end: number }) => flags.fill(1, start, end),
  };
}

function ruleCandidates(text: string, reference: string, options: DateOptions, rules: Rule[]): Candidate[] {
  const found: Candidate[] = [];
  const taken = makeTaken(text.length);
  for (const rule of rules) {
    if (rule.needs && !rule.needs.test(text)) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const c = rule.make(m, reference, options);
      if (c && !taken.overlapsAny(c)) { found.push(c); taken.take(c); }
      // A match the rule turns down ("10日、10月31日…" is no span) leaves its text to be read again from its next
      // character: "10月31日から11月1日まで" is in it.
      else if (!c) rule.re.lastIndex = m.index + 1;
    }
  }
  return found;
}

// Relative phrases chrono reads that date something; "for 70 years" and "a day" do not.
const RELATIVE_OK = /^(in|within|after)\s|\bago$|^(next|this|coming|last|tomorrow|today|tonight|yesterday|the day after tomorrow|the day before yesterday)\b/i;

// "to build on the results of the summit in Lisbon in March": what a date is the result of has happened.
const PAST_CONTEXT =
  /\b(?:results? of|outcomes? of|build(?:s|ing)? on|follow(?:-|\s)up (?:to|on)|agreed at|reached at|took place)\b/i;

// ", with nomination of candidates on", " and early voting on": a noun phrase joined to the clause before.
const WITH_PHRASE = new RegExp(String.raw`(?:^|,)\s*(?:with|and|as well as|plus)\s+(?:(?!\b(?:is|are|was|were`
  + String.raw`|will|would|could|can|may|might|shall|should|must|has|have|had|be)\b)[^,;:]){0,80}$`, 'i');

const LAST_ONE = /\b(?:last|previous)\s+(?:[\w-]+\s+){0,2}?(?:(?:in|on)\s+)?$/i;

export const ENGLISH: DateReader = {
  rules: RULES, chrono: { parse: parseEnglish }, relativeOk: RELATIVE_OK,
  // "in March next year", "in June last year": the year says which way.
  futureLead: /^(next|coming|tomorrow|tonight|later|upcoming)\b|\bnext\s+year$/i,
  pastLead: /^(last|yesterday|earlier)\b|\bago$|\blast\s+year$/i,
  // "Nov. 25 to Dec. 20", "begin on Nov. 25 and continue until Dec. 20"
  // "from Saturday, Dec 21, through Jan 3": a comma after the first day's weekday-and-date.
  joiner: new RegExp(String.raw`^\s*(?:(-|–|to|through|thru|until|till|and)|,\s*(through|thru|until|till|to)`
    + String.raw`|and\s+(?:will\s+)?`
    + String.raw`(?:continue|run|last|end|close|conclude|go\s+on)s?\s+(?:until|till|through|to|on))\s*$`, 'i'),
  // "results of the summit in March" is past; "results of the first round will be proclaimed on April 24" is not.
  tense: (sentence, start, end, from) => {
    const before = sentence.slice(from, start);
    // "at their last summit in March", "the previous meeting on May 3": the one before, which has happened.
    const context = PAST_CONTEXT.exec(before) ?? LAST_ONE.exec(before);
    const ahead = context && /\b(?:will|would|shall|to be|is to|are to|is due|are due)\b/i
      .test(before.slice(context.index + context[0].length));
    return context && !ahead ? 'past' : tenseAround(sentence, start, end, from);
  },
  hedged: isHedged,
};

function chronoCandidates(text: string, reference: string, taken: Candidate[], reader: DateReader): Candidate[] {
  const { year, month, day: dd } = partsOf(reference);
  const ref = { instant: new Date(Date.UTC(year, month - 1, dd, 12)), timezone: 0 };
  const out: Candidate[] = [];
  const byRules = makeTaken(text.length);
  for (const t of taken) byRules.take(t);
  for (const r of reader.chrono?.parse(text, ref) ?? []) {
    const start = r.index;
    const end = r.index + r.text.replace(/[\s,.;:]+$/u, '').length; // "Friday to Sunday," ends before its comma
    if (byRules.overlapsAny({ start, end })) continue;
    // "after a week-long closure", "a two-day-old truce": a length that qualifies a noun is no date.
    if (/^-\p{L}/u.test(text.slice(end, end + 2))) continue;
    // "мониторингу окружающей среды": the environment, not Wednesday.
    if (/окружающ\p{L}*\s+$/iu.test(text.slice(Math.max(0, start - 16), start))) continue;
    const tags = r.tags();
    // "tomorrow", "in three days" are relative; "Thursday night" is a weekday with a casual time of day.
    const relative = tags.has('result/relativeDate')
      || ([...tags].some((t) => t.startsWith('casualReference')) && !r.start.isCertain('weekday') && !(r.start.isCertain('day') && r.start.isCertain('month') && !r.start.isCertain('year')));
    const phrase = r.text.trim().replace(/^(on|at|from)\s+/i, '');
    if (relative && !reader.relativeOk.test(phrase)) continue;
    if (tags.has('parser/SlashDateFormatParser') && !r.start.isCertain('year')) continue; // "24/7", "3/12": too loose
    const first = dayResolver(r.start, phrase);
    const time = r.start.isCertain('hour') ? hhmm(r.start.get('hour')!, r.start.get('minute') ?? 0) : undefined;
    if (!first) {
      if (time && !r.end) out.push({ start, end, basis: 'explicit', vague: false, timeOnly: time, resolve: () => undefined });
      continue;
    }
    const last = r.end ? dayResolver(r.end, phrase.replace(/^.*?\b(to|through|until|till|-|–)\b/i, '')) : undefined;
    const basis: Basis = relative ? 'relative' : r.start.isCertain('day') ? 'explicit' : 'weekday';
    out.push({
      start, end, basis, vague: false,
      day: first,
      resolve: (direction, reference) => {
        const from = first(direction, reference);
        if (!from) return undefined;
        const to = last?.('forward', from);
        if (to && to !== from) return range(from, to);
        return time ? { kind: 'time', date: from, time } : { kind: 'day', date: from };
      },
    });
  }
  return out;
}

type Components = { isCertain(c: 'day' | 'month' | 'year' | 'weekday' | 'hour'): boolean; get(c: 'day' | 'month' | 'year' | 'weekday' | 'hour' | 'minute'): number | null };

function dayResolver(c: Components, phrase: string): ((direction: Direction, reference: string) => string | undefined) | undefined {
  if (c.isCertain('day') && c.isCertain('month')) {
    if (c.isCertain('year')) { const fixed = validDay(c.get('year')!, c.get('month')!, c.get('day')!); return () => fixed; }
    return monthDay(c.get('month')!, c.get('day')!);
  }
  if (c.isCertain('weekday')) {
    const wd = c.get('weekday')! === 0 ? 7 : c.get('weekday')!;
    if (/^next\b/i.test(phrase)) return (_d, reference) => addDays(weekStart(reference), 7 + wd - 1); // in next week
    if (/^last\b/i.test(phrase)) return (_d, reference) => previousWeekday(addDays(reference, -1), wd);
    if (/^this\b/i.test(phrase)) return (_d, reference) => nextWeekday(reference, wd);
    return (direction, reference) => (direction === 'forward' ? nextWeekday(reference, wd) : previousWeekday(reference, wd));
  }
  return undefined;
}

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

// "for six days from Thursday", "for three days from later on Monday"
// "over ten days starting July 23"
const FOR_DAYS_FROM = new RegExp(String.raw`\b(?:for|over)\s+`
  + String.raw`(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+days\s+`
  + String.raw`(?:from|starting|beginning)(?:\s+later)?(?:\s+on)?\s*$`, 'i');
// "a two-day meeting of … in Niigata from May 11"
const N_DAY_FROM = new RegExp(String.raw`\b(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})[-\s]day\s+`
  + String.raw`([\p{L}-]+)?[^.;!?]{0,120}?\b(from|starting|beginning|opening|opens|open|begins|begin|starts|start|on)`
  + String.raw`(?:\s+later)?(?:\s+on)?\s*$`, 'iu');

// "Dec. 3 for four days", "on June 8 for a two-day visit", "June 8, for a three-day state visit": the span follows.
const DAYS_AFTER = new RegExp(String.raw`^,?\s*(?:and\s+)?(?:will\s+)?`
  + String.raw`(?:(?:run|last|continue|stay|remain)\s+(?:for\s+)?|for\s+)`
  + String.raw`(?:(?:a|an|the|its|his|her|their)\s+)?(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})`
  + String.raw`(?:\s+days\b|[-\s]day\b(?:\s+(?:state|official|working|private|formal|informal))?(?:\s+\p{Ll}+)?)`, 'iu');

// "начнется 17 февраля и продлится пять дней", "12月6日にローマを出発し、63日間かけて全土を巡る": the span follows.
// ("стартует 3 июня от Трифонова монастыря в Кирове и продлится шесть дней": a place between them.)
const DAYS_AFTER_NATIVE = new RegExp(String.raw`^[^.;!?,]{0,60}?\s+и\s+(?:будет\s+)?`
  + String.raw`(?:продлится|продлятся|длиться|проходить)\s+(две|два|три|четыре|пять|шесть|семь|восемь|девять|десять|\d{1,2})\s+(?:дня|дней|суток)(?![\p{L}])`
  + String.raw`|^に[^。、]{0,20}、?(\d{1,3})日間(?:かけて|にわたり|にわたって)`, 'u');
const SENTENCE_BREAK = /[.;!?。！？]/u;
const SENTENCE_ENDS = /[.!?。！？](?=\s|$)|[。！？]/gu;
// The words of a sentence that says only when something dated before it begins: "The ceremony will begin at",
// "Парад начнется в", "式典は…午前10時に始まる" is not read (its verb follows the time).
const BEGINS = new RegExp(String.raw`(?:^|[.!?]\s+)(?:The|Its|It|This|That)\b[^.!?;]{0,60}?\b(?:will|is to|is due to|`
  + String.raw`is scheduled to|is set to)\s+(?:begin|start|open|kick off|get under way|be held|take place)\s*$`
  + String.raw`|(?:начн[её]тся|начнутся|стартует|стартуют|откроется|откроются)\s*$`
  // "…25日に開かれます。午後7時から…": a Japanese sentence that opens with the time.
  + String.raw`|。(?:スタート|開始|開演|開会|試合開始|号砲)?は?\s*$`
  // "…8月6日に…式典を開く。式典は午前8時に始まり", "…両陛下や皇族方は、午前10時10分から": its topic, then the time.
  + String.raw`|。[\p{Script=Han}ァ-ヶー・や]{1,16}は、?\s*$`, 'iu');
// A day that only says when something was said: "organizers said Thursday", "сообщили в пятницу".
const SAID_BEFORE = new RegExp(String.raw`\b(?:said|says|told|announced|reported|added|confirmed)\s+(?:on\s+)?$`
  + String.raw`|(?:сообщил|заявил|объявил)\p{L}*\s+$`, 'iu');

/** A single day that a time of day can join: a day resolver, or a dated rule's (not a period, range or count). */
function oneDay(c: Candidate | undefined): boolean {
  return Boolean(c && !c.timeOnly && !c.anchor && !c.vague
    && (c.day || c.basis === 'explicit' || c.basis === 'weekday'));
}

/** The candidate at its time of day, when it resolves to one day; a range or a period stays as it was. */
function atTime(c: Candidate, time: string): Candidate {
  const dayOf = c.day;
  return {
    ...c,
    resolve: (d, r) => {
      if (dayOf) { const date = dayOf(d, r); return date ? { kind: 'time', date, time } : undefined; }
      const w = c.resolve(d, r);
      return w?.kind === 'day' ? { kind: 'time', date: w.date, time } : w;
    },
  };
}

// A verb of lasting between a start and its end: "and will run until", "и продлится до", "и будет открыта до".
// "28 марта стартует Праздник Севера, который продлится до 6 апреля": or a relative clause of the event's noun.
const LASTS_UNTIL = new RegExp(String.raw`^(?:\s*,?\s*(?:and|и)|[^.;!?]{0,60}?,\s*(?:котор(?:ый|ая|ое|ые)|which))\s+`
  + String.raw`(?:will\s+)?(?:(?:run|last|continue|remain|stay)`
  + String.raw`(?:\s+open)?|продл(?:ится|ятся)|будет (?:открыта|работать|проходить)|завершится|закончится)`
  + String.raw`\s+(?:until|till|through|to|до|по)\s*$`, 'iu');
// What the sentence of an end given apart must say: that the event goes on until then ("athletes will compete",
// "it will run", "она будет работать", "展示される"), not that something else lasts ("prices will be frozen until").
const GOES_ON = new RegExp(String.raw`\b(?:compete|competing|run|runs|last|lasts|continue|continues|stay open`
  + String.raw`|remain open|be open|be held|take place|be on (?:show|view|display)|play|show|perform|exhibit|race)\b`
  + String.raw`|(?:продлится|продлятся|продолжится|продолжатся|будет (?:открыта|открыт|работать|проходить|идти)`
  + String.raw`|будут (?:работать|проходить|выступать|соревноваться)|пройдут|пройдет|пройдёт)(?![\p{L}])`
  + String.raw`|開かれ|開催|行われ|続く|続け|展示|公開|競技|実施`, 'iu');
const UNTIL_BEFORE = /(?:\buntil|\btill|(?<!\p{L})до)\s+$/iu;

/** The day `start` resolves to, through the day `end` resolves to after it; `start` alone when `end` is not after
 * it. */
function untilDay(start: Candidate, end: Candidate): Candidate {
  const dayOf = (c: Candidate) => c.day ?? ((d: Direction, r: string) => {
    const w = c.resolve(d, r);
    return w?.kind === 'day' ? w.date : undefined;
  });
  const first = dayOf(start);
  const last = dayOf(end);
  return {
    ...start,
    resolve: (d, r) => {
      const from = first(d, r);
      const to = from ? last('forward', from) : undefined;
      return from && to && to > from ? range(from, to) : start.resolve(d, r);
    },
  };
}

/** The last single day already read that is not only the day something was said; -1 when there is none. */
function lastEventDay(text: string, out: Candidate[]): number {
  for (let k = out.length - 1; k >= 0 && k >= out.length - 3; k--) {
    const o = out[k]!;
    if (SAID_BEFORE.test(text.slice(Math.max(0, o.start - 30), o.start))) continue;
    // "…出場選手が17日、発表されました": a Japanese day before a comma is when it was said.
    if (/日$/u.test(text.slice(o.start, o.end)) && /^[、，]/u.test(text.slice(o.end, o.end + 1))) continue;
    return oneDay(o) ? k : -1;
  }
  return -1;
}

/**
 * Joins what is written apart: "from Sunday for four days", "a three-day visit from Monday", "at 3 p.m. … on Dec. 3".
 */
function joinNeighbours(
  text: string, found: Candidate[], reference: string, periods: boolean, reader: DateReader,
): Candidate[] {
  const list = [...found].sort((a, b) => a.start - b.start);
  const out: Candidate[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const next = list[i + 1];
    const gap = next ? text.slice(c.end, next.start) : '';
    if (periods) {
      // "next week, on Tuesday and Wednesday", "来週18、19両日": the days say which part of the period.
      const days = next && !next.vague && (next.day || next.basis === 'explicit');
      // "今週土曜日の25日": the weekday named between them too.
      if (next && c.vague && days && /^[,、]?\s*(?:on\s+)?$|^[月火水木金土日]曜日?の$/iu.test(gap)) {
        const period = c;
        const days = next;
        out.push({
          ...days, start: c.start, basis: 'explicit', vague: false,
          resolve: (d, r) => {
            const p = period.resolve(d, r);
            return p ? days.resolve('forward', startOf(p)) : undefined;
          },
        });
        i++;
      } else if (next && next.vague && !c.anchor && !c.timeOnly && (c.day || c.basis === 'explicit')
        && /^,?\s*$/.test(gap) && YEAR_PERIOD.test(text.slice(next.start, next.end))) {
        // "from February 7 to March 8 next year", "in March next year": the year says which, and is no event itself.
        const period = next;
        const days = c;
        out.push({
          ...days, end: next.end,
          resolve: (d, r) => { const p = period.resolve(d, r); return p ? days.resolve('forward', startOf(p)) : undefined; },
        });
        i++;
      } else out.push(c);
      continue;
    }
    // A time and a date side by side in one clause: "at 3 p.m. Tokyo time on Dec. 3", "at 8 a.m. local time on
    // Aug. 2" (the time's own "a.m." ends in a full stop, which is no sentence's end).
    const timeGap = c.timeOnly && /[ap]\.m$/i.test(text.slice(c.start, c.end)) ? gap.replace(/^\./, '') : gap;
    if (next && c.timeOnly && oneDay(next) && !SENTENCE_BREAK.test(timeGap) && timeGap.length <= 30) {
      out.push({ ...atTime(next, c.timeOnly), start: c.start });
      i++;
      continue;
    }
    // "2 февраля, он начнется в 10:00", "8月17日の…式典を、…大統領宮殿で現地時間午前10時から開く": the time later in the
    // date's own sentence, with no other date between them.
    if (next && next.timeOnly && oneDay(c) && !SENTENCE_BREAK.test(gap) && gap.length <= 80) {
      out.push({ ...atTime(c, next.timeOnly), end: next.end });
      i++;
      continue;
    }
    // "The opening ceremony will start at 7:30 pm": the part of a span at its time.
    if (next && next.timeOnly && c.anchor?.part && !SENTENCE_BREAK.test(gap) && gap.length <= 40) {
      out.push({ ...c, anchor: { ...c.anchor, time: next.timeOnly } });
      i++;
      continue;
    }
    // "… in Honolulu on Monday, organizers said Thursday. The ceremony will begin at 1:43 p.m.": a sentence that only
    // says when the event dated just before it begins gives that event its time.
    if (c.timeOnly && !periods) {
      const k = lastEventDay(text, out);
      const between = k >= 0 ? text.slice(out[k]!.end, c.start) : '';
      if (k >= 0 && (between.match(SENTENCE_ENDS) ?? []).length === 1 && BEGINS.test(between)) {
        out[k] = atTime(out[k]!, c.timeOnly);
        continue;
      }
    }
    // "28 января и продлится до 26 апреля", "opens on May 2 and will stay open until July 30": the end in the same
    // sentence, after a verb of lasting.
    if (next && oneDay(c) && oneDay(next) && LASTS_UNTIL.test(gap)) {
      out.push({ ...untilDay(c, next), end: next.end });
      i++;
      continue;
    }
    // "… when the Games open on October 31. Athletes will compete in three cities until November 13.": an end given
    // alone in the next sentence closes the span of the day dated just before it.
    if (!periods && oneDay(c) && (UNTIL_BEFORE.test(text.slice(Math.max(0, c.start - 8), c.start))
      || /^(?:until|till|до)\s/iu.test(text.slice(c.start, c.end)) || /^まで(?!に)/u.test(text.slice(c.end, c.end + 3)))) {
      const k = lastEventDay(text, out);
      const between = k >= 0 ? text.slice(out[k]!.end, c.start) : '';
      const untilSentence = text.slice(out[k]?.end ?? 0, c.end);
      const ownStart = untilSentence.search(/[.!?。！？]\s*[^.!?。！？]*$/u);
      if (k >= 0 && (between.match(SENTENCE_ENDS) ?? []).length === 1
        && GOES_ON.test(untilSentence.slice(Math.max(0, ownStart)))) {
        const closed = untilDay(out[k]!, c);
        out[k] = { ...closed, label: `${text.slice(out[k]!.start, out[k]!.end)} – ${text.slice(c.start, c.end)}` };
        continue;
      }
    }
    // "from Friday to Sunday", "Dec. 3 until Dec. 5"; "on Thursday and Friday" when the two days follow each other
    const joined = reader.joiner.exec(gap);
    const joiner = joined ? (joined[1] ?? joined[2] ?? 'until').toLowerCase() : undefined;
    if (next && c.day && next.day && joiner) {
      const first = c.day;
      const last = next.day;
      const consecutive = (d: Direction, r: string) => { const from = first(d, r); return from && last('forward', from) === addDays(from, 1); };
      // "on Sunday, and Monday is a holiday": a comma keeps them apart.
      const apart = joiner === 'and' && text.slice(c.start, next.start).includes(',');
      if (!apart && (joiner !== 'and' || consecutive('forward', reference))) {
        out.push({ ...c, end: next.end, resolve: (d, r) => { const from = first(d, r); return from ? range(from, last('forward', from)) : undefined; } });
        i++;
        continue;
      }
    }
    if (c.day) {
      // "Dec. 3 for four days", "for six days from Thursday", "talks to run for three days from later on Monday",
      // "a two-day meeting … in Niigata from May 11"
      const after = DAYS_AFTER.exec(text.slice(c.end, c.end + 80));
      // (chrono's "on Saturday" holds its own "on": "a two-day gathering that opens in the capital on Saturday".)
      const own = /^(?:on|from)\s+/i.exec(text.slice(c.start, c.end))?.[0].length ?? 0;
      const lead = text.slice(Math.max(0, c.start - 160), c.start + own);
      const forDays = FOR_DAYS_FROM.exec(lead);
      const before = forDays ? undefined
        : N_DAY_FROM.exec(lead);
      const n = after ? numberOf(after[1]!) : forDays ? numberOf(forDays[1]!) : before ? numberOf(before[1]!) : 0;
      if (n > 1) {
        const first = c.day;
        const start = forDays ? c.start + own - forDays[0].length : c.start;
        const end = after ? c.end + after[0].length : c.end;
        const written = text.slice(c.start, c.end);
        const joiner = before?.[3]?.toLowerCase() ?? 'from';
        const label = before ? `${before[1]}-day${before[2] ? ` ${before[2]}` : ''} ${joiner} ${written}` : undefined;
        const resolve = (d: Direction, r: string) => {
          const from = first(d, r);
          return from ? range(from, addDays(from, n - 1)) : undefined;
        };
        out.push({ ...c, start, end, ...(label ? { label } : {}), resolve });
        continue;
      }
    }
    // "она начнется 17 февраля и продлится пять дней", "12月6日にローマを出発し、63日間かけて": a day (read by the
    // Russian or Japanese rules, which give no `day`) and the length after it.
    const native = !c.day && !periods && oneDay(c) ? DAYS_AFTER_NATIVE.exec(text.slice(c.end, c.end + 60)) : null;
    const length = native ? numberOf(native[1] ?? native[2]!) : 0;
    if (native && length > 1 && length <= 120) {
      const own = c;
      const written = text.slice(c.start, c.end);
      out.push({
        ...c, end: c.end + native[0].length, ...(native[2] ? { label: `${written}から${length}日間` } : {}),
        resolve: (d, r) => {
          const w = own.resolve(d, r);
          return w?.kind === 'day' ? range(w.date, addDays(w.date, length - 1)) : w;
        },
      });
      continue;
    }
    if (!c.timeOnly) out.push(c);
  }
  return out;
}

/** Every date the story gives, in text order, resolved against its publication date. */
export function findDates(text: string, sentences: Sentence[], publishedOn: string, options: DateOptions = {}): DateMention[] {
  const reader = options.reader ?? ENGLISH;
  const rules = ruleCandidates(text, publishedOn, options, reader.rules);
  const found = [...rules, ...chronoCandidates(text, publishedOn, rules, reader)];
  const days = joinNeighbours(text, found, publishedOn, false, reader);
  const candidates = joinNeighbours(text, days, publishedOn, true, reader);
  const sentenceOf = (pos: number) => { const i = sentenceAt(sentences, pos); return i < 0 ? 0 : i; };

  const mentions: Array<DateMention & { candidate: Candidate }> = [];
  let previousEnd = -1;
  let previousSentence = -1;
  let previousTense: Tense = 'neutral';
  // The last few spans dated ahead, for a day written alone inside one of them.
  const recentSpans: Array<{ kind: 'range'; from: string; to: string }> = [];
  // The month the story last named ahead of its day ("来月19日から…", "12月3日に…"), as "YYYY-MM": a day written
  // alone after it ("20日に東京で") is that month's.
  let storyMonth: string | undefined;
  let storyMonthSentence = -1;
  // Whether that month was named as such ("来月19日"): only then does it reach the next sentence's lone days; after
  // "12月10日に…。" a lone "6日" is the story's own month, as Japanese news writes it.
  let storyMonthNamed = false;
  const ownMonth = publishedOn.slice(0, 7);
  // "米国は来年のG20議長国を務め、12月14、15両日に…", "next year's summit … on Dec. 14": a later year named as a
  // noun's in a sentence is the year of the days after it in that sentence that name none.
  let yearOfSentence: { sentence: number; year: string } | undefined;
  for (const c of candidates) {
    const si = sentenceOf(c.start);
    if (c.monthOf) { storyMonth = c.monthOf(publishedOn); storyMonthSentence = si; storyMonthNamed = true; continue; }
    const s = sentences[si]!;
    // "23 февраля выпадет на понедельник", "Christmas falls on a Thursday", "祝日が月曜日に当たる": the weekday of a
    // date named beside it, no date of its own.
    const weekdayOf = `${text.slice(Math.max(0, c.start - 24), c.start)}\u0000${text.slice(c.start, c.end + 5)}`;
    if (WEEKDAY_OF_DATE.test(weekdayOf)) continue;
    options.datedSentences?.add(si);
    const from = si === previousSentence ? Math.max(0, previousEnd - s.start) : 0;
    const written = text.slice(c.start, c.end);
    // "next Tuesday", "tomorrow", "later this month" carry their own direction.
    let tense: Tense = reader.futureLead.test(written) ? 'future'
      : reader.pastLead.test(written) ? 'past'
        // "… on Nov 29, with nominations on Nov 15 and early voting on Nov 25": a phrase with no verb of its own,
        // joined to the date before, shares its tense.
        : from > 0 && reader === ENGLISH && WITH_PHRASE.test(s.text.slice(from, c.start - s.start))
          && !tenseBefore(s.text, c.start - s.start, from) ? previousTense
          : reader.tense(s.text, c.start - s.start, c.end - s.start, from);
    const hedged = reader.hedged(s.text, c.start - s.start, from);
    const direction: Direction = tense === 'past' ? 'backward' : 'forward';
    // Only near the month it follows: "首相は30日に…" two sentences after "4月22日から" is this month's 30th.
    const inStoryMonth = c.bareDay && tense !== 'past' && storyMonth !== undefined && storyMonth !== ownMonth
      && (si === storyMonthSentence || (storyMonthNamed && si - storyMonthSentence === 1));
    const inNamedYear = !c.bareDay && !c.vague && c.basis === 'explicit' && tense !== 'past'
      && yearOfSentence?.sentence === si;
    // "11月27日から30日までトルコを…。…。トルコでは28日、…": a day written alone that falls inside a span the story
    // dated lately, however many sentences back, is that span's day.
    let spanDay: When | undefined;
    for (let k = recentSpans.length - 1; k >= 0 && c.bareDay && tense !== 'past' && !inStoryMonth && !spanDay; k--) {
      const day = c.resolve('forward', recentSpans[k]!.from);
      if (day && endOf(day) <= recentSpans[k]!.to) spanDay = day;
    }
    const reference = inStoryMonth
      ? (storyMonth! > ownMonth ? `${storyMonth}-01` : lastDayOf(storyMonth!))
      : inNamedYear ? `${yearOfSentence!.year}-01-01` : publishedOn;
    const when = c.anchor ? undefined : spanDay ?? c.resolve(direction, reference);
    if (when?.kind === 'range' && !c.vague && tense !== 'past' && when.from >= publishedOn) {
      recentSpans.push(when);
      if (recentSpans.length > 4) recentSpans.shift();
    }
    if (when && !c.bareDay && !c.vague && tense !== 'past' && c.basis === 'explicit') {
      const first = startOf(when).slice(0, 7);
      if (first >= ownMonth) { storyMonth = first; storyMonthSentence = si; storyMonthNamed = false; }
    }
    const wholeYear = when?.kind === 'range' && when.from.endsWith('-01-01') && when.to.endsWith('-12-31');
    if (c.vague && wholeYear && /^(?:の|['’]s\b)/u.test(text.slice(c.end, c.end + 2))
      && when.from.slice(0, 4) > publishedOn.slice(0, 4)) {
      yearOfSentence = { sentence: si, year: when.from.slice(0, 4) };
    }
    // A tenseless mention whose written year puts it wholly before the story's day has happened ("今年5月に…会談している").
    if (tense === 'neutral' && when && endOf(when) < publishedOn) tense = 'past';
    const forward = !c.anchor && tense === 'past' && !reader.pastLead.test(written)
      ? c.resolve('forward', publishedOn) : undefined;
    previousEnd = c.end;
    previousSentence = si;
    previousTense = tense;
    if (!when && !c.anchor) continue;
    mentions.push({
      start: c.start, end: c.end, text: text.slice(c.start, c.end), basis: c.basis, vague: c.vague,
      when: when ?? { kind: 'day', date: '' }, tense, hedged, sentence: si, candidate: c,
      ...(forward ? { forward } : {}),
      ...(c.label ? { label: c.label } : {}),
    });
  }

  // "a day beforehand": counted from the nearest date before it in the sentence (or the paragraph's last one).
  const resolved: DateMention[] = [];
  // Whether the rest of a mention's sentence says something opens: asked by every "on the first day" within reach of
  // it, so read once per mention, not once per asking (a list of such days read each sentence dozens of times).
  const opens = new Map<(typeof mentions)[number], boolean>();
  const opensAfter = (o: (typeof mentions)[number]) => {
    let v = opens.get(o);
    if (v === undefined) opens.set(o, v = OPENS.test(text.slice(o.end, sentences[o.sentence]!.end)));
    return v;
  };
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (!m.candidate.anchor) { resolved.push(strip(m)); continue; }
    const { offset, side } = m.candidate.anchor;
    const following = side === 'following'
      ? nextWhere(mentions, i, m.sentence, (o) => !o.candidate.anchor && /^\s*(the\s+)?$/i.test(text.slice(m.end, o.start)))
      : undefined;
    // "the day before." with nothing after it counts back from the date already given.
    const counted = side === 'preceding' || (!following && /^\s*([.,;)!?]|$)/.test(text.slice(m.end, m.end + 2)));
    // "on Wednesday, a day after Trump speaks": the date before is the later one; the clause after happens a day
    // earlier.
    const behind = !following && !counted && side === 'following'
      ? previousWhere(mentions, i, m.sentence, (o) => !o.candidate.anchor && o.sentence === m.sentence
        && /^\s*,\s*$/.test(text.slice(o.end, m.start)))
      : undefined;
    const { within, noun, part, time } = m.candidate.anchor;
    // "The final is set for Jan 3": a part dated in its own clause is that date's.
    if (part && mentions.some((o) => o.sentence === m.sentence && !o.candidate.anchor && o.start >= m.end
      && !/[,;]/.test(text.slice(m.end, o.start)))) continue;
    const ahead = (o: (typeof mentions)[number]) => !o.candidate.anchor && o.tense !== 'past' && !o.vague;
    // "on the second day": a day of the span before it, however far back it was dated.
    // "…が3月5日に開幕する。李強首相が初日に…": with no span before it, the first day is the day something opens.
    const span = within ? nearestBefore(mentions, i, (o) => ahead(o) && o.when.kind === 'range')
      ?? (within === 'start' ? nearestBefore(mentions, i, (o) => ahead(o) && o.sentence >= m.sentence - 1
        && opensAfter(o)) : undefined) : undefined;
    // "накануне старта", "two days before the vote": the event the noun names, else the last one dated ahead.
    const naming = (o: (typeof mentions)[number]) => ahead(o) && namesEvent(sentences[o.sentence]?.text, noun!);
    const named = noun ? nearestBefore(mentions, i, naming) ?? nearestAfter(mentions, i, naming)
      ?? nearestBefore(mentions, i, ahead) : undefined;
    if (within && !span) continue;
    const pick = span ?? named ?? following ?? behind
      // "Five days later" counts from the event before it, not from the day it was "said Wednesday".
      ?? (counted ? previousWhere(mentions, i, m.sentence - 1, (o) => !o.candidate.anchor && o.tense !== 'past')
        ?? previousWhere(mentions, i, m.sentence - 1, (o) => !o.candidate.anchor)
        // "The minister will visit the base the following day", a sentence or more after the talks it follows.
        ?? nearestBefore(mentions, i, ahead) : undefined);
    if (!pick) {
      // "千秋楽翌日の24日" with no date to count from nearby: the day written, read as any lone day of the month is.
      const written = m.candidate.anchor.day;
      const direction = m.tense === 'past' ? 'backward' : 'forward';
      const own = written ? dayOfMonthFrom(written, direction, publishedOn) : undefined;
      if (own) resolved.push({ ...strip(m), when: { kind: 'day', date: own } });
      continue;
    }
    const base = pick.when.kind === 'range'
      ? (within === 'end' ? pick.when.to : within || offset < 0 ? pick.when.from : pick.when.to) : pick.when.date;
    let date = addDays(base, behind ? -offset : offset);
    const written = m.candidate.anchor.day;
    // "千秋楽翌日の24日" counted from the wrong date: the day written is that day of the month at or after the count.
    if (written && partsOf(date).day !== written) {
      const { year, month, day: counted } = partsOf(date);
      const [y, mo] = written >= counted ? [year, month] : month === 12 ? [year + 1, 1] : [year, month + 1];
      date = validDay(y, mo, written) ?? date;
    }
    const end = pick === following ? pick.end : m.end;
    resolved.push({
      ...strip(m), end, text: text.slice(m.start, end),
      when: time ? { kind: 'time', date, time } : { kind: 'day', date },
      vague: pick.vague, ...(offset === 0 && !m.candidate.anchor.day ? { sameDay: true } : {}),
      tense: pick.tense === 'future' || m.tense === 'future' ? 'future' : m.tense,
    });
  }
  return resolved.sort((a, b) => a.start - b.start);
}

// A weekday written as what a date falls on (the text before it, NUL, the weekday and what follows it).
const WEEKDAY_OF_DATE = new RegExp(String.raw`(?:\b(?:falls?|fell|falling|lands?|landed)\s+on\s+(?:a\s+)?`
  + String.raw`|(?<![\p{L}])(?:выпад|приход|прид[её]т|пришел|пришёл|пришл)\p{L}*\s+на\s+)\u0000`
  + String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b(?![\s,]+\d)`
  + String.raw`|(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)(?![\p{L}]|\s*,?\s*\d))`
  + String.raw`|\u0000[月火水木金土日]曜日?(?:に(?:当た|あた)|と重な)`, 'iu');

const NEAREST_REACH = 40;

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return ymd(y, m, daysInMonth(y, m));
};

/** Day `d` of the reference's month, or of the next (the one before, read backward) when it is on the far side. */
function dayOfMonthFrom(d: number, direction: Direction, reference: string): string | undefined {
  const { year, month, day: today } = partsOf(reference);
  if (direction === 'forward' ? d >= today : d <= today) return validDay(year, month, d);
  const shift = direction === 'forward' ? 1 : -1;
  const [y, mo] = month + shift > 12 ? [year + 1, 1] : month + shift < 1 ? [year - 1, 12] : [year, month + shift];
  return validDay(y, mo, d);
}

/** The nearest mention before `i` that passes `test`, among the few dozen before it (a story's, not a list's). */
function nearestBefore<M>(mentions: M[], i: number, test: (o: M) => boolean): M | undefined {
  for (let j = i - 1; j >= Math.max(0, i - NEAREST_REACH); j--) if (test(mentions[j]!)) return mentions[j];
  return undefined;
}

/** The nearest mention after `i` that passes `test`, among the few dozen after it. */
function nearestAfter<M>(mentions: M[], i: number, test: (o: M) => boolean): M | undefined {
  for (let j = i + 1; j < Math.min(mentions.length, i + 1 + NEAREST_REACH); j++) if (test(mentions[j]!)) return mentions[j];
  return undefined;
}

/** Whether a sentence names the event a noun stands for ("старта" → "Старт гонки", "the vote" → "voting"). */
function namesEvent(sentence: string | undefined, noun: string): boolean {
  if (sentence === undefined) return false;
  const lower = sentence.toLowerCase();
  const stem = (w: string) => w.slice(0, Math.max(4, w.length - 2)).toLowerCase();
  // A vote is also "the polls", "the election"; "голосования" also "выборы".
  const kin = SAME_EVENT.find((words) => words.some((w) => stem(noun).startsWith(stem(w))));
  return (kin ?? [noun]).some((w) => lower.includes(stem(w)));
}
const SAME_EVENT = [
  ['vote', 'voting', 'election', 'polls', 'ballot', 'runoff', 'referendum'],
  ['голосования', 'выборы', 'выборов', 'референдума'],
  ['summit', 'meeting', 'talks'],
  ['саммита', 'встречи', 'переговоров'],
];

/**
 * The first mention after `i` in sentence `sentence` that passes `test`. Mentions run in text order, so their
 * sentences never go back: the search stops at the sentence's end instead of reading the rest of the story.
 */
function nextWhere<M extends { sentence: number }>(mentions: M[], i: number, sentence: number, test: (o: M) => boolean): M | undefined {
  for (let j = i + 1; j < mentions.length && mentions[j]!.sentence <= sentence; j++) {
    if (mentions[j]!.sentence === sentence && test(mentions[j]!)) return mentions[j];
  }
  return undefined;
}

/** The nearest mention before `i`, in sentences `fromSentence` onwards, that passes `test`. */
function previousWhere<M extends { sentence: number }>(mentions: M[], i: number, fromSentence: number, test: (o: M) => boolean): M | undefined {
  for (let j = i - 1; j >= 0 && mentions[j]!.sentence >= fromSentence; j--) {
    if (mentions[j]!.sentence <= fromSentence + 1 && test(mentions[j]!)) return mentions[j];
  }
  return undefined;
}

/** The index of the sentence holding `pos` (sentences run in order and do not overlap), or -1. */
export function sentenceAt(sentences: readonly Sentence[], pos: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function strip(m: DateMention & { candidate: Candidate }): DateMention {
  const { candidate: _c, ...rest } = m;
  return rest;
}
