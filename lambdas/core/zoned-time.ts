/**
 * Calendar arithmetic in IANA zones, using only Intl: the offset of a zone at an instant comes from
 * Intl.DateTimeFormat, so daylight-saving rules are the runtime's tz database, never ours.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const DAY_MS = 86_400_000;

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * CLDR (and so ICU, and Intl before Node 22's V8) still names these zones by their old IANA spellings, which
 * IANA keeps only as links; readers see the current names. The list is complete for tzdata 2025:
 * tests/unit/time-zones.test.ts derives it again from the system's tzdata.zi.
 */
const CURRENT_IANA_NAME: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

let canonicalZones: { list: string[]; set: Set<string> } | undefined;

/**
 * Every zone a reader or an editor can choose, in its canonical IANA spelling, UTC first: the runtime's list
 * of primary zone names with the old spellings above replaced. Also the bound on the zones the dispatcher plans.
 */
export function canonicalTimeZones(): readonly string[] {
  canonicalZones ??= (() => {
    const list = ['UTC', ...Intl.supportedValuesOf('timeZone').map((z) => CURRENT_IANA_NAME[z] ?? z).filter((z) => z !== 'UTC')]
      .filter((z, i, all) => all.indexOf(z) === i);
    return { list, set: new Set(list) };
  })();
  return canonicalZones.list;
}

const canonicalCache = new Map<string, string | undefined>();
const CANONICAL_CACHE_ENTRIES = 2048;

/** The fixed-offset zones Etc/GMT-14 … Etc/GMT+12: IANA zones that the runtime's list of primary names leaves out. */
const ETC_OFFSET_ZONE = /^Etc\/GMT[+-](?:[1-9]|1[0-4])$/;

/**
 * The canonical IANA name of a zone, or undefined when it is not one: case is folded (`aSiA/tOkYo`), aliases
 * resolve to the zone they name (`US/Eastern` → America/New_York, `Asia/Calcutta` → Asia/Kolkata, `Etc/UTC`
 * → UTC). Anything else the runtime would accept (an offset such as +09:00 on newer Node) is refused, so the
 * set of stored zones can never outgrow the IANA list.
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return undefined;
  // Asked per reader in a fan-out and per email: a formatter costs a hundred microseconds, a lookup nothing.
  if (canonicalCache.has(timeZone)) return canonicalCache.get(timeZone);
  const canonical = resolveCanonical(timeZone);
  if (canonicalCache.size >= CANONICAL_CACHE_ENTRIES) canonicalCache.clear();
  canonicalCache.set(timeZone, canonical);
  return canonical;
}

function resolveCanonical(timeZone: string): string | undefined {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  const name = CURRENT_IANA_NAME[resolved] ?? resolved;
  canonicalTimeZones();
  if (canonicalZones!.set.has(name) || ETC_OFFSET_ZONE.test(name)) return name;
  return undefined;
}

export function isValidTimeZone(timeZone: string): boolean {
  return canonicalTimeZone(timeZone) !== undefined;
}

export interface WallTime { year: number; month: number; day: number; hour: number; minute: number; second: number }

/** The wall-clock reading in `timeZone` at `instant`. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!, month: parts.month!, day: parts.day!,
    hour: parts.hour!, minute: parts.minute!, second: parts.second!,
  };
}

/** Minutes east of UTC in `timeZone` at `instant` (Tokyo: +540). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const w = wallTimeAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant at which the wall clock in `timeZone` reads `date` `time`. A time skipped by a spring-forward
 * gap resolves forward by the size of the gap; an ambiguous fall-back time resolves to its first occurrence
 * (Temporal's `disambiguation: 'compatible'`). The zone's offsets a day either side of the reading are the
 * only candidates: no zone moves its clock twice within two days, and a day covers every offset from
 * UTC-12 to UTC+14 (half a day did not, east of UTC+12). tests/unit/zoned-time-property.test.ts compares this
 * with Temporal on every transition of every zone from 2016 to 2030.
 */
export function zonedToInstant(date: string, time: string, timeZone: string): Date {
  // Pure and asked again every minute for the same events (the dispatcher plans each run from scratch): kept.
  const key = `${date} ${time} ${timeZone}`;
  const known = resolved.get(key);
  if (known !== undefined) return new Date(known);
  const instant = resolveWallTime(date, time, timeZone);
  if (resolved.size >= RESOLVED_LIMIT) resolved.clear();
  resolved.set(key, instant.getTime());
  return instant;
}

const RESOLVED_LIMIT = 50_000;
const resolved = new Map<string, number>();

function resolveWallTime(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const before = offsetMinutes(new Date(asUtc - DAY_MS), timeZone);
  const after = offsetMinutes(new Date(asUtc + DAY_MS), timeZone);
  // The larger offset gives the earlier instant: try it first, so an ambiguous reading resolves to its first occurrence.
  for (const off of before === after ? [before] : [Math.max(before, after), Math.min(before, after)]) {
    const instant = new Date(asUtc - off * 60_000);
    const w = wallTimeAt(instant, timeZone);
    if (w.year === y && w.month === mo && w.day === d && w.hour === h && w.minute === mi) return instant;
  }
  // In a gap no reading matches: the offset in force before the gap carries the reading past it, by the gap's size.
  return new Date(asUtc - before * 60_000);
}

/** The calendar date (YYYY-MM-DD) in `timeZone` at `instant`. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** ISO weekday (Monday 1 … Sunday 7) of a calendar date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Calendar arithmetic on plain dates: no zone is involved, so UTC midnight is a safe carrier. */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** True when `date` is a real calendar date in YYYY-MM-DD form (rejects 2016-02-30). */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const t = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === date;
}

/** ISO-8601 with the zone's offset, e.g. 2016-12-03T08:00:00+03:00. */
export function formatIsoInZone(instant: Date, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  const off = offsetMinutes(instant, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A reader-facing rendering such as "Saturday 3 December 2016, 08:00 (Asia/Tokyo)". */
const humanFormatters = new Map<string, Intl.DateTimeFormat>();

export function formatHuman(instant: Date, timeZone: string, withTime = true): string {
  const cacheKey = `${timeZone}|${withTime}`;
  let f = humanFormatters.get(cacheKey);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    humanFormatters.set(cacheKey, f);
  }
  return `${f.format(instant)} (${timeZone})`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
