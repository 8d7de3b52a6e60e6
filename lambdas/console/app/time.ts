/// <reference lib="dom" />
/**
 * Time as the console shows it: instants in the editor's zone (the browser's unless they chose another, kept in
 * this browser), and "ago" measured by the stack's clock, which on a local stack replays 2016 at its own speed.
 */
import { api } from './api.ts';
import type { ClockReading } from '#core/stack-clock.ts';

const ZONE_KEY = 'datewatch.console.timeZone';

export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone the editor reads times in: their choice if they made one, else the browser's. */
export function editorZone(): string {
  try {
    const chosen = localStorage.getItem(ZONE_KEY);
    if (chosen && isZone(chosen)) return chosen;
  } catch {
    /* storage refused (a private window): the browser's zone */
  }
  return browserZone();
}

/** Remembers the editor's zone; their browser's own zone forgets the choice, so it follows the browser again. */
export function chooseZone(zone: string): void {
  try {
    if (zone === browserZone()) localStorage.removeItem(ZONE_KEY);
    else localStorage.setItem(ZONE_KEY, zone);
  } catch {
    /* not remembered, still applied for this page */
  }
}

/** "2016-12-19 14:03 GMT+9": an instant on the editor's clock face, with the zone's short name. */
export function formatInstant(iso: string | undefined, zone = editorZone()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName ?? zone}`;
}

// ---------------------------------------------------------------- the stack's clock

interface Held {
  reading: ClockReading;
  at: number;
}
let held: Held | undefined;

/** Asks the stack for its clock (GET /admin/clock); between asks, the clock runs on at its own speed. */
export async function refreshStackClock(): Promise<ClockReading> {
  const { data } = await api<ClockReading>('GET', '/admin/clock');
  held = { reading: data, at: performance.now() };
  return data;
}

/** The stack's now, run on from the last reading at its speed; undefined before the first reading. */
export function stackNow(): Date | undefined {
  if (!held) return undefined;
  const elapsed = (performance.now() - held.at) * held.reading.speed;
  return new Date(new Date(held.reading.now).getTime() + elapsed);
}

export const stackReading = (): ClockReading | undefined => held?.reading;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago" by the stack's clock: an edit just made on a replaying stack is "just now", not a date in 2016. */
export function agoByStack(iso: string | undefined): string {
  const now = stackNow();
  if (!iso || !now) return '';
  const diff = new Date(iso).getTime() - now.getTime();
  if (Number.isNaN(diff)) return '';
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  return 'just now';
}

/** "simulated: 1 hour passes each real second": how fast the stack's clock runs, in words. */
export function paceInWords(r: ClockReading): string {
  if (!r.simulated) return 'real time';
  if (r.speed === 0) return 'set by hand (it moves only when the stack is told to)';
  if (r.speed === 1) return 'simulated, at real speed';
  const [amount, unit] =
    r.speed >= 3600 ? [r.speed / 3600, 'hour'] : r.speed >= 60 ? [r.speed / 60, 'minute'] : [r.speed, 'second'];
  const n = +amount.toFixed(1);
  return `simulated: ${n} ${unit}${n === 1 ? ' passes' : 's pass'} each real second`;
}
