import * as v from './validate/index.ts';
import { httpUrl, oneLine, text } from './fields.ts';
import { updateFields } from './story-update-request.ts';
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

const zone = (field: string) => v.pipe(
  v.string({ error: `${field} must be a string` })
    .check(v.trim(), v.refine(isValidTimeZone, { error: `${field} must be an IANA time zone such as Asia/Tokyo` })),
  v.transform((name: string) => canonicalTimeZone(name)!),
);
const calendarDate = (field: string) => v.string({ error: `${field} must be a string` })
  .check(v.refine(isCalendarDate, { error: `${field} must be a real calendar date as YYYY-MM-DD` }));
const localTime = (field: string) => v.string({ error: `${field} must be a string` }).check(
  v.regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { error: `${field} must be a local time as YYYY-MM-DDTHH:mm` }),
  v.refine((s) => isCalendarDate(s.slice(0, 10)), { error: `${field} must be on a real calendar date` }),
);
const id = (field: string) => v.string({ error: `${field} must be a string` }).check(
  v.minLength(1, { error: `${field} must not be empty` }),
  v.maxLength(200, { error: `${field} must be at most 200 characters` }),
);
/** A preview's instant stays where dates are meaningful ("in 735,000 days" is not a preview anybody needs). */
export const MIN_PREVIEW_YEAR = 1970;
export const MAX_PREVIEW_YEAR = 2200;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Everything a preview can be asked for (query parameters of GET, fields of a test send's body): strings, checked
 * one by one so a 400 names the parameter; anything else is refused by name.
 */
export const previewFields = () => ({
  event: v.optional(id('event')),
  story: v.optional(id('story')),
  /** The reader's language (default en): the mail's words, dates and the editors' translations of the text. */
  language: v.optional(v.enumOf(LANGUAGES, { error: `language must be one of ${LANGUAGES.join(', ')}` })),
  /** The reader's zone (default: the event's, or UTC). */
  timeZone: v.optional(zone('timeZone')),
  lead: v.optional(v.enumOf(LEAD_TIMES, { error: `lead must be one of ${LEAD_TIMES.join(', ')}` })),
  at: v.optional(v.pipe(
    v.string({ error: 'at must be a string' }).check(
      v.refine((s) => INSTANT.test(s) && !Number.isNaN(Date.parse(s)), {
        error: 'at must be an ISO 8601 instant with its offset, such as 2016-12-01T08:00:00Z',
      }),
      v.refine((s) => { const year = new Date(s).getUTCFullYear(); return year >= MIN_PREVIEW_YEAR && year <= MAX_PREVIEW_YEAR; }, {
        error: `at must fall in the years ${MIN_PREVIEW_YEAR} to ${MAX_PREVIEW_YEAR}`,
      }),
    ),
    v.transform((s: string) => new Date(s)),
  )),
  /** digest: which digest (default weekly). */
  period: v.optional(v.enumOf(['weekly', 'daily'], { error: 'period must be weekly or daily' })),
  /** moved, for an event that never moved: what it was before (the event's own zone and place). */
  from: v.optional(calendarDate('from')),
  fromTime: v.optional(localTime('fromTime')),
  /** moved and confirmed, before saving: the values the editor is about to save, over the stored event. */
  date: v.optional(calendarDate('date')),
  startTime: v.optional(localTime('startTime')),
  eventTimeZone: v.optional(zone('eventTimeZone')),
  place: v.optional(oneLine('place', 200)),
  /** moved, confirmed and cancelled, before saving: on whose word (the change's source, as the alert quotes it). */
  sourcePublisher: v.optional(oneLine('sourcePublisher', 100)),
  sourceQuote: v.optional(text('sourceQuote', 1000)),
  sourceUrl: v.optional(httpUrl('sourceUrl', 500)),
  /** update: a stored update of the story, or a draft's subject and body (the checks of POST /admin/stories/{id}/updates). */
  update: v.optional(id('update')),
  subject: v.optional(updateFields().subject),
  body: v.optional(updateFields().body),
});

/** Built on first use, as the event schemas are (model/event.ts says why). */
export const previewQuerySchema = /* @__PURE__ */ v.lazy(() => v.strictObject(previewFields()));
export type PreviewQuery = v.Infer<typeof previewQuerySchema>;

export const isPreviewKind = (kind: string): kind is PreviewKind => (PREVIEW_KINDS as readonly string[]).includes(kind);
