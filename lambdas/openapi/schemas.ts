/**
 * The zod schemas the OpenAPI document shows for what the API answers (request bodies reuse the handlers' own
 * schemas, imported in operations.ts). Each response schema is checked against the TypeScript type the handler
 * returns (`describing<T>()`), so a field added to a Story, an event or a job fails the type check here until
 * the document says it too.
 */
import * as z from 'zod';
import type { DateRange, DatedEvent, EventChange, EventSource, publicView, WhenAndWhere } from '#core/model/event.ts';
import type { SendJob } from '#core/model/job.ts';
import type { JobProgress, JobView } from '#core/jobs-admin.ts';
import type { AudienceView } from '#core/audience-admin.ts';
import type { Notice, Proposals, ProposedEvent } from '#core/proposals/propose.ts';
import type { publicStoryView, Story } from '#core/model/story.ts';
import type { Consent, Preferences } from '#core/model/subscriber.ts';
import type { ErasureResult, SubscriberLookup } from '#core/subscribers-admin.ts';
import type { ConfirmOutcome, SubscribeAccepted, UnsubscribeResult } from '#core/subscriptions.ts';
import type { Preview } from '#core/previews.ts';
import type { StoryUpdateListItem } from '#core/story-updates.ts';
import type { StoryUpdateView } from '#core/model/story-update.ts';
import type { TestSendResult } from '#core/test-sends.ts';
import type { consoleConfig } from '#lambdas/console/serve.ts';
import type { ClockReading } from '#core/stack-clock.ts';
import type { ZoneSuggestion } from '#core/proposals/place-zones.ts';
import type { ImportReport } from '#core/subscriber-csv/importer.ts';
import type { DeliveryRecord } from '#ports/delivery-log.ts';
import type { SuppressionRecord } from '#ports/suppression-store.ts';
import { DIGEST_FREQUENCIES, LEAD_TIMES } from '#core/model/subscriber.ts';
import { LANGUAGES } from '#core/model/language.ts';
import { eventTranslationsSchema, storyTranslationsSchema } from '#core/model/translations.ts';
import { SUBSCRIBE_ACCEPTED } from '#core/subscriptions.ts';

// ---- The check that a schema says what the type says -----------------------------------------------------------

type Keys<T> = T extends unknown ? keyof T : never;
/** True when every value of T fits the schema and the two name the same top-level fields. */
type Describes<S extends z.ZodType, T> =
  [T] extends [z.output<S>]
    ? [Keys<T>] extends [Keys<z.output<S>>] ? [Keys<z.output<S>>] extends [Keys<T>] ? true : false : false
    : false;

/** `describing<Story>()(schema)`: a type error unless the schema describes exactly the fields of Story. */
export const describing = <T>() =>
  <S extends z.ZodType>(schema: S, ..._mismatch: Describes<S, T> extends true ? [] : [error: 'the schema and the type differ']): S => schema;

// ---- Shared pieces ----------------------------------------------------------------------------------------------

const instant = z.iso.datetime({ offset: true }).meta({ description: 'An instant, ISO 8601 (UTC, e.g. 2016-12-15T00:00:00.000Z).' });
const calendarDate = z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD.' });
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/).meta({ description: 'A wall time in the event\'s zone, YYYY-MM-DDTHH:mm.' });
const timeZone = z.string().meta({ description: 'An IANA time zone, e.g. Asia/Tokyo.', example: 'Asia/Tokyo' });
const version = z.int().min(1).meta({ description: 'Increases with every change; send it back in If-Match.' });

/** `{error, issues?, currentVersion?, retryAfterSeconds?}`: every 4xx and 5xx JSON answer (handlers/http/errors.ts). */
export const errorSchema = z.object({
  error: z.string().meta({ description: 'What went wrong, in words for a person.' }),
  issues: z.array(z.object({
    field: z.string().meta({ description: 'The field, as a dotted path (e.g. source.quote), or (body).' }),
    message: z.string(),
  })).optional().meta({ description: 'Validation failures, one per field (400).' }),
  currentVersion: z.int().optional().meta({ description: 'The version the record is at now (412): fetch it again and retry.' }),
  retryAfterSeconds: z.int().optional().meta({ description: 'When to try again (429; also in the Retry-After header).' }),
  kinds: z.array(z.string()).optional().meta({ description: 'The known kinds, when an unknown preview kind was asked for (404).' }),
}).meta({ id: 'Error' });

export const eventSourceSchema = describing<EventSource>()(z.object({
  publisher: z.string(),
  quote: z.string(),
  url: z.url().optional(),
}).meta({ id: 'Source', description: 'Who said so: the publisher, their words and where to read them.' }));

export const dateRangeSchema = describing<DateRange>()(z.object({
  from: calendarDate,
  to: calendarDate,
  label: z.string().optional().meta({ description: 'The source\'s words for it, such as "mid-November".' }),
}).meta({ id: 'DateRange', description: 'The days a provisional event will fall within, both inclusive.' }));

const whenAndWhereSchema = describing<WhenAndWhere>()(z.object({
  date: calendarDate.optional(),
  startTime: localTime.optional(),
  range: dateRangeSchema.optional(),
  timeZone,
  place: z.string(),
}).meta({ id: 'WhenAndWhere' }));

const eventChangeSchema = describing<EventChange>()(z.object({
  kind: z.enum(['created', 'moved', 'confirmed', 'cancelled']),
  at: instant,
  version,
  source: eventSourceSchema,
  from: whenAndWhereSchema.optional(),
  to: whenAndWhereSchema.optional(),
}).meta({ id: 'EventChange' }));

// ---- Events -----------------------------------------------------------------------------------------------------

export const eventSchema = describing<DatedEvent>()(z.object({
  id: z.string(),
  storyId: z.string(),
  title: z.string(),
  summary: z.string(),
  date: calendarDate.optional().meta({ description: 'All-day events: the day, in timeZone.' }),
  startTime: localTime.optional().meta({ description: 'Timed events: the wall time, in timeZone.' }),
  range: dateRangeSchema.optional().meta({ description: 'Provisional events: the days it may fall on.' }),
  timeZone,
  place: z.string(),
  source: eventSourceSchema,
  status: z.enum(['scheduled', 'cancelled']),
  version,
  createdAt: instant,
  updatedAt: instant,
  history: z.array(eventChangeSchema).optional().meta({ description: 'What happened to it and on whose word, oldest first.' }),
  translations: eventTranslationsSchema.optional()
    .meta({ description: 'Title, summary and place per reader language (ja, ru, en), as an editor wrote them.' }),
}).meta({ id: 'Event', description: 'A dated event of a story, with exactly one of date, startTime or range.' }));

const publicEventBase = {
  id: z.string(),
  storyId: z.string(),
  title: z.string(),
  summary: z.string(),
  allDay: z.boolean(),
  provisional: z.boolean().meta({ description: 'True while the date is to be confirmed (range holds the days).' }),
  timeZone,
  startsAt: instant,
  endsAt: instant,
  place: z.string(),
  source: eventSourceSchema,
  status: z.enum(['scheduled', 'cancelled']),
  version,
  updatedAt: instant,
};

/** publicView types `range` as possibly undefined; an event with neither date nor startTime has one (event.ts). */
type WithRange<T> = T extends { range: infer R } ? Omit<T, 'range'> & { range: NonNullable<R> } : T;

export const publicEventSchema = describing<WithRange<ReturnType<typeof publicView>>>()(z.union([
  z.object({ ...publicEventBase, date: calendarDate }).meta({ title: 'All-day event' }),
  z.object({ ...publicEventBase, startTime: localTime }).meta({ title: 'Timed event' }),
  z.object({ ...publicEventBase, range: dateRangeSchema }).meta({ title: 'Provisional event' }),
]).meta({ id: 'PublicEvent', description: 'What the public API shows of an event: one of date, startTime or range.' }));

// ---- Stories ----------------------------------------------------------------------------------------------------

const storyStatus = z.enum(['active', 'archived', 'cancelled']);

export const storySchema = describing<Story>()(z.object({
  id: z.string(),
  title: z.string(),
  publisher: z.string(),
  publishedOn: calendarDate,
  url: z.url().optional(),
  summary: z.string().optional(),
  language: z.string().meta({ description: 'BCP 47 tag of the story\'s text, e.g. en.' }),
  background: z.array(z.string()).meta({ description: 'Undated context that digests carry beside the story\'s events.' }),
  translations: storyTranslationsSchema.optional()
    .meta({ description: 'Title and summary per reader language (ja, ru, en), as an editor wrote them.' }),
  status: storyStatus,
  version,
  createdAt: instant,
  updatedAt: instant,
}).meta({ id: 'Story' }));

export const publicStorySchema = describing<ReturnType<typeof publicStoryView>>()(z.object({
  id: z.string(),
  title: z.string(),
  publisher: z.string(),
  publishedOn: calendarDate,
  url: z.url().optional(),
  summary: z.string().optional(),
  language: z.string(),
  background: z.array(z.string()),
  translations: storyTranslationsSchema.optional(),
  status: storyStatus,
  updatedAt: instant,
}).meta({ id: 'PublicStory', description: 'What the public API shows of a story.' }));

export const storiesListSchema = z.object({ stories: z.array(storySchema) });
export const publicStoriesListSchema = z.object({ stories: z.array(publicStorySchema) });
export const upcomingSchema = z.object({
  stories: z.array(publicStorySchema),
  events: z.array(publicEventSchema).meta({ description: 'Upcoming events, soonest first.' }),
});
export const eventsListSchema = z.object({ events: z.array(eventSchema) });

// ---- Readers ----------------------------------------------------------------------------------------------------

export const preferencesSchemaOut = describing<Preferences>()(z.object({
  timeZone,
  reminders: z.array(z.enum(LEAD_TIMES)).meta({ description: 'Lead times before the event\'s day (P0D: that morning).' }),
  digest: z.enum(DIGEST_FREQUENCIES),
  stories: z.union([z.literal('all'), z.array(z.string())]).optional().meta({ description: 'Story ids followed, or all (absent: all).' }),
  events: z.union([z.literal('all'), z.array(z.string())]).meta({ description: 'Within those stories: every event, or these event ids.' }),
  updates: z.boolean().optional().meta({ description: 'Editors\' updates about the followed stories (absent: yes).' }),
  language: z.enum(LANGUAGES).optional().meta({ description: 'Mail and pages in this language; absent means en.' }),
}).meta({ id: 'Preferences' }));

const subscriberStatus = z.enum(['pending', 'active', 'unsubscribed', 'suppressed']);
const suppressionReason = z.enum(['bounce', 'complaint', 'request']);

export const subscribeAcceptedSchema = describing<SubscribeAccepted>()(z.object({
  status: z.literal(SUBSCRIBE_ACCEPTED.status),
  message: z.literal(SUBSCRIBE_ACCEPTED.message),
}).meta({ description: 'The same answer whatever the address\'s state: a confirmation email follows if it can receive mail.' }));

export const confirmAnswerSchema = describing<{ status: 'pending' | 'active' | 'unsubscribed' | 'suppressed'; outcome: ConfirmOutcome }>()(z.object({
  status: subscriberStatus,
  outcome: z.enum(['confirmed', 'already-confirmed']),
}));

export const preferencesAnswerSchema = z.object({ status: subscriberStatus, preferences: preferencesSchemaOut });

export const unsubscribeAnswerSchema = describing<UnsubscribeResult>()(z.object({
  status: z.enum(['unsubscribed', 'suppressed', 'none', 'unknown']).meta({
    description: 'Where the address stands afterwards: unsubscribed, suppressed (never mailed), none (no subscription), or unknown (a link from before links named their address, whose subscription is gone).',
  }),
  outcome: z.enum(['unsubscribed', 'already-unsubscribed', 'not-subscribed', 'suppressed', 'unknown-address']),
  blocked: z.boolean().meta({ description: 'True when the address is never to be mailed again (never=yes).' }),
}));

const consentSchema = describing<Consent>()(z.object({
  requestedAt: instant,
  requestIpHash: z.string(),
  requestUserAgent: z.string(),
  confirmedAt: instant.optional(),
  confirmIpHash: z.string().optional(),
  confirmUserAgent: z.string().optional(),
  source: z.string().optional().meta({ description: 'Imported readers: where the consent was given, as the imported list recorded it.' }),
  importedAt: instant.optional().meta({ description: 'Imported readers: when the import made the subscription.' }),
}).meta({ id: 'Consent', description: 'The record of the double opt-in (addresses hashed).' }));

const suppressionSchema = describing<SuppressionRecord>()(z.object({ reason: suppressionReason, at: instant }));

const deliverySchema = describing<DeliveryRecord>()(z.object({
  jobId: z.string(),
  kind: z.enum(['reminder', 'digest', 'alert', 'confirmation']),
  status: z.enum(['INPROGRESS', 'SENT', 'SKIPPED', 'FAILED']),
  subject: z.string().optional(),
  messageId: z.string().optional(),
  reason: z.string().optional(),
  at: instant,
}));

export const subscriberLookupSchema = describing<SubscriberLookup>()(z.object({
  id: z.string().optional().meta({ description: 'The subscription\'s opaque id; absent when only a suppression is left.' }),
  email: z.string(),
  status: z.enum(['pending', 'active', 'unsubscribed', 'suppressed', 'none']).meta({ description: 'none: no subscription, only a suppression.' }),
  preferences: preferencesSchemaOut.optional(),
  consent: consentSchema.optional(),
  createdAt: instant.optional(),
  updatedAt: instant.optional(),
  confirmedAt: instant.optional(),
  unsubscribedAt: instant.optional(),
  expiresAt: instant.optional(),
  suppressedAt: instant.optional(),
  suppressionReason: suppressionReason.optional(),
  transientBounces: z.int().optional(),
  suppression: suppressionSchema.optional().meta({ description: 'The lasting "never mail" record of the mailbox, kept after erasure.' }),
  recentDeliveries: z.array(deliverySchema),
}).meta({ id: 'SubscriberLookup' }));

export const erasureSchema = describing<ErasureResult>()(z.object({
  erased: z.literal(true),
  suppressionKept: z.boolean().meta({ description: 'A suppression outlives erasure on purpose.' }),
}));

// ---- Jobs and proposals -----------------------------------------------------------------------------------------

const leadTime = z.enum(LEAD_TIMES);

export const jobSchema = describing<SendJob>()(z.object({
  id: z.string(),
  kind: z.enum(['reminder', 'digest', 'alert', 'update']),
  dueAt: instant,
  timeZone: timeZone.optional(),
  storyId: z.string().optional(),
  eventId: z.string().optional(),
  eventDate: z.string().optional().meta({ description: 'The event\'s date when planned (a range as from/to for a provisional event).' }),
  lead: leadTime.optional(),
  supersededBy: z.array(leadTime).optional(),
  laterSameDay: z.array(leadTime).optional().meta({ description: 'Nearer leads due later the same day in this zone: readers who asked for one get only that one.' }),
  standsFor: z.array(leadTime).optional().meta({ description: 'Farther leads due earlier the same day in this zone, which this reminder stands for.' }),
  digest: z.enum(['weekly', 'daily']).optional(),
  alert: z.object({
    kind: z.enum(['moved', 'confirmed', 'cancelled']),
    previous: whenAndWhereSchema,
    version,
  }).optional(),
  updateId: z.string().optional().meta({ description: 'An editor\'s update to the story\'s followers (kind update).' }),
  status: z.enum(['fanning-out', 'queued', 'skipped']),
  reason: z.string().optional(),
  recipients: z.int().optional(),
  createdAt: instant,
}).meta({ id: 'Job', description: 'One scheduled send to a group of readers.' }));

export const jobProgressSchema = describing<JobProgress>()(z.object({
  targeted: z.int().optional().meta({ description: 'Readers the dispatcher handed to the sender (once queued).' }),
  sent: z.int().meta({ description: 'Mails SES accepted.' }),
  skipped: z.array(z.object({
    code: z.string(), reason: z.string().meta({ description: 'The reason in words.' }), readers: z.int(),
  }))
    .meta({ description: 'Readers the sender skipped at send time, per reason, most first.' }),
  waiting: z.int().optional().meta({ description: 'Targeted readers neither sent nor skipped yet.' }),
  delivered: z.int().meta({ description: 'SES Delivery events: the receiving mail server accepted the mail.' }),
  bounced: z.int().meta({ description: 'SES Bounce events (hard or soft).' }),
  complained: z.int().meta({ description: 'SES Complaint events (the reader marked it as spam).' }),
}).meta({
  id: 'JobProgress',
  description: 'Counted as it happens (the sender, and SES events published by the configuration set). '
    + 'No open or click tracking.',
}));

const jobViewSchema = describing<JobView>()(jobSchema.extend({
  storyTitle: z.string().optional(),
  eventTitle: z.string().optional(),
  updateSubject: z.string().optional().meta({ description: 'The subject of the editor\'s update (kind update).' }),
  progress: jobProgressSchema,
}).meta({ id: 'JobView', description: 'A send job, named by its story and event, with its progress.' }));

export const jobsListSchema = z.object({
  jobs: z.array(jobViewSchema).meta({ description: 'The latest 50, newest first.' }),
});

export const audienceSchema = describing<AudienceView>()(z.object({
  total: z.int().meta({ description: 'Active readers.' }),
  zones: z.array(z.object({ timeZone, readers: z.int() })).meta({ description: 'Per time zone, largest first.' }),
  followAll: z.int().meta({ description: 'Readers who follow every story (counted among each story\'s followers).' }),
  stories: z.array(z.object({
    id: z.string(), title: z.string(), status: z.enum(['active', 'archived', 'cancelled']), followers: z.int(),
  })),
  languages: z.array(z.object({ language: z.string(), readers: z.int() }))
    .meta({ description: 'Where subscriptions record one.' }),
}).meta({ id: 'Audience', description: 'Active readers, from counters kept as subscriptions change (no listing).' }));

const proposedRange = z.object({
  from: calendarDate, to: calendarDate,
  label: z.string().meta({ description: 'How the story put it ("mid-November", "June 3-4").' }),
});

const proposedEventSchema = describing<ProposedEvent>()(z.object({
  title: z.string(),
  date: calendarDate.optional(),
  startTime: localTime.optional(),
  range: proposedRange.optional(),
  timeZone,
  zoneFrom: z.enum([
    'city', 'region', 'region-uncertain', 'country', 'country-uncertain', 'sentence-before', 'story', 'dateline',
    'language', 'none',
  ]).meta({
    description: 'How the zone was found: the kind of place the event\'s sentence names, else the sentence before, '
      + 'the story\'s other places, the dateline, the story\'s language.',
  }),
  place: z.string(),
  quote: z.string().meta({ description: 'The words of the story the event was read from.' }),
  quotes: z.array(z.string())
    .meta({ description: 'Every sentence that speaks of the event, quote first (vaguer mentions merged into it).' }),
  confidence: z.number().min(0).max(1),
  provisional: z.boolean(),
}));

const noticeSchema = describing<Notice>()(z.object({
  kind: z.enum(['past', 'negated', 'postponed', 'cancelled']),
  title: z.string(),
  date: calendarDate.optional(),
  startTime: localTime.optional(),
  range: proposedRange.optional(),
  quote: z.string(),
}).meta({
  description: 'A mention that is no new event (past, will not happen, postponed, cancelled), '
    + 'to apply to a stored event.',
}));

export const proposalsSchema = describing<Proposals>()(z.object({
  story: z.object({
    title: z.string(), summary: z.string(), language: z.string(),
    dateline: z.object({ city: z.string(), date: calendarDate.optional() }).optional()
      .meta({ description: 'The city and day of the dateline, when the text opens with one.' }),
  }),
  events: z.array(proposedEventSchema),
  notices: z.array(noticeSchema),
  warnings: z.array(z.string())
    .meta({ description: 'What could not be read, such as a language Datewatch does not read.' }),
}).meta({ id: 'Proposals', description: 'A proposed story and the dated events it announces, for an editor to check; nothing is stored.' }));

// ---- HTML forms (the pages post these; JSON clients send the handlers' schemas) ---------------------------------

const preferenceFormFields = {
  timeZone: z.string().optional(),
  digest: z.enum(DIGEST_FREQUENCIES).optional(),
  reminders: z.array(z.enum(LEAD_TIMES)).optional().meta({ description: 'Ticked lead times (repeat the field); none ticked: no reminders.' }),
  eventsScope: z.enum(['all', 'chosen']).optional(),
  events: z.array(z.string()).optional().meta({ description: 'Event ids, with eventsScope=chosen.' }),
  storiesScope: z.enum(['all', 'chosen']).optional().meta({ description: 'Absent: the stories followed stay as they are.' }),
  stories: z.array(z.string()).optional().meta({ description: 'Story ids, with storiesScope=chosen.' }),
  updates: z.array(z.enum(['no', 'yes'])).optional()
    .meta({ description: 'A hidden "no" then the checkbox\'s "yes": the last one counts; absent leaves the choice as it is.' }),
};

export const subscribeFormSchema = z.object({ email: z.string(), ...preferenceFormFields, website: z.string().optional().meta({ description: 'Leave empty (a honeypot).' }) });
export const preferencesFormSchema = z.object({ token: z.string().optional(), ...preferenceFormFields });
export const tokenFormSchema = z.object({ token: z.string().optional().meta({ description: 'The link\'s token, when not in the query string.' }) });
export const unsubscribeFormSchema = z.object({
  'List-Unsubscribe': z.literal('One-Click').meta({ description: 'RFC 8058 one-click unsubscribe.' }),
  never: z.literal('yes').optional().meta({ description: 'Never mail this address again.' }),
  token: z.string().optional(),
});

/** A page, a calendar, a feed: described by its media type only. */
export const documentText = (description: string) => z.string().meta({ description });

// ---- Story updates, previews, test sends ------------------------------------------------------------------------

export const storyUpdateSchema = describing<StoryUpdateView>()(z.object({
  id: z.string(),
  storyId: z.string(),
  subject: z.string(),
  body: z.string().meta({ description: 'Plain text or the small Markdown of email/markdown.ts.' }),
  status: z.enum(['pending', 'dispatched']).meta({ description: 'pending until the dispatcher made its send job.' }),
  createdAt: instant,
  dispatchedAt: instant.optional(),
}).meta({ id: 'StoryUpdate', description: 'An editor\'s update to a story\'s followers.' }));

const updateJobSchema = describing<NonNullable<StoryUpdateListItem['job']>>()(z.object({
  id: z.string(),
  status: z.enum(['fanning-out', 'queued', 'skipped']),
  dueAt: instant,
  recipients: z.int().optional(),
  reason: z.string().optional(),
  progress: jobProgressSchema.optional(),
}));

export const storyUpdatesListSchema = describing<{ updates: StoryUpdateListItem[] }>()(z.object({
  updates: z.array(z.object({ ...storyUpdateSchema.shape, job: updateJobSchema.nullable().meta({ description: 'Its send job, once the dispatcher made one.' }) }))
    .meta({ description: 'Newest first, at most 50.' }),
}));

export const previewSchema = describing<Preview>()(z.object({
  subject: z.string(),
  html: z.string().meta({ description: 'The HTML part, as the sender would send it (links open nothing).' }),
  text: z.string().meta({ description: 'The plain-text part.' }),
  note: z.string().optional().meta({
    description: 'For the editor, never in the mail: why readers get none of it now (an empty digest), '
      + 'and when they would.',
  }),
}).meta({ id: 'Preview' }));

export const testSendSchema = describing<TestSendResult>()(z.object({
  sent: z.literal(true),
  to: z.string().meta({ description: 'The editor\'s own address, masked.' }),
  messageId: z.string(),
}));

export const consoleConfigSchema = describing<ReturnType<typeof consoleConfig>>()(z.union([
  z.object({ signIn: z.literal('local'), tokenUrl: z.string() }),
  z.object({
    signIn: z.literal('cognito'), authority: z.string(), clientId: z.string(), redirectUri: z.string(), logoutUri: z.string(), scope: z.string(),
  }),
]).meta({ description: 'How the console signs in (OpenID Connect with Cognito on AWS, a local token here); no secret.' }));

export const clockReadingSchema = describing<ClockReading>()(z.object({
  now: z.string().meta({ description: 'The stack\'s now, ISO 8601 in UTC.' }),
  simulated: z.boolean()
    .meta({ description: 'True on a local stack whose clock replays the story or is set by hand.' }),
  speed: z.number()
    .meta({ description: 'Seconds of this clock per real second: 1 real time, 0 a clock that moves only when set.' }),
  mode: z.string().optional().meta({ description: 'The local stack\'s clock mode: replay, manual or real.' }),
}).meta({ description: 'The stack\'s clock.' }));

export const zoneSuggestionsSchema = z.object({
  query: z.string(),
  suggestions: z.array(describing<ZoneSuggestion>()(z.object({
    timeZone: z.string().meta({ description: 'An IANA zone.' }),
    place: z.string().meta({ description: 'The gazetteer\'s place that gives it.' }),
    kind: z.enum(['city', 'region', 'country']),
    country: z.string().meta({ description: 'ISO 3166 alpha-2 code.' }),
    certain: z.boolean()
      .meta({ description: 'False when the place spans zones and this one does not hold most of its people.' }),
  }))),
}).meta({ description: 'Zones a place suggests, the likeliest first.' });

// ---- Subscribers in and out (CSV) -------------------------------------------------------------------------------

const rowOutcome = z.enum(['activated', 'confirmation-queued', 'unchanged', 'skipped', 'invalid', 'failed']);

export const importReportSchema = describing<ImportReport>()(z.object({
  dryRun: z.boolean().meta({ description: 'True: nothing was stored or sent; the report says what would happen.' }),
  delimiter: z.enum([',', ';']).meta({ description: 'The separator read from the header.' }),
  rowNumbering: z.string().meta({ description: 'How rows and lines are numbered.' }),
  columns: z.array(z.string()).meta({ description: 'The header\'s columns that were read.' }),
  ignoredColumns: z.array(z.string()),
  counts: z.object({
    rows: z.int(),
    ...Object.fromEntries(rowOutcome.options.map((o) => [o, z.int()])) as Record<z.infer<typeof rowOutcome>, z.ZodInt>,
  }),
  rows: z.array(z.object({
    row: z.int().meta({ description: 'Row 1 is the first record after the header; blank lines are not rows.' }),
    line: z.int().meta({ description: 'The line of the file the row starts on (the header is line 1).' }),
    email: z.string().optional(),
    outcome: rowOutcome,
    reason: z.string().optional().meta({ description: 'Why, for every outcome but activated and confirmation-queued (e.g. bad-email, suppressed).' }),
    message: z.string().optional(),
    problems: z.array(z.object({ field: z.string(), reason: z.string(), message: z.string() })).optional(),
  })).meta({ description: 'The rows, at most listedPerReason of each outcome and reason; counts cover them all.' }),
  listedPerReason: z.int().meta({ description: 'How many rows of each outcome and reason are listed at most (the report stays under 1 MB).' }),
  omitted: z.object({
    rows: z.int().meta({ description: 'Rows not listed.' }),
    byReason: z.record(z.string(), z.int()).meta({ description: 'Rows not listed, per "<outcome>:<reason>".' }),
  }),
}).meta({ id: 'ImportReport' }));
