/** Plain calendar dates (YYYY-MM-DD) for reading a story: no zone is involved, UTC midnight is the carrier. */
import { addDays, isoWeekday } from '../zoned-time.ts';

export { addDays, isoWeekday };

const pad = (n: number) => String(n).padStart(2, '0');

export const ymd = (year: number, month: number, day: number): string => `${year}-${pad(month)}-${pad(day)}`;

export function partsOf(date: string): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function daysInMonth(year: number, month: number): number {
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
