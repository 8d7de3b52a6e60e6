/**
 * The words the story page and the story's feed share for an event's changes, so both say the same thing.
 */
import type { EventChange, WhenAndWhere } from '../model/event.ts';
import { whenInline } from '../when.ts';

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

/** One line for when `w` is, in its own zone, by when.ts's rules (a provisional event: "date to be confirmed (…)"). */
export function whenInOwnZone(w: WhenAndWhere): string {
  return hasWhen(w) ? whenInline(w) : 'Date unknown';
}

/** True when `w` says when at all: a day, a time or a provisional range (a change log entry may lack all three). */
export function hasWhen(w: Pick<WhenAndWhere, 'date' | 'startTime' | 'range'>): boolean {
  return Boolean(w.date || w.startTime || w.range);
}

/** Only http(s) URLs are ever written as links: fields are checked on the way in, and again on the way out. */
export function isHttpUrl(url: string | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/\S+$/i.test(url);
}
