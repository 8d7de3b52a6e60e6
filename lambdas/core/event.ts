import * as z from 'zod';
import { canonicalTimeZone, isCalendarDate, isValidTimeZone, zonedToInstant, addDays } from './zoned-time.ts';

export type EventStatus = 'scheduled' | 'cancelled';

export interface EventSource {
  publisher: string;
  quote: string;
  url?: string;
}

/** A dated event of the story, as stored and as the admin API returns it. */
export interface DatedEvent {
  id: string;
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
}

/** The fields an editor writes; the server owns id, status, version and the timestamps. */
export type EventInput = Pick<DatedEvent, 'title' | 'summary' | 'date' | 'startTime' | 'timeZone' | 'place' | 'source'>;

/** What a template or the mail composer would read as its own: `{{name}}` placeholders and control-character markers. */
const PLACEHOLDER = /\{\{|\}\}/;

const text = (field: string, max: number) =>
  z.string({ error: `${field} must be a string` })
    .trim()
    .min(1, { error: `${field} must not be empty` })
    .max(max, { error: `${field} must be at most ${max} characters` })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { error: `${field} must not contain control characters` })
    .refine((s) => !PLACEHOLDER.test(s), { error: `${field} must not contain {{ or }}` });

/** An absolute http: or https: URL with a host, and nothing a feed line, a header or a template could misread. */
const httpUrl = (field: string, max: number) =>
  z.string({ error: `${field} must be a string` })
    .trim()
    .max(max, { error: `${field} must be at most ${max} characters` })
    .refine((s) => !/[\s\u0000-\u001f\u007f-\u009f]/.test(s), { error: `${field} must not contain whitespace or control characters` })
    .refine((s) => !PLACEHOLDER.test(s), { error: `${field} must not contain {{ or }}` })
    .refine(isAbsoluteHttpUrl, { error: `${field} must be an absolute http: or https: URL, such as https://example.com/story` });

function isAbsoluteHttpUrl(s: string): boolean {
  if (!/^https?:\/\/[^/?#]/i.test(s)) return false;
  try {
    const url = new URL(s);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const oneLine = (field: string, max: number) =>
  text(field, max).refine((s) => !/[\r\n]/.test(s), { error: `${field} must be a single line` });

const sourceSchema = z.strictObject({
  publisher: oneLine('source.publisher', 100),
  quote: text('source.quote', 1000),
  url: httpUrl('source.url', 500).optional(),
}, { error: 'source must be an object with publisher and quote' });

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
}).refine((p) => Object.keys(p).length > 0, { error: 'the body must change at least one field' });

export type EventPatch = z.infer<typeof patchEventSchema>;

/** Applies a patch; giving `date` clears `startTime` and the other way round, so an event stays one kind. */
export function applyPatch(event: DatedEvent, patch: EventPatch): EventInput {
  const next: EventInput = {
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

/** Set on an event by a move or cancellation; the dispatcher turns it into one alert job and clears it. */
export interface PendingAlert {
  kind: 'moved' | 'cancelled';
  previous: WhenAndWhere;
}
