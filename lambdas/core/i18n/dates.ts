/**
 * Days, times and zone names for a reader's language. English keeps the words when.ts always wrote ("Thursday
 * 15 December 2016", "Japan time"), so an English reader's mail does not change; Japanese and Russian come from
 * Intl (CLDR) in that language and the reader's zone, put together from Intl's own parts and patterns, never
 * from month names of ours: "2016年12月15日(木) 16:00", "чт, 15 декабря 2016 г. в 16:00".
 */
import type { Language } from '../model/language.ts';
import { zoneName as englishZoneName } from '../zone-names.ts';
import { addDays, isoWeekday, localDate, wallTimeAt } from '../zoned-time.ts';

/** The Intl locale each language formats with. */
export const INTL_LOCALE: Record<Language, string> = { en: 'en-GB', ja: 'ja-JP', ru: 'ru-RU' };

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Language, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[lang], { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
/** A calendar date carried as UTC noon: formatted in UTC, it is that date in any language. */
const asInstant = (date: string) => new Date(`${date}T12:00:00Z`);

/** A calendar date: "Saturday 3 December 2016", "2016年12月3日(土)", "сб, 3 декабря 2016 г.". */
export function longDate(date: string, lang: Language = 'en'): string {
  if (lang === 'en') {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return `${WEEKDAYS[isoWeekday(date) - 1]} ${d} ${MONTHS[m - 1]} ${y}`;
  }
  return formatter(lang, 'UTC', DAY).format(asInstant(date));
}

/** The wall clock in `zone` at `instant`: "16:00". */
export function clockTime(instant: Date, zone: string, lang: Language = 'en'): string {
  if (lang === 'en') {
    const w = wallTimeAt(instant, zone);
    return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  }
  return formatter(lang, zone, TIME).format(instant);
}

/** Day and time in `zone`: "Friday 2 December 2016, 16:00", "2016年12月2日(金) 16:00", "пт, 2 декабря 2016 г. в 16:00". */
export function dateAndTime(instant: Date, zone: string, lang: Language = 'en'): string {
  if (lang === 'en') return `${longDate(localDate(instant, zone))}, ${clockTime(instant, zone)}`;
  return formatter(lang, zone, { ...DAY, ...TIME }).format(instant);
}

/**
 * The days of a range, as short as they read unambiguously. English as it always read ("15–20 November 2016",
 * "November 2016" for a whole month); the others by Intl's range patterns ("15–20 ноября 2016 г.").
 */
export function rangeText({ from, to }: { from: string; to: string }, lang: Language = 'en'): string {
  const wholeMonth = from.slice(0, 7) === to.slice(0, 7) && from.endsWith('-01') && addDays(to, 1).endsWith('-01');
  if (lang !== 'en') {
    const day = { year: 'numeric', month: 'long', day: 'numeric' } as const;
    if (wholeMonth) return formatter(lang, 'UTC', { year: 'numeric', month: 'long' }).format(asInstant(from));
    if (from === to) return formatter(lang, 'UTC', day).format(asInstant(from));
    // ja's range pattern for long months falls back to numerals (2016/12/15～2016/12/20): two whole dates read better.
    const whole = formatter(lang, 'UTC', day);
    if (lang === 'ja') return `${whole.format(asInstant(from))}～${whole.format(asInstant(to))}`;
    return formatter(lang, 'UTC', day).formatRange(asInstant(from), asInstant(to));
  }
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  if (from === to) return `${fd} ${MONTHS[fm - 1]} ${fy}`;
  if (wholeMonth) return `${MONTHS[fm - 1]} ${fy}`;
  if (fy === ty && fm === tm) return `${fd}–${td} ${MONTHS[fm - 1]} ${fy}`;
  if (fy === ty) return `${fd} ${MONTHS[fm - 1]} – ${td} ${MONTHS[tm - 1]} ${fy}`;
  return `${fd} ${MONTHS[fm - 1]} ${fy} – ${td} ${MONTHS[tm - 1]} ${ty}`;
}

const OFFSET_ONLY = /^(GMT|UTC)([+-−]\d|$)|^[A-Z]{2,5}$/;

/**
 * The zone in the reader's words, from CLDR: "Japan time" (en, as before), "日本標準時" or "モスクワ時間" (ja),
 * "Москва" (ru: the city or country that names the clock). A name that is only an offset or a Latin
 * abbreviation is skipped for the next one; UTC is called UTC.
 */
export function zoneName(zone: string, at: Date, lang: Language = 'en'): string {
  if (lang === 'en') return englishZoneName(zone, at);
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  const part = (style: 'shortGeneric' | 'longGeneric' | 'long') =>
    formatter(lang, zone, { timeZoneName: style }).formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  for (const style of ['shortGeneric', 'longGeneric', 'long'] as const) {
    const name = part(style);
    if (name && !OFFSET_ONLY.test(name)) return name;
  }
  return part('shortGeneric') || zone;
}
