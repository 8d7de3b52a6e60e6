/**
 * The words the story page and the story's feed share for an event's changes, so both say the same thing.
 */
import type { EventChange, WhenAndWhere } from '../event.ts';
import { longDate, whenInline } from '../when.ts';

/** What each kind of change is called in a title or a heading; an unknown kind is shown as stored. */
export function changeTitle(kind: EventChange['kind'] | string): string {
  return CHANGE_TITLES[kind] ?? kind;
}

const CHANGE_TITLES: Readonly<Record<string, string>> = {
  created: 'Announced',
  moved: 'Moved',
  confirmed: 'Date confirmed',
  cancelled: 'Cancelled',
};

/** The days a provisional event may fall on, where it has them (read structurally: not every event has one). */
export interface ProvisionalDays { from: string; to: string; label?: string }

export function provisionalDays(w: object): ProvisionalDays | undefined {
  const r = (w as { date?: string; startTime?: string; range?: Partial<ProvisionalDays> });
  if (r.date || r.startTime || !r.range || typeof r.range.from !== 'string' || typeof r.range.to !== 'string') return undefined;
  return { from: r.range.from, to: r.range.to, ...(typeof r.range.label === 'string' ? { label: r.range.label } : {}) };
}

/** A provisional event's days, in its own zone: "mid-November (between Thursday 10 … and …, Asia/Tokyo time)". */
export function provisionalText(days: ProvisionalDays, timeZone: string): string {
  const span = days.from === days.to
    ? `on ${longDate(days.from)}`
    : `between ${longDate(days.from)} and ${longDate(days.to)}`;
  return days.label
    ? `${days.label}, to be confirmed (${span}, ${timeZone} time)`
    : `To be confirmed: ${span} (${timeZone} time)`;
}

/** One line for when `w` is, in its own zone, by when.ts's rules (or the provisional days). */
export function whenInOwnZone(w: WhenAndWhere): string {
  const days = provisionalDays(w);
  if (days) return provisionalText(days, w.timeZone);
  return w.date || w.startTime ? whenInline(w) : 'Date unknown';
}

/** Only http(s) URLs are ever written as links: fields are checked on the way in, and again on the way out. */
export function isHttpUrl(url: string | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/\S+$/i.test(url);
}
