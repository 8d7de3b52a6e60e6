/**
 * Dates in Russian news: "15 декабря", "3-5 декабря", "с 3 по 5 декабря", "в середине декабря", "в следующем
 * месяце", "на следующей неделе", "двухдневный визит … 12 декабря". chrono's `ru` parser reads weekdays and
 * times; the forms a newsroom writes are read here first, so a period is never given an invented day.
 */
import * as chrono from 'chrono-node/ru';
import { addDays, addMonths, monthEnd, nextWeekday, partsOf, previousWeekday, ymd } from './calendar.ts';
import {
  day,
  monthDay,
  monthInYear,
  periodOf,
  lastPeriod,
  range,
  yearPart,
  type Candidate,
  type DateReader,
  type Part,
  type Rule,
  type When,
} from './dates.ts';
import type { Tense } from './tense.ts';

const GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const PREPOSITIONAL = [
  'январе',
  'феврале',
  'марте',
  'апреле',
  'мае',
  'июне',
  'июле',
  'августе',
  'сентябре',
  'октябре',
  'ноябре',
  'декабре',
];
// "запланирован на декабрь": the month as the object of "на".
const ACCUSATIVE = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь',
  'ноябрь', 'декабрь'];
const MONTH_GEN = `(${GENITIVE.join('|')})`;
const MONTH_PREP = `(${PREPOSITIONAL.join('|')})`;
const YEAR = String.raw`(?:\s+(\d{4})(?:\s*(?:года|г\.))?)?`;
const monthOf = (word: string) => {
  const w = word.toLowerCase();
  return Math.max(GENITIVE.indexOf(w), PREPOSITIONAL.indexOf(w), ACCUSATIVE.indexOf(w)) + 1;
};
const NUMBERS: Record<string, number> = {
  двух: 2,
  трех: 3,
  трёх: 3,
  четырех: 4,
  четырёх: 4,
  пяти: 5,
  шести: 6,
  семи: 7,
  десяти: 10,
};

// Weekdays in the accusative ("в четверг"), Monday first.
const WEEKDAYS = ['понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'субботу', 'воскресенье'];

const at = (
  m: RegExpExecArray,
  basis: Candidate['basis'],
  vague: boolean,
  resolve: Candidate['resolve'],
  lead = 0,
): Candidate => ({ start: m.index + lead, end: m.index + m[0].length, basis, vague, resolve });

function partOf(word: string | undefined): Part {
  const w = (word ?? '').toLowerCase();
  if (/^начал|^перв/.test(w)) return 'early';
  if (/^середин/.test(w)) return 'mid';
  if (/^кон|^втор/.test(w)) return 'late';
  return 'whole';
}

const RU_COUNTS: Record<string, number> = {
  один: 1, одну: 1, два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, десять: 10, ...NUMBERS,
};
const RU_COUNT = String.raw`(\d{1,2}|один|одну|два|две|три|четыре|пять|шесть|семь|десять)`;
const RU_UNIT = String.raw`(?:дн\p{L}*|сут\p{L}*|недел\p{L}*)`;
const countOf = (word: string | undefined) => (word ? RU_COUNTS[word.toLowerCase()] ?? Number(word) : 1);

// Ordered: a later rule never takes text an earlier rule matched.
export const RU_RULES: Rule[] = [
  // "Накануне открытия", "накануне начала форума": the day before the span dated before it begins ("накануне старта"
  // is the rule below's: the start it names may be one day).
  {
    re: /(?<![\p{L}])накануне\s+(?:открытия|начала)(?![\p{L}])/giu,
    make(m) {
      const anchor = { offset: -1, side: 'preceding' as const, within: 'start' as const };
      return { ...at(m, 'anchored', false, () => undefined), anchor };
    },
  },
  // "накануне старта", "за три дня до голосования", "через два дня после саммита": counted from the event the noun
  // names, dated elsewhere in the story ("Накануне, 17 января," dates itself and is left to the rules below).
  {
    re: new RegExp(String.raw`(?<![\p{L}])(?:накануне|в\s+канун|за\s+${RU_COUNT}\s+${RU_UNIT}\s+до`
      + String.raw`|через\s+${RU_COUNT}\s+${RU_UNIT}\s+после)\s+(\p{L}{4,})(?![\p{L}])(?!\s*,?\s*\d)`, 'giu'),
    make(m) {
      const [whole, countBefore, countAfter, noun] = m;
      const count = countBefore ?? countAfter;
      const weeks = /недел/iu.test(whole!) ? 7 : 1;
      const after = /^через/iu.test(whole!);
      const offset = count ? (after ? 1 : -1) * countOf(count) * weeks : -1;
      return {
        ...at(m, 'anchored', false, () => undefined),
        anchor: { offset, side: 'preceding', noun: noun!.toLowerCase() },
      };
    },
  },
  // "на следующий день примет участие в параде", "в тот же день проведет переговоры", "днем ранее": a day counted
  // from the date before it ("Накануне" alone is the rule above's, with its noun, or the English sense below).
  {
    re: new RegExp(String.raw`(?<![\p{L}])(?:(на\s+следующий|на\s+другой|в\s+тот\s+же|в\s+этот\s+же|в\s+тот`
      + String.raw`|в\s+этот)\s+день`
      + String.raw`|(днем|днём)\s+(ранее|позже|позднее))(?![\p{L}])(?!\s*,?\s*\d)`, 'giu'),
    make(m) {
      const [, which, , relation] = m;
      const w = (which ?? '').toLowerCase().replace(/\s+/g, ' ');
      const offset = relation ? (/ранее/iu.test(relation) ? -1 : 1) : w.startsWith('на ') ? 1 : 0;
      return { ...at(m, 'anchored', false, () => undefined), anchor: { offset, side: 'preceding' } };
    },
  },
  // "в последний день соревнований", "во второй день форума": a day of the span dated before it
  {
    // "запланировано на второй день форума" too.
    re: new RegExp(String.raw`(?<![\p{L}])(?:в|во|на)\s+(первый|второй|третий|четвертый|четвёртый|пятый|последний`
      + String.raw`|заключительный)\s+день(?![\p{L}])`, 'giu'),
    make(m) {
      const which = m[1]!.toLowerCase();
      const end = which === 'последний' || which === 'заключительный';
      const n = ['первый', 'второй', 'третий', 'четвертый', 'пятый'].indexOf(which.replace('ё', 'е'));
      return {
        ...at(m, 'anchored', false, () => undefined),
        anchor: { offset: end ? 0 : n, side: 'preceding', within: end ? 'end' : 'start' },
      };
    },
  },
  // "продлится четыре дня начиная с 25 августа", "продлится три дня с 5 июня": a span from its first day;
  // "пройдет в течение четырех дней, начиная со 2 сентября": the same span, its length in the genitive
  {
    re: new RegExp(String.raw`(?:продлится|продлятся|будет длиться|будут длиться|в течение)\s+`
      + String.raw`(два|две|три|четыре|пять|шесть|семь|двух|трех|трёх|четырех|четырёх|пяти|шести|семи|десяти|\d{1,2})`
      + String.raw`\s+(?:дня|дней|суток)\s*,?\s+(?:начиная\s+)?со?\s+(\d{1,2})\s+${MONTH_GEN}${YEAR}`, 'giu'),
    make(m) {
      const [whole, n, d, mo, y] = m;
      const days = ({ два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, ...NUMBERS } as Record<
        string, number>)[n!.toLowerCase()] ?? Number(n);
      const first = monthDay(monthOf(mo!), Number(d), y ? Number(y) : undefined);
      const candidate = at(m, 'explicit', false, (dir, ref) => {
        const from = first(dir, ref);
        return from ? range(from, addDays(from, days - 1)) : undefined;
      });
      return { ...candidate, label: whole!.trim() };
    },
  },
  // "двухдневный визит в Японию 15 декабря", "трехдневные переговоры с 12 декабря": a span from its first day
  {
    re: new RegExp(
      String.raw`(двух|трех|трёх|четырех|четырёх|пяти|шести|семи|десяти|\d)[-\s]?дневн\p{L}*` +
        String.raw`[^.!?]{0,80}?(?:\sс)?\s(\d{1,2})\s+${MONTH_GEN}${YEAR}`,
      'giu',
    ),
    make(m) {
      const [whole, n, d, mo, y] = m;
      const days = NUMBERS[n!.toLowerCase()] ?? Number(n);
      const first = monthDay(monthOf(mo!), Number(d), y ? Number(y) : undefined);
      const lead = whole!.search(new RegExp(String.raw`(?:с\s)?${d}\s+${mo}`, 'u'));
      // The label in the story's words: "трехдневный визит с 26 мая".
      const span = /^\S*дневн\p{L}*(?:\s+\p{Ll}+)?/u.exec(whole!)?.[0] ?? '';
      const candidate = at(
        m,
        'explicit',
        false,
        (dir, ref) => {
          const from = first(dir, ref);
          return from ? range(from, addDays(from, days - 1)) : undefined;
        },
        lead,
      );
      return { ...candidate, label: `${span} ${whole!.slice(lead).trim()}` };
    },
  },
  // "в прошлом году", "на прошлой неделе", "в прошлом месяце": the period before this one, a past mention's
  {
    re: /(?<!\p{L})(?:в|на)\s+прошл(?:ом|ой)\s+(году|неделе|месяце)(?!\p{L})/giu,
    make(m, reference) {
      const unit = m[1]!.startsWith('год') ? 'year' : m[1]!.startsWith('недел') ? 'week' : 'month';
      const when = lastPeriod(unit, reference);
      return at(m, 'period', true, () => when);
    },
  },
  // "в прошлую пятницу", "в следующий вторник", "в эту субботу": a weekday and the week it is in
  {
    re: new RegExp(String.raw`(?<!\p{L})во?\s+(прошл|следующ|ближайш|эт)\p{L}*\s+`
      + String.raw`(${WEEKDAYS.join('|')})(?!\p{L})`, 'giu'),
    make(m) {
      const which = m[1]!.toLowerCase();
      const wd = WEEKDAYS.indexOf(m[2]!.toLowerCase()) + 1;
      return at(m, 'weekday', false, (_dir, ref) => {
        if (which === 'прошл') return day(previousWeekday(addDays(ref, -1), wd));
        if (which === 'следующ') return day(addDays(nextWeekday(ref, wd), nextWeekday(ref, wd) === ref ? 7 : 0));
        return day(nextWeekday(ref, wd));
      });
    },
  },
  // "в четверг и пятницу": two weekdays in a row are one span (the weekday nearest ahead, or behind)
  {
    re: new RegExp(
      String.raw`(?<!\p{L})во?\s+(${WEEKDAYS.join('|')})\s+и\s+(?:в\s+)?(${WEEKDAYS.join('|')})(?!\p{L})`,
      'giu',
    ),
    make(m) {
      const first = WEEKDAYS.indexOf(m[1]!.toLowerCase()) + 1;
      const second = WEEKDAYS.indexOf(m[2]!.toLowerCase()) + 1;
      if (second !== first + 1) return undefined;
      return at(m, 'weekday', false, (dir, ref) => {
        const from = dir === 'forward' ? nextWeekday(ref, first) : previousWeekday(ref, first);
        return range(from, addDays(from, 1));
      });
    },
  },
  // "в ночь с 18 на 19 января": a night across two days is both days
  {
    re: new RegExp(String.raw`(?:в\s+ночь\s+)?с\s+(\d{1,2})\s+на\s+(\d{1,2})\s+${MONTH_GEN}${YEAR}`, 'giu'),
    make(m) {
      const [, d1, d2, mo, y] = m;
      if (Number(d2) !== Number(d1) + 1) return undefined;
      const first = monthDay(monthOf(mo!), Number(d1), y ? Number(y) : undefined);
      return at(m, 'explicit', false, (dir, ref) => {
        const from = first(dir, ref);
        return from ? range(from, addDays(from, 1)) : undefined;
      });
    },
  },
  // "с 3 по 5 декабря", "3-5 декабря", "с 30 ноября по 2 декабря", "15 и 16 декабря"
  {
    re: new RegExp(
      String.raw`(?:с\s+)?(\d{1,2})(?:\s+${MONTH_GEN})?\s*(-|–|—|по|до|и)\s*(\d{1,2})\s+${MONTH_GEN}${YEAR}`,
      'giu',
    ),
    make(m) {
      const [, d1, mo1, joiner, d2, mo2, y] = m;
      const month2 = monthOf(mo2!);
      const month1 = mo1 ? monthOf(mo1) : month2;
      if (joiner === 'и' && !(month1 === month2 && Number(d2) === Number(d1) + 1)) return undefined;
      const year = y ? Number(y) : undefined;
      const first = monthDay(month1, Number(d1), year && month1 > month2 ? year - 1 : year);
      return at(m, 'explicit', false, (dir, ref) => {
        const from = first(dir, ref);
        if (!from) return undefined;
        const { year: fy } = partsOf(from);
        return range(from, monthDay(month2, Number(d2), month2 < month1 ? fy + 1 : fy)(dir, ref));
      });
    },
  },
  // "15 декабря", "15 декабря 2016 года"
  {
    re: new RegExp(String.raw`(\d{1,2})\s+${MONTH_GEN}${YEAR}`, 'giu'),
    make(m) {
      const [, d, mo, y] = m;
      const first = monthDay(monthOf(mo!), Number(d), y ? Number(y) : undefined);
      return at(m, 'explicit', false, (dir, ref) => day(first(dir, ref)));
    },
  },
  // "в начале декабря", "в середине следующего месяца", "в конце года", "до конца года"; "запланирован на начало
  // декабря", "к концу года"
  {
    re: new RegExp(
      String.raw`(?<![\p{L}])(в|до|на|к)\s+(начале|середине|конце|конца|концу|начало|середину|конец|первой\s+половине`
        + String.raw`|второй\s+половине|первую\s+половину|вторую\s+половину)\s+` +
        String.raw`(?:${MONTH_GEN}|(этого|текущего|следующего|будущего)?\s*(месяца|года|недели))${YEAR}`,
      'giu',
    ),
    make(m, reference) {
      const [, preposition, partWord, mo, which, unit, y] = m;
      const part: Part = /^(?:до|к)$/i.test(preposition!) ? 'by' : partOf(partWord);
      if (mo) return at(m, 'period', true, monthInYear(monthOf(mo), part, y ? Number(y) : undefined));
      const next = /следующ|будущ/i.test(which ?? '');
      const u = unit!.toLowerCase() === 'месяца' ? 'month' : unit!.toLowerCase() === 'недели' ? 'week' : 'year';
      const when = y && u === 'year' ? yearPart(Number(y), part, reference) : periodOf(u, next, part, reference);
      return at(m, 'period', true, () => when);
    },
  },
  // "в выходные", "на выходных": the coming weekend
  {
    re: /(?<![\p{L}])(?:в|на)\s+(?:эти\s+)?(?:выходные|выходных)(?![\p{L}])/giu,
    make(m, reference) {
      const when = periodOf('weekend', false, 'whole', reference);
      return at(m, 'period', true, () => when);
    },
  },
  // "в ближайшие дни", "в ближайшие недели": from tomorrow, a week, four weeks, a quarter
  {
    re: new RegExp(String.raw`(?<![\p{L}])(?:в|на)\s+(?:ближайшие|предстоящие|следующие)\s+(?:несколько\s+)?`
      + String.raw`(дни|недели|месяцы)(?![\p{L}])`, 'giu'),
    make(m, reference) {
      const unit = m[1]!.toLowerCase();
      const days = unit === 'дни' ? 7 : unit === 'недели' ? 28 : 92;
      const when = range(addDays(reference, 1), addDays(reference, days));
      return at(m, 'period', true, () => when);
    },
  },
  // "в следующем месяце", "в этом году", "на следующей неделе", "в ближайшие выходные"
  {
    re: new RegExp(
      String.raw`(?:в|на)\s+(следующем|этом|текущем|будущем|следующей|этой|будущей|ближайшие|эти|следующий|следующую`
        + String.raw`|будущий|будущую)\s+(месяце|году|неделе|выходные|месяц|год|неделю)(?![\p{L}])`,
      'giu',
    ),
    make(m, reference) {
      const [, which, unit] = m;
      const next = /следующ|будущ/i.test(which!);
      const u = /месяц/i.test(unit!)
        ? 'month'
        : /год/i.test(unit!)
          ? 'year'
          : /недел/i.test(unit!)
            ? 'week'
            : 'weekend';
      const when = periodOf(u, next, 'whole', reference);
      return at(m, 'period', true, () => when);
    },
  },
  // "на декабрь", "на май 2026 года": what a plan is set for
  {
    re: new RegExp(String.raw`(?<![\p{L}])на\s+(${ACCUSATIVE.join('|')})(?![\p{L}])${YEAR}`, 'giu'),
    make(m) {
      const [, mo, y] = m;
      return at(m, 'period', true, monthInYear(monthOf(mo!), 'whole', y ? Number(y) : undefined));
    },
  },
  // "в декабре", "в январе 2017 года", "в январе следующего года"
  {
    re: new RegExp(String.raw`(?:в|во)\s+${MONTH_PREP}(?:\s+(следующего)\s+года)?${YEAR}`, 'giu'),
    make(m, reference) {
      const [, mo, nextYear, y] = m;
      const year = y ? Number(y) : nextYear ? partsOf(reference).year + 1 : undefined;
      return at(m, 'period', true, monthInYear(monthOf(mo!), 'whole', year));
    },
  },
  // "весной следующего года", "осенью"
  {
    re: /(весной|летом|осенью|зимой)(?:\s+(следующего|этого|текущего)\s+года|\s+(\d{4})\s+года)?/giu,
    make(m, reference) {
      const [, season, which, y] = m;
      const first = { весной: 3, летом: 6, осенью: 9, зимой: 12 }[season!.toLowerCase() as 'весной'] ?? 3;
      const { year: y0, month } = partsOf(reference);
      const year = y ? Number(y) : which && /следующ/i.test(which) ? y0 + 1 : !which && month > first + 2 ? y0 + 1 : y0;
      const [ey, em] = addMonths(year, first, 2);
      const when = range(ymd(year, first, 1), monthEnd(ey, em));
      return at(m, 'period', true, () => when);
    },
  },
  // "в 2018 году"
  {
    re: /в\s+(\d{4})\s+году/giu,
    make(m, reference) {
      const when = yearPart(Number(m[1]), 'whole', reference);
      return at(m, 'period', true, () => when);
    },
  },
  // "завтра", "послезавтра", "сегодня вечером"
  {
    re: /(послезавтра|завтра|сегодня)(?![\p{L}])/giu,
    make(m, reference) {
      const w = m[1]!.toLowerCase();
      const when: When = { kind: 'day', date: addDays(reference, w === 'послезавтра' ? 2 : w === 'завтра' ? 1 : 0) };
      return at(m, 'relative', false, () => when);
    },
  },
  // "12 мая в 20:00 мск", "в 10:00 по местному времени": a time of day, which joins the day its sentence gives (chrono
  // would read "12 мая в 20:00" whole, but the day is this file's rule's, and chrono's reading is then dropped).
  {
    re: /(?<![\p{L}\d])(?:в|к)\s+(\d{1,2}):(\d{2})(?![\d])/giu,
    make(m) {
      const hour = Number(m[1]);
      const minute = Number(m[2]);
      if (hour > 23 || minute > 59) return undefined;
      const time = `${String(hour).padStart(2, '0')}:${m[2]}`;
      return { ...at(m, 'explicit', false, () => undefined), timeOnly: time };
    },
  },
];

// Said by whom: not the tense of what was said ("Путин посетит Японию, сообщил Песков").
const ATTRIBUTION = new Set([
  'сообщил',
  'сообщила',
  'сообщили',
  'заявил',
  'заявила',
  'заявили',
  'сказал',
  'сказала',
  'рассказал',
  'рассказала',
  'отметил',
  'отметила',
  'пояснил',
  'пояснила',
  'подчеркнул',
  'подчеркнула',
  'добавил',
  'добавила',
  'уточнил',
  'уточнила',
  'передает',
  'передаёт',
  'сообщает',
  'говорится',
  'написал',
  'объявил',
  'объявила',
  'объявили',
]);
const FUTURE = new RegExp(
  String.raw`^(${[
    'будет',
    'будут',
    'состоится',
    'состоятся',
    'пройдет',
    'пройдёт',
    'пройдут',
    'предстоит',
    'планирует',
    'планируют',
    'планируется',
    'намерен',
    'намерена',
    'намерены',
    'собирается',
    'собираются',
    'ожидается',
    'ожидают',
    'следующ\\p{L}*',
    'предстоящ\\p{L}*',
    'запланирован\\p{L}*',
    'намечен\\p{L}*',
    'назначен\\p{L}*',
    'перенесен\\p{L}*',
    'перенесён\\p{L}*',
    'отложен\\p{L}*',
  ].join('|')})$`,
  'u',
);
const PAST = /^(ранее|вчера|прошлой|прошлом|прошлого|прошлую|прошлый|прошлая|прошлое|назад|был|была|было|были)$/u;
const NOT_PAST = new Set([
  'цели',
  'дали',
  'были',
  'мысли',
  'земли',
  'если',
  'сколько',
  'пола',
  'дела',
  'стола',
  'села',
  'масла',
  'числа',
  'могли',
]);

// Each word's marker, kept: a sentence with no verb is read to its end for each of its dates, its words each asked
// again (bounded, so a warm function does not grow).
const markers = new Map<string, Tense | undefined>();

function markerOf(word: string): Tense | undefined {
  let t = markers.get(word);
  if (t === undefined && !markers.has(word)) {
    t = readMarker(word);
    if (markers.size >= 4096) markers.clear();
    markers.set(word, t);
  }
  return t;
}

function readMarker(word: string): Tense | undefined {
  const w = word.toLowerCase();
  if (ATTRIBUTION.has(w)) return undefined;
  if (FUTURE.test(w)) return 'future';
  if (PAST.test(w)) return 'past';
  if (w.length >= 4 && /(?:л|ла|ло|ли|лся|лась|лось|лись)$/u.test(w) && !NOT_PAST.has(w) && /^\p{Ll}/u.test(word))
    return 'past';
  // "посетит", "проведут", "откроется": a perfective verb in the present form looks ahead.
  if (w.length >= 5 && /^\p{Ll}/u.test(word) && /(?:ит|ет|ёт|ут|ют|ат|ят|ится|ется|ётся|утся|ются|атся|ятся)$/u.test(w))
    return 'future';
  return undefined;
}

const WORDS = /[\p{L}-]+/gu;

/** The nearest marker before the date (since the previous one) wins, then the nearest after it. */
const RELATIVE_CLAUSE = /,\s*(?:где|куда|откуда|котор\p{L}*)\s[^,.;!?]*(?=,)/giu;

function tense(sentence: string, start: number, end: number, from: number): Tense {
  const before = sentence.slice(from, start).match(WORDS) ?? [];
  for (let i = before.length - 1; i >= 0; i--) {
    // "сообщил, что в середине июля пройдет …": a clause opened by "что" has its own verb; the saying is not it.
    if (before[i]!.toLowerCase() === 'что') break;
    // "сообщила Захарова на брифинге во вторник": a day after the verb of saying is the day it was said.
    if (ATTRIBUTION.has(before[i]!.toLowerCase())) return 'past';
    const t = markerOf(before[i]!);
    if (t) return t;
  }
  // "17 марта, в Омске, где родился художник, откроется выставка": a relative clause has its own verb; the date's
  // is after it.
  const after = sentence.slice(end).replace(RELATIVE_CLAUSE, ',');
  for (const w of after.match(WORDS) ?? []) {
    const t = markerOf(w);
    if (t) return t;
  }
  return 'neutral';
}

const HEDGES = new RegExp(
  `(?:${[
    'может',
    'могут',
    'возможно',
    'вероятно',
    'предположительно',
    'планирует',
    'планируют',
    'планируется',
    'намерен',
    'ожидается',
    'не исключ',
    'рассматрива',
    'предварительн',
  ].join('|')})`,
  'iu',
);

export const RUSSIAN: DateReader = {
  rules: RU_RULES,
  chrono,
  relativeOk: /^(завтра|послезавтра)$/iu,
  futureLead: /^(в\s+следующ|на\s+следующ|завтра|послезавтра|в\s+ближайш)/iu,
  pastLead: /^(вчера|в\s+прошл|на\s+прошл)/iu,
  joiner: /^\s*(-|–|—|по|до)\s*$/iu,
  tense,
  hedged: (sentence, start, from) => HEDGES.test(sentence.slice(from, start)),
};
