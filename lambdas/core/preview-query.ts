import * as z from 'zod';
import { httpUrl, oneLine, text } from './fields.ts';
import { updateRequestSchema } from './story-update-request.ts';
import { LANGUAGES } from './model/language.ts';
import { LEAD_TIMES } from './model/subscriber.ts';
import { canonicalTimeZone, isCalendarDate, isValidTimeZone } from './zoned-time.ts';

/*
 * What a preview or a test send can be asked for. Schema only, apart from the use case (previews.ts), so that the
 * API's description can use it without pulling the mail renderer into the public API's bundle.
 */

/** The kinds of email a preview or a test send can be of. */
export const PREVIEW_KINDS = ['confirmation', 'reminder', 'digest', 'moved', 'cancelled', 'confirmed', 'update'] as const;
export type PreviewKind = (typeof PREVIEW_KINDS)[number];

const zone = (field: string) => z.string({ error: `${field} must be a string` }).trim()
  .refine(isValidTimeZone, { error: `${field} must be an IANA time zone such as Asia/Tokyo` })
  .transform((name) => canonicalTimeZone(name)!);
const calendarDate = (field: string) => z.string({ error: `${field} must be a string` })
  .refine(isCalendarDate, { error: `${field} must be a real calendar date as YYYY-MM-DD` });
const localTime = (field: string) => z.string({ error: `${field} must be a string` })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { error: `${field} must be a local time as YYYY-MM-DDTHH:mm` })
  .refine((s) => isCalendarDate(s.slice(0, 10)), { error: `${field} must be on a real calendar date` });
const id = (field: string) => z.string({ error: `${field} must be a string` }).min(1, { error: `${field} must not be empty` })
  .max(200, { error: `${field} must be at most 200 characters` });
/** A preview's instant stays where dates are meaningful ("in 735,000 days" is not a preview anybody needs). */
export const MIN_PREVIEW_YEAR = 1970;
export const MAX_PREVIEW_YEAR = 2200;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Everything a preview can be asked for (query parameters of GET, fields of a test send's body): strings, checked
 * one by one so a 400 names the parameter; anything else is refused by name.
 */
export const previewFields = {
  event: id('event').optional(),
  story: id('story').optional(),
  /** The reader's language (default en): the mail's words, dates and the editors' translations of the text. */
  language: z.enum(LANGUAGES, { error: `language must be one of ${LANGUAGES.join(', ')}` }).optional(),
  /** The reader's zone (default: the event's, or UTC). */
  timeZone: zone('timeZone').optional(),
  lead: z.enum(LEAD_TIMES, { error: `lead must be one of ${LEAD_TIMES.join(', ')}` }).optional(),
  at: z.string({ error: 'at must be a string' })
    .refine((s) => INSTANT.test(s) && !Number.isNaN(Date.parse(s)), { error: 'at must be an ISO 8601 instant with its offset, such as 2016-12-01T08:00:00Z' })
    .refine((s) => { const year = new Date(s).getUTCFullYear(); return year >= MIN_PREVIEW_YEAR && year <= MAX_PREVIEW_YEAR; }, {
      error: `at must fall in the years ${MIN_PREVIEW_YEAR} to ${MAX_PREVIEW_YEAR}`,
    })
    .transform((s) => new Date(s)).optional(),
  /** digest: which digest (default weekly). */
  period: z.enum(['weekly', 'daily'], { error: 'period must be weekly or daily' }).optional(),
  /** moved, for an event that never moved: what it was before (the event's own zone and place). */
  from: calendarDate('from').optional(),
  fromTime: localTime('fromTime').optional(),
  /** moved and confirmed, before saving: the values the editor is about to save, over the stored event. */
  date: calendarDate('date').optional(),
  startTime: localTime('startTime').optional(),
  eventTimeZone: zone('eventTimeZone').optional(),
  place: oneLine('place', 200).optional(),
  /** moved, confirmed and cancelled, before saving: on whose word (the change's source, as the alert quotes it). */
  sourcePublisher: oneLine('sourcePublisher', 100).optional(),
  sourceQuote: text('sourceQuote', 1000).optional(),
  sourceUrl: httpUrl('sourceUrl', 500).optional(),
  /** update: a stored update of the story, or a draft's subject and body (the checks of POST /admin/stories/{id}/updates). */
  update: id('update').optional(),
  subject: updateRequestSchema.shape.subject.optional(),
  body: updateRequestSchema.shape.body.optional(),
};

export const previewQuerySchema = z.strictObject(previewFields);
export type PreviewQuery = z.infer<typeof previewQuerySchema>;

export const isPreviewKind = (kind: string): kind is PreviewKind => (PREVIEW_KINDS as readonly string[]).includes(kind);
