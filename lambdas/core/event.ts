import * as z from 'zod';
import { oneLine, sourceSchema as sourceOf, slugField, text } from './fields.ts';
import { canonicalTimeZone, isCalendarDate, isValidTimeZone, zonedToInstant, addDays } from './zoned-time.ts';

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
  /** All-day events carry `date`; timed events carry `startTime` (wall time in `timeZone`). Never both. */
  date?: string;
  startTime?: string;
  timeZone: string;
  place: string;
  source: EventSource;
  status: EventStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** What happened to it and on whose word, oldest first (absent on events stored before it was kept). */
  history?: EventChange[];
}

/** One entry of an event's public change log. */
export interface EventChange {
  kind: 'created' | 'moved' | 'cancelled';
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
export type EventInput = Pick<DatedEvent, 'storyId' | 'title' | 'summary' | 'date' | 'startTime' | 'timeZone' | 'place' | 'source'>;

const sourceSchema = sourceOf('source');

const fields = {
  title: oneLine('title', 200),
  summary: text('summary', 2000),
  date: z.string({ error: 'date must be a string' }).refine(isCalendarDate, { error: 'date must be a real calendar date as YYYY-MM-DD' }),
  startTime: z.string({ error: 'startTime must be a string' })
    .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { error: 'startTime must be a local time as YYYY-MM-DDTHH:mm' })
    .refine((s) => isCalendarDate(s.slice(0, 10)), { error: 'startTime must be on a real calendar date' }),
  // Stored in its canonical IANA spelling: `asia/tokyo` and `Japan` are Asia/Tokyo.
  timeZone: z.string({ error: 'timeZone must be a string' }).trim()
    .refine(isValidTimeZone, { error: 'timeZone must be an IANA time zone such as Asia/Tokyo' })
    .transform((zone) => canonicalTimeZone(zone)!),
  place: oneLine('place', 200),
  source: sourceSchema,
};

export const createEventSchema = z.strictObject({
  storyId: slugField('storyId'),
  ...fields,
  date: fields.date.optional(),
  startTime: fields.startTime.optional(),
}).refine((e) => (e.date === undefined) !== (e.startTime === undefined), {
  error: 'give exactly one of date (all-day) or startTime (timed)',
  path: ['date'],
});

export const patchEventSchema = z.strictObject({
  title: fields.title.optional(),
  summary: fields.summary.optional(),
  date: fields.date.nullable().optional(),
  startTime: fields.startTime.nullable().optional(),
  timeZone: fields.timeZone.optional(),
  place: fields.place.optional(),
  source: sourceSchema.optional(),
  /** Required when the change moves the event: on whose word (shown on the story page and in its feed). */
  changeSource: sourceOf('changeSource').optional(),
}).refine((p) => Object.keys(p).some((k) => k !== 'changeSource'), { error: 'the body must change at least one field' });

/** Cancelling says on whose word, like a move: `DELETE /admin/events/{id}` with `{"changeSource": {…}}`. */
export const cancelEventSchema = z.strictObject({
  changeSource: sourceOf('changeSource'),
}, { error: 'send {"changeSource": {"publisher", "quote", "url"?}}: on whose word the event is cancelled' });

export type EventPatch = z.infer<typeof patchEventSchema>;

/** Applies a patch; giving `date` clears `startTime` and the other way round, so an event stays one kind. */
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
  };
  if (patch.date) { next.date = patch.date; next.startTime = undefined; }
  if (patch.startTime) { next.startTime = patch.startTime; next.date = undefined; }
  if (patch.date === null && !patch.startTime) next.date = undefined;
  if (patch.startTime === null && !patch.date) next.startTime = undefined;
  if ((next.date === undefined) === (next.startTime === undefined)) {
    throw new PatchShapeError('the event must keep exactly one of date (all-day) or startTime (timed)');
  }
  return stripUndefined(next);
}

export class PatchShapeError extends Error {}

/** The calendar date the event falls on, in its own zone. */
export function eventLocalDate(e: Pick<DatedEvent, 'date' | 'startTime'>): string {
  return (e.date ?? e.startTime!.slice(0, 10));
}

/** The instant the event begins (all-day: midnight in its zone). */
export function eventStartsAt(e: Pick<DatedEvent, 'date' | 'startTime' | 'timeZone'>): Date {
  if (e.date) return zonedToInstant(e.date, '00:00', e.timeZone);
  return zonedToInstant(e.startTime!.slice(0, 10), e.startTime!.slice(11, 16), e.timeZone);
}

/** The instant the event is over: the end of its day for all-day events, start + 2 h for timed ones. */
export function eventEndsAt(e: Pick<DatedEvent, 'date' | 'startTime' | 'timeZone'>): Date {
  if (e.date) return zonedToInstant(addDays(e.date, 1), '00:00', e.timeZone);
  return new Date(eventStartsAt(e).getTime() + 2 * 3_600_000);
}

/** True when the change moves the event in time or place: readers who follow it get an alert. */
export function isMove(before: DatedEvent, after: EventInput): boolean {
  return before.date !== after.date || before.startTime !== after.startTime
    || before.timeZone !== after.timeZone || before.place !== after.place;
}

/** What the public API shows of an event. */
export function publicView(e: DatedEvent) {
  return {
    id: e.id,
    storyId: e.storyId,
    title: e.title,
    summary: e.summary,
    ...(e.date ? { date: e.date, allDay: true } : { startTime: e.startTime, allDay: false }),
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
export type WhenAndWhere = Pick<DatedEvent, 'date' | 'startTime' | 'timeZone' | 'place'>;

export const whenAndWhere = (e: WhenAndWhere): WhenAndWhere => stripUndefined({ date: e.date, startTime: e.startTime, timeZone: e.timeZone, place: e.place });

/** The event's change log; an event stored before the log was kept shows its creation from its own source. */
export function eventHistory(e: DatedEvent): EventChange[] {
  return e.history ?? [{ kind: 'created', at: e.createdAt, version: 1, source: e.source, to: whenAndWhere(e) }];
}

/** Most changes an event keeps in its log (the item stays far below DynamoDB's 400 KB). */
export const HISTORY_LIMIT = 100;

export function withChange(e: DatedEvent, change: EventChange): EventChange[] {
  return [...eventHistory(e), change].slice(-HISTORY_LIMIT);
}

/** Set on an event by a move or cancellation; the dispatcher turns it into one alert job and clears it. */
export interface PendingAlert {
  kind: 'moved' | 'cancelled';
  previous: WhenAndWhere;
}
