import * as v from '../validate/index.ts';
import { clearable, oneLine, sourceSchema as sourceOf, slugField, text } from '../fields.ts';
import { eventTranslationsSchema, type EventTranslation, type Translations } from './translations.ts';
import { canonicalTimeZone, isCalendarDate, isValidTimeZone, zonedToInstant, addDays } from '../zoned-time.ts';

export type EventStatus = 'scheduled' | 'cancelled';

export interface EventSource {
  publisher: string;
  quote: string;
  url?: string;
}

/** A dated event of a story, as stored and as the admin API returns it. */
export interface DatedEvent {
  id: string;
  /** The story it belongs to (events stored before stories existed are read as the seed story's). */
  storyId: string;
  title: string;
  summary: string;
  /**
   * All-day events carry `date`; timed events carry `startTime` (wall time in `timeZone`); provisional events,
   * whose day is not known yet ("mid-November"), carry `range`. Exactly one of the three.
   */
  date?: string;
  startTime?: string;
  range?: DateRange;
  timeZone: string;
  place: string;
  source: EventSource;
  status: EventStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** What happened to it and on whose word, oldest first (absent on events stored before it was kept). */
  history?: EventChange[];
  /** Title, summary and place in other reader languages, as an editor wrote them (translations.ts). */
  translations?: Translations<EventTranslation>;
}

/**
 * The days a provisional event will fall within, in its zone, both inclusive, and how the source put it.
 * An event is provisional exactly when it has a range (see isProvisional): nothing else records it.
 */
export interface DateRange {
  from: string;
  to: string;
  /** The source's words for it, such as "mid-November"; without it the days themselves are shown. */
  label?: string;
}

/** One entry of an event's public change log; 'confirmed' is a provisional event given its date. */
export interface EventChange {
  kind: 'created' | 'moved' | 'confirmed' | 'cancelled';
  /** When the editor made the change. */
  at: string;
  /** The event's version after the change. */
  version: number;
  /** The editor's source for it: who said so, their words, where. */
  source: EventSource;
  from?: WhenAndWhere;
  to?: WhenAndWhere;
}

/** The fields an editor writes; the server owns id, status, version, history and the timestamps. */
export type EventInput = Pick<DatedEvent, 'storyId' | 'title' | 'summary' | 'date' | 'startTime' | 'range' | 'timeZone' | 'place' | 'source' | 'translations'>;

/** The longest provisional range, in days counted inclusively ("next year" is as vague as an event gets). */
export const MAX_RANGE_DAYS = 366;

/**
 * The years an event may fall in. The store sorts events by their end as an ISO string: outside four-digit years
 * (a 9999-12-31 event west of UTC ends in year 10000, written "+010000-…") that order breaks and the event would
 * drop out of every list and every reminder; no story announces events that far away.
 */
export const EVENT_YEARS = { first: 1900, last: 2999 } as const;
/** True for a date (or a date-time's date) in EVENT_YEARS, and for what is no calendar date: that has its own issue. */
const inEventYears = (value: string) => {
  if (!isCalendarDate(value.slice(0, 10))) return true;
  const year = Number(value.slice(0, 4));
  return year >= EVENT_YEARS.first && year <= EVENT_YEARS.last;
};
const yearsError = (field: string) => `${field} must fall in the years ${EVENT_YEARS.first} to ${EVENT_YEARS.last}`;

const rangeDate = (field: string) => v.string({ error: `${field} must be a string` }).check(
  v.refine(isCalendarDate, { error: `${field} must be a real calendar date as YYYY-MM-DD` }),
  v.refine(inEventYears, { error: yearsError(field) }),
);

const rangeSchema = () => v.strictObject({
  from: rangeDate('range.from'),
  to: rangeDate('range.to'),
  label: v.optional(oneLine('range.label', 100)),
}, { error: 'range must be an object {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD", "label"?: "mid-November"}' }).check(
  v.refine((r) => r.to >= r.from, { error: 'range.to must be on or after range.from', path: ['to'] }),
  v.refine((r) => r.to < r.from || daysBetween(r.from, r.to) < MAX_RANGE_DAYS, {
    error: `range must span at most ${MAX_RANGE_DAYS} days; an event vaguer than that is not yet an event`, path: ['to'],
  }),
);

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const WHEN_KINDS = 'give exactly one of date (all-day), startTime (timed) or range (provisional: {"from", "to", "label"?})';

/** The fields both a new event and a patch take (built with the schema that uses them: see createEventSchema). */
const eventFields = () => ({
  title: oneLine('title', 200),
  summary: text('summary', 2000),
  date: v.string({ error: 'date must be a string' })
    .check(
      v.refine(isCalendarDate, { error: 'date must be a real calendar date as YYYY-MM-DD' }),
      v.refine(inEventYears, { error: yearsError('date') }),
    ),
  startTime: v.string({ error: 'startTime must be a string' }).check(
    v.regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { error: 'startTime must be a local time as YYYY-MM-DDTHH:mm' }),
    v.refine((s) => isCalendarDate(s.slice(0, 10)), { error: 'startTime must be on a real calendar date' }),
    v.refine(inEventYears, { error: yearsError('startTime') }),
  ),
  // Stored in its canonical IANA spelling: `asia/tokyo` and `Japan` are Asia/Tokyo.
  timeZone: v.pipe(
    v.string({ error: 'timeZone must be a string' })
      .check(v.trim(), v.refine(isValidTimeZone, { error: 'timeZone must be an IANA time zone such as Asia/Tokyo' })),
    v.transform((zone: string) => canonicalTimeZone(zone)!),
  ),
  place: oneLine('place', 200),
  source: sourceOf('source'),
  translations: v.optional(eventTranslationsSchema),
});

/**
 * The schemas are built on their first use (v.lazy), not at import: building them all cost every cold start
 * some milliseconds, though most requests validate no event.
 */
export const createEventSchema = /* @__PURE__ */ v.lazy(() => {
  const fields = eventFields();
  return v.strictObject({
    storyId: slugField('storyId'),
    ...fields,
    date: v.optional(fields.date),
    startTime: v.optional(fields.startTime),
    range: v.optional(rangeSchema()),
  }).check(v.refine((e) => [e.date, e.startTime, e.range].filter((v) => v !== undefined).length === 1, {
    error: WHEN_KINDS,
    path: ['date'],
  }));
});

export const patchEventSchema = /* @__PURE__ */ v.lazy(() => {
  const fields = eventFields();
  return v.strictObject({
    /** Accepted so that what GET returns can be sent back; an event cannot change story. */
    storyId: v.optional(slugField('storyId')),
    title: v.optional(fields.title),
    summary: v.optional(fields.summary),
    date: clearable(fields.date),
    startTime: clearable(fields.startTime),
    /** A provisional range instead of a date: making a firm event provisional again is a move. */
    range: clearable(rangeSchema()),
    timeZone: v.optional(fields.timeZone),
    place: v.optional(fields.place),
    source: v.optional(fields.source),
    /** Replaces every translation; null removes them. Not a move: no alert goes out for it. */
    translations: clearable(eventTranslationsSchema),
    /** Required when the change moves the event: on whose word (shown on the story page and in its feed). */
    changeSource: v.optional(sourceOf('changeSource')),
  }).check(
    v.refine((p) => Object.keys(p).some((k) => k !== 'changeSource'), { error: 'the body must change at least one field' }),
    v.refine((p) => !p.range || (!p.date && !p.startTime), { error: WHEN_KINDS, path: ['range'] }),
  );
});

/** Cancelling says on whose word, like a move: `DELETE /admin/events/{id}` with `{"changeSource": {…}}`. */
export const cancelEventSchema = /* @__PURE__ */ v.lazy(() => v.strictObject({
  changeSource: sourceOf('changeSource'),
}, { error: 'send {"changeSource": {"publisher", "quote", "url"?}}: on whose word the event is cancelled' }));

export type EventPatch = v.Infer<typeof patchEventSchema>;

/** Applies a patch; giving one of `date`, `startTime` or `range` clears the other two, so an event stays one kind. */
export function applyPatch(event: DatedEvent, patch: EventPatch): EventInput {
  const next: EventInput = {
    storyId: event.storyId,
    title: patch.title ?? event.title,
    summary: patch.summary ?? event.summary,
    timeZone: patch.timeZone ?? event.timeZone,
    place: patch.place ?? event.place,
    source: patch.source ?? event.source,
    date: event.date,
    startTime: event.startTime,
    range: event.range,
    translations: patch.translations === null ? undefined : patch.translations
      ?? withoutOldPlace(event.translations, patch.place !== undefined && patch.place !== event.place),
  };
  if (patch.date) { next.date = patch.date; next.startTime = undefined; next.range = undefined; }
  if (patch.startTime) { next.startTime = patch.startTime; next.date = undefined; next.range = undefined; }
  if (patch.range) { next.range = patch.range; next.date = undefined; next.startTime = undefined; }
  if (patch.date === null && !patch.startTime && !patch.range) next.date = undefined;
  if (patch.startTime === null && !patch.date && !patch.range) next.startTime = undefined;
  if (patch.range === null && !patch.date && !patch.startTime) next.range = undefined;
  if ([next.date, next.startTime, next.range].filter((v) => v !== undefined).length !== 1) {
    throw new PatchShapeError('the event must keep exactly one of date (all-day), startTime (timed) or range (provisional)');
  }
  return stripUndefined(next);
}

/**
 * A translated place names the place it was written for: when the place changes and the patch brings no new
 * translations, the old translations of it are dropped (readers of those languages read the new place as stored,
 * marked with its language) rather than told the event is still where it was.
 */
function withoutOldPlace(
  translations: DatedEvent['translations'], placeChanged: boolean,
): DatedEvent['translations'] {
  if (!translations || !placeChanged) return translations;
  const kept = Object.entries(translations).flatMap(([lang, { place: _old, ...rest }]) =>
    Object.keys(rest).length ? [[lang, rest] as const] : []);
  return kept.length ? Object.fromEntries(kept) : undefined;
}

export class PatchShapeError extends Error {}

/** An event's timing: exactly one of `date`, `startTime` or `range`, in its zone. The one timing type of the core. */
export type When = Pick<DatedEvent, 'date' | 'startTime' | 'range' | 'timeZone'>;
/** The day part alone, for what needs no zone (the local date, whether it is provisional). */
type EventWhen = Omit<When, 'timeZone'>;

/** True while the event's day is not known: it has a range instead of a date (the one record of it). */
export function isProvisional(e: EventWhen): e is EventWhen & { range: DateRange } {
  return e.range !== undefined && e.date === undefined && e.startTime === undefined;
}

/**
 * The calendar date the event falls on, in its own zone. A provisional event has none: it gives its range as an
 * ISO 8601 interval ("2016-11-10/2016-11-20"), which no reminder planned for a day can match, so a reminder job
 * planned before the event became provisional again is stale when the sender re-checks it.
 */
export function eventLocalDate(e: EventWhen): string {
  if (e.date) return e.date;
  if (e.startTime) return e.startTime.slice(0, 10);
  return `${e.range!.from}/${e.range!.to}`;
}

/** The instant the event begins (all-day: midnight in its zone; provisional: midnight on its range's first day). */
export function eventStartsAt(e: When): Date {
  if (e.date) return zonedToInstant(e.date, '00:00', e.timeZone);
  if (e.startTime) return zonedToInstant(e.startTime.slice(0, 10), e.startTime.slice(11, 16), e.timeZone);
  return zonedToInstant(e.range!.from, '00:00', e.timeZone);
}

/**
 * How long a timed event lasts in calendars when, as in every story so far, no end was announced: the mails
 * say "Ends: not announced" and the invite and calendar links block this much time (stated in the README).
 */
export const TIMED_EVENT_HOURS = 2;

/**
 * The instant the event is over: the end of its day for all-day events, start + TIMED_EVENT_HOURS for timed ones, the end of
 * the range's last day for provisional ones (until then it may still happen, and digests list it).
 */
export function eventEndsAt(e: When): Date {
  if (e.date) return zonedToInstant(addDays(e.date, 1), '00:00', e.timeZone);
  if (e.startTime) return new Date(eventStartsAt(e).getTime() + TIMED_EVENT_HOURS * 3_600_000);
  return zonedToInstant(addDays(e.range!.to, 1), '00:00', e.timeZone);
}

/**
 * True when the change moves the event in time or place: readers who follow it get an alert. A provisional
 * event's range moving counts; a new label for the same days ("mid-November" for "10–20 November") does not.
 */
export function isMove(before: DatedEvent, after: EventInput): boolean {
  return before.date !== after.date || before.startTime !== after.startTime
    || before.range?.from !== after.range?.from || before.range?.to !== after.range?.to
    || before.timeZone !== after.timeZone || before.place !== after.place;
}

/** True when the change gives a provisional event its date: followers get a "date confirmed" alert, not "moved". */
export function isConfirmation(before: DatedEvent, after: EventInput): boolean {
  return isProvisional(before) && !isProvisional(after);
}

/** What the public API shows of an event. */
export function publicView(e: DatedEvent) {
  return {
    id: e.id,
    storyId: e.storyId,
    title: e.title,
    summary: e.summary,
    ...(e.date ? { date: e.date, allDay: true } : e.startTime ? { startTime: e.startTime, allDay: false } : { range: e.range, allDay: true }),
    /** True while the date is to be confirmed: `range` holds the days it may fall on (startsAt/endsAt span them). */
    provisional: isProvisional(e),
    timeZone: e.timeZone,
    startsAt: eventStartsAt(e).toISOString(),
    endsAt: eventEndsAt(e).toISOString(),
    place: e.place,
    source: e.source,
    status: e.status,
    version: e.version,
    updatedAt: e.updatedAt,
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Where and when an event was before a change, carried by the alert that tells readers. */
export type WhenAndWhere = Pick<DatedEvent, 'date' | 'startTime' | 'range' | 'timeZone' | 'place'>;

export const whenAndWhere = (e: WhenAndWhere): WhenAndWhere => stripUndefined({ date: e.date, startTime: e.startTime, range: e.range, timeZone: e.timeZone, place: e.place });

/** The event's change log; an event stored before the log was kept shows its creation from its own source. */
export function eventHistory(e: DatedEvent): EventChange[] {
  return e.history ?? [{ kind: 'created', at: e.createdAt, version: 1, source: e.source, to: whenAndWhere(e) }];
}

/** Most changes an event keeps in its log (the item stays far below DynamoDB's 400 KB). */
export const HISTORY_LIMIT = 100;

export function withChange(e: DatedEvent, change: EventChange): EventChange[] {
  return [...eventHistory(e), change].slice(-HISTORY_LIMIT);
}

/**
 * Set on an event by a move, a confirmation of its date or a cancellation; the dispatcher turns it into one
 * alert job and clears it.
 */
export interface PendingAlert {
  kind: 'moved' | 'confirmed' | 'cancelled';
  previous: WhenAndWhere;
}
