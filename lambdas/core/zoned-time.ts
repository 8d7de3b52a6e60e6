/**
 * Calendar arithmetic in IANA zones, using only Intl: the offset of a zone at an instant comes from
 * Intl.DateTimeFormat, so daylight-saving rules are the runtime's tz database, never ours.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

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

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
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
 * gap resolves to the same reading after the gap; an ambiguous fall-back time resolves to its first occurrence.
 */
export function zonedToInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Two candidate offsets: the zone's offset around the guess. Try the earlier occurrence first.
  const candidates = [offsetMinutes(new Date(guess - 86_400_000 / 2), timeZone), offsetMinutes(new Date(guess + 86_400_000 / 2), timeZone)]
    .sort((a, b) => b - a);
  for (const off of candidates) {
    const instant = new Date(guess - off * 60_000);
    const w = wallTimeAt(instant, timeZone);
    if (w.year === y && w.month === mo && w.day === d && w.hour === h && w.minute === mi) return instant;
  }
  // In a gap: no reading matches; step forward by the size of the gap.
  const before = candidates[candidates.length - 1]!;
  return new Date(guess - before * 60_000);
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
