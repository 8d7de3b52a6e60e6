/** Plain calendar dates (YYYY-MM-DD) for reading a story: no zone is involved, UTC midnight is the carrier. */
import { addDays as addDaysOnDates, isoWeekday } from '../zoned-time.ts';

export { isoWeekday };

// A story's dates are few and asked for again and again (a list of one date thousands of times, "the day before"
// each): each sum is worked out once. Bounded, so a warm function reading story after story does not grow.
const sums = new Map<string, string>();

/** Calendar arithmetic on plain dates (zoned-time's addDays, remembered). */
export function addDays(date: string, days: number): string {
  const key = `${date}|${days}`;
  let sum = sums.get(key);
  if (sum === undefined) {
    sum = addDaysOnDates(date, days);
    if (sums.size >= 4096) sums.clear();
    sums.set(key, sum);
  }
  return sum;
}

const pad = (n: number) => String(n).padStart(2, '0');

export const ymd = (year: number, month: number, day: number): string => `${year}-${pad(month)}-${pad(day)}`;

export function partsOf(date: string): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  // Every month but February has the same length in every year (read without making a Date).
  if (month !== 2 && Number.isInteger(month) && month >= 1 && month <= 12 && Number.isInteger(year)
    && Math.abs(year) < 100_000) return MONTH_DAYS[month - 1]!;
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const monthStart = (year: number, month: number) => ymd(year, month, 1);
export const monthEnd = (year: number, month: number) => ymd(year, month, daysInMonth(year, month));

/** The month `n` months after (year, month), as [year, month]. */
export function addMonths(year: number, month: number, n: number): [number, number] {
  const index = year * 12 + (month - 1) + n;
  return [Math.floor(index / 12), (index % 12) + 1];
}

/** Monday of the ISO week holding `date`. */
export const weekStart = (date: string) => addDays(date, 1 - isoWeekday(date));

export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A day that exists: Feb 30 and the like are refused rather than rolled over. */
export function validDay(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return ymd(year, month, day);
}

/** The first (month, day) on or after `reference`: "Dec. 3" read in a November story is this year's. */
export function nextMonthDay(reference: string, month: number, day: number): string | undefined {
  const { year } = partsOf(reference);
  for (let y = year; y <= year + 4; y++) {
    const d = validDay(y, month, day);
    if (d && d >= reference) return d;
  }
  return undefined;
}

/** The last (month, day) on or before `reference`. */
export function previousMonthDay(reference: string, month: number, day: number): string | undefined {
  const { year } = partsOf(reference);
  for (let y = year; y >= year - 4; y--) {
    const d = validDay(y, month, day);
    if (d && d <= reference) return d;
  }
  return undefined;
}

/** The first day on or after `reference` that falls on ISO weekday `weekday` (Monday 1 … Sunday 7). */
export const nextWeekday = (reference: string, weekday: number) => addDays(reference, (weekday - isoWeekday(reference) + 7) % 7);
export const previousWeekday = (reference: string, weekday: number) => addDays(reference, -((isoWeekday(reference) - weekday + 7) % 7));
