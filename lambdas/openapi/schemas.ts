/**
 * The zod schemas the OpenAPI document shows for what the API answers (request bodies reuse the handlers' own
 * schemas, imported in operations.ts). Each response schema is checked against the TypeScript type the handler
 * returns (`describing<T>()`), so a field added to a Story, an event or a job fails the type check here until
 * the document says it too.
 */
import * as z from 'zod/mini';
import type { DateRange, DatedEvent, EventChange, EventSource, publicView, WhenAndWhere } from '#core/model/event.ts';
import type { SendJob } from '#core/model/job.ts';
import type { JobProgress, JobView } from '#core/jobs-admin.ts';
import type { AudienceView } from '#core/audience-admin.ts';
import type { Notice, Proposals, ProposedEvent } from '#core/proposals/propose.ts';
import type { AdminStory, publicStoryView } from '#core/model/story.ts';
import type { Consent, Preferences } from '#core/model/subscriber.ts';
import type { ErasureResult, SubscriberLookup } from '#core/subscribers-admin.ts';
import type { ConfirmOutcome, UnsubscribeResult } from '#core/subscriptions.ts';
import type { SubscribeAccepted } from '#core/subscribe.ts';
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
import { zodOf } from './zod-of.ts';
import { SUBSCRIBE_ACCEPTED } from '#core/subscribe.ts';

// ---- The check that a schema says what the type says -----------------------------------------------------------

type Keys<T> = T extends unknown ? keyof T : never;
/** True when every value of T fits the schema and the two name the same top-level fields. */
type Describes<S extends z.ZodMiniType, T> =
  [T] extends [z.output<S>]
    ? [Keys<T>] extends [Keys<z.output<S>>] ? [Keys<z.output<S>>] extends [Keys<T>] ? true : false : false
    : false;

/** `describing<Story>()(schema)`: a type error unless the schema describes exactly the fields of Story. */
export const describing = <T>() =>
  <S extends z.ZodMiniType>(schema: S, ..._mismatch: Describes<S, T> extends true ? [] : [error: 'the schema and the type differ']): S => schema;

/** What classic zod's `.meta()` does: a copy of the schema, with what the document says of it (id, description…). */
export const meta = <S extends z.ZodMiniType>(schema: S, data: z.core.GlobalMeta): S => {
  const described = schema.clone();
  z.globalRegistry.add(described, data);
  return described;
};

// ---- Shared pieces ----------------------------------------------------------------------------------------------

const instant = meta(z.iso.datetime({ offset: true }), {
  description: 'An instant, ISO 8601 (UTC, e.g. 2016-12-15T00:00:00.000Z).',
});
const calendarDate = meta(z.iso.date(), { description: 'A calendar date, YYYY-MM-DD.' });
const localTime = meta(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)), { description: 'A wall time in the event\'s zone, YYYY-MM-DDTHH:mm.' });
const timeZone = meta(z.string(), { description: 'An IANA time zone, e.g. Asia/Tokyo.', example: 'Asia/Tokyo' });
const version = meta(z.int().check(z.gte(1)), {
  description: 'Increases with every change; send it back in If-Match.',
});

/** `{error, issues?, currentVersion?, retryAfterSeconds?}`: every 4xx and 5xx JSON answer (handlers/http/errors.ts). */
export const errorSchema = meta(z.object({
  error: meta(z.string(), { description: 'What went wrong, in words for a person.' }),
  issues: meta(z.optional(z.array(z.object({
    field: meta(z.string(), { description: 'The field, as a dotted path (e.g. source.quote), or (body).' }),
    message: z.string(),
  }))), { description: 'Validation failures, one per field (400).' }),
  currentVersion: meta(z.optional(z.int()), {
    description: 'The version the record is at now (412): fetch it again and retry.',
  }),
  retryAfterSeconds: meta(z.optional(z.int()), {
    description: 'When to try again (429; also in the Retry-After header).',
  }),
  kinds: meta(z.optional(z.array(z.string())), {
    description: 'The known kinds, when an unknown preview kind was asked for (404).',
  }),
}), { id: 'Error' });

export const eventSourceSchema = describing<EventSource>()(meta(z.object({
  publisher: z.string(),
  quote: z.string(),
  url: z.optional(z.url()),
}), { id: 'Source', description: 'Who said so: the publisher, their words and where to read them.' }));

export const dateRangeSchema = describing<DateRange>()(meta(z.object({
  from: calendarDate,
  to: calendarDate,
  label: meta(z.optional(z.string()), { description: 'The source\'s words for it, such as "mid-November".' }),
}), { id: 'DateRange', description: 'The days a provisional event will fall within, both inclusive.' }));

const whenAndWhereSchema = describing<WhenAndWhere>()(meta(z.object({
  date: z.optional(calendarDate),
  startTime: z.optional(localTime),
  range: z.optional(dateRangeSchema),
  timeZone,
  place: z.string(),
}), { id: 'WhenAndWhere' }));

const eventChangeSchema = describing<EventChange>()(meta(z.object({
  kind: z.enum(['created', 'moved', 'confirmed', 'cancelled']),
  at: instant,
  version,
  source: eventSourceSchema,
  from: z.optional(whenAndWhereSchema),
  to: z.optional(whenAndWhereSchema),
}), { id: 'EventChange' }));

// ---- Events -----------------------------------------------------------------------------------------------------

export const eventSchema = describing<DatedEvent>()(meta(z.object({
  id: z.string(),
  storyId: z.string(),
  title: z.string(),
  summary: z.string(),
  date: meta(z.optional(calendarDate), { description: 'All-day events: the day, in timeZone.' }),
  startTime: meta(z.optional(localTime), { description: 'Timed events: the wall time, in timeZone.' }),
  range: meta(z.optional(dateRangeSchema), { description: 'Provisional events: the days it may fall on.' }),
  timeZone,
  place: z.string(),
  source: eventSourceSchema,
  status: z.enum(['scheduled', 'cancelled']),
  version,
  createdAt: instant,
  updatedAt: instant,
  history: meta(z.optional(z.array(eventChangeSchema)), {
    description: 'What happened to it and on whose word, oldest first.',
  }),
  translations: meta(z.optional(zodOf(eventTranslationsSchema)), {
    description: 'Title, summary and place per reader language (ja, ru, en), as an editor wrote them.',
  }),
}), { id: 'Event', description: 'A dated event of a story, with exactly one of date, startTime or range.' }));

const publicEventBase = {
  id: z.string(),
  storyId: z.string(),
  title: z.string(),
  summary: z.string(),
  allDay: z.boolean(),
  provisional: meta(z.boolean(), { description: 'True while the date is to be confirmed (range holds the days).' }),
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

export const publicEventSchema = describing<WithRange<ReturnType<typeof publicView>>>()(meta(z.union([
  meta(z.object({ ...publicEventBase, date: calendarDate }), { title: 'All-day event' }),
  meta(z.object({ ...publicEventBase, startTime: localTime }), { title: 'Timed event' }),
  meta(z.object({ ...publicEventBase, range: dateRangeSchema }), { title: 'Provisional event' }),
]), { id: 'PublicEvent', description: 'What the public API shows of an event: one of date, startTime or range.' }));

// ---- Stories ----------------------------------------------------------------------------------------------------

const storyStatus = z.enum(['active', 'archived', 'cancelled']);

const withdrawalSchema = meta(z.object({
  source: z.optional(eventSourceSchema),
  at: z.optional(instant),
  eventsLeft: meta(z.array(z.string()), {
    description: 'Events still scheduled: the withdraw stopped half-way. The same PATCH sent again finishes it.',
  }),
}), { description: 'A withdrawn story: on whose word and when (absent for stories withdrawn before it was kept).' });

export const storySchema = describing<AdminStory>()(meta(z.object({
  id: z.string(),
  title: z.string(),
  publisher: z.string(),
  publishedOn: calendarDate,
  url: z.optional(z.url()),
  summary: z.optional(z.string()),
  language: meta(z.string(), { description: 'BCP 47 tag of the story\'s text, e.g. en.' }),
  background: meta(z.array(z.string()), { description: 'Undated context that digests carry beside the story\'s events.' }),
  translations: meta(z.optional(zodOf(storyTranslationsSchema)), {
    description: 'Title and summary per reader language (ja, ru, en), as an editor wrote them.',
  }),
  status: storyStatus,
  withdrawal: z.optional(withdrawalSchema),
  version,
  createdAt: instant,
  updatedAt: instant,
}), { id: 'Story' }));

export const publicStorySchema = describing<ReturnType<typeof publicStoryView>>()(meta(z.object({
  id: z.string(),
  title: z.string(),
  publisher: z.string(),
  publishedOn: calendarDate,
  url: z.optional(z.url()),
  summary: z.optional(z.string()),
  language: z.string(),
  background: z.array(z.string()),
  translations: z.optional(zodOf(storyTranslationsSchema)),
  status: storyStatus,
  updatedAt: instant,
}), { id: 'PublicStory', description: 'What the public API shows of a story.' }));

export const storiesListSchema = z.object({ stories: z.array(storySchema) });
export const publicStoriesListSchema = z.object({ stories: z.array(publicStorySchema) });
export const upcomingSchema = z.object({
  stories: z.array(publicStorySchema),
  events: meta(z.array(publicEventSchema), { description: 'Upcoming events, soonest first.' }),
});
export const eventsListSchema = z.object({ events: z.array(eventSchema) });

// ---- Readers ----------------------------------------------------------------------------------------------------

export const preferencesSchemaOut = describing<Preferences>()(meta(z.object({
  timeZone,
  reminders: meta(z.array(z.enum(LEAD_TIMES)), { description: 'Lead times before the event\'s day (P0D: that morning).' }),
  digest: z.enum(DIGEST_FREQUENCIES),
  stories: meta(z.optional(z.union([z.literal('all'), z.array(z.string())])), {
    description: 'Story ids followed, or all (absent: all).',
  }),
  events: meta(z.union([z.literal('all'), z.array(z.string())]), {
    description: 'Within those stories: every event, or these event ids.',
  }),
  updates: meta(z.optional(z.boolean()), { description: 'Editors\' updates about the followed stories (absent: yes).' }),
  language: meta(z.optional(z.enum(LANGUAGES)), { description: 'Mail and pages in this language; absent means en.' }),
}), { id: 'Preferences' }));

const subscriberStatus = z.enum(['pending', 'active', 'unsubscribed', 'suppressed']);
const suppressionReason = z.enum(['bounce', 'complaint', 'request']);

export const subscribeAcceptedSchema = describing<SubscribeAccepted>()(meta(z.object({
  status: z.literal(SUBSCRIBE_ACCEPTED.status),
  message: z.literal(SUBSCRIBE_ACCEPTED.message),
}), { description: 'The same answer whatever the address\'s state: a confirmation email follows if it can receive mail.' }));

export const confirmAnswerSchema = describing<{ status: 'pending' | 'active' | 'unsubscribed' | 'suppressed'; outcome: ConfirmOutcome }>()(z.object({
  status: subscriberStatus,
  outcome: z.enum(['confirmed', 'already-confirmed']),
}));

export const preferencesAnswerSchema = z.object({ status: subscriberStatus, preferences: preferencesSchemaOut });

export const unsubscribeAnswerSchema = describing<UnsubscribeResult>()(z.object({
  status: meta(z.enum(['unsubscribed', 'suppressed', 'none', 'unknown']), {
    description: 'Where the address stands afterwards: unsubscribed, suppressed (never mailed), none (no subscription), or unknown (a link from before links named their address, whose subscription is gone).',
  }),
  outcome: z.enum(['unsubscribed', 'already-unsubscribed', 'not-subscribed', 'suppressed', 'unknown-address']),
  blocked: meta(z.boolean(), { description: 'True when the address is never to be mailed again (never=yes).' }),
}));

const consentSchema = describing<Consent>()(meta(z.object({
  requestedAt: instant,
  requestIpHash: z.string(),
  requestUserAgent: z.string(),
  confirmedAt: z.optional(instant),
  confirmIpHash: z.optional(z.string()),
  confirmUserAgent: z.optional(z.string()),
  source: meta(z.optional(z.string()), {
    description: 'Imported readers: where the consent was given, as the imported list recorded it.',
  }),
  importedAt: meta(z.optional(instant), { description: 'Imported readers: when the import made the subscription.' }),
}), { id: 'Consent', description: 'The record of the double opt-in (addresses hashed).' }));

const suppressionSchema = describing<SuppressionRecord>()(z.object({ reason: suppressionReason, at: instant }));

const deliverySchema = describing<DeliveryRecord>()(z.object({
  jobId: z.string(),
  kind: z.enum(['reminder', 'digest', 'alert', 'confirmation']),
  status: z.enum(['INPROGRESS', 'SENT', 'SKIPPED', 'FAILED']),
  subject: z.optional(z.string()),
  messageId: z.optional(z.string()),
  reason: z.optional(z.string()),
  at: instant,
}));

export const subscriberLookupSchema = describing<SubscriberLookup>()(meta(z.object({
  id: meta(z.optional(z.string()), { description: 'The subscription\'s opaque id; absent when only a suppression is left.' }),
  email: z.string(),
  status: meta(z.enum(['pending', 'active', 'unsubscribed', 'suppressed', 'none']), {
    description: 'none: no subscription, only a suppression.',
  }),
  preferences: z.optional(preferencesSchemaOut),
  consent: z.optional(consentSchema),
  createdAt: z.optional(instant),
  updatedAt: z.optional(instant),
  confirmedAt: z.optional(instant),
  unsubscribedAt: z.optional(instant),
  expiresAt: z.optional(instant),
  suppressedAt: z.optional(instant),
  suppressionReason: z.optional(suppressionReason),
  transientBounces: z.optional(z.int()),
  suppression: meta(z.optional(suppressionSchema), {
    description: 'The lasting "never mail" record of the mailbox, kept after erasure.',
  }),
  recentDeliveries: z.array(deliverySchema),
}), { id: 'SubscriberLookup' }));

export const erasureSchema = describing<ErasureResult>()(z.object({
  erased: z.literal(true),
  suppressionKept: meta(z.boolean(), { description: 'A suppression outlives erasure on purpose.' }),
}));

// ---- Jobs and proposals -----------------------------------------------------------------------------------------

const leadTime = z.enum(LEAD_TIMES);

export const jobSchema = describing<SendJob>()(meta(z.object({
  id: z.string(),
  kind: z.enum(['reminder', 'digest', 'alert', 'update']),
  dueAt: instant,
  timeZone: z.optional(timeZone),
  storyId: z.optional(z.string()),
  eventId: z.optional(z.string()),
  eventDate: meta(z.optional(z.string()), { description: 'The event\'s date when planned (a range as from/to for a provisional event).' }),
  lead: z.optional(leadTime),
  supersededBy: z.optional(z.array(leadTime)),
  laterSameDay: meta(z.optional(z.array(leadTime)), {
    description: 'Nearer leads due later the same day in this zone: readers who asked for one get only that one.',
  }),
  standsFor: meta(z.optional(z.array(leadTime)), {
    description: 'Farther leads due earlier the same day in this zone, which this reminder stands for.',
  }),
  digest: z.optional(z.enum(['weekly', 'daily'])),
  alert: z.optional(z.object({
    kind: z.enum(['moved', 'confirmed', 'cancelled']),
    previous: whenAndWhereSchema,
    version,
  })),
  updateId: meta(z.optional(z.string()), { description: 'An editor\'s update to the story\'s followers (kind update).' }),
  status: z.enum(['fanning-out', 'queued', 'skipped']),
  reason: z.optional(z.string()),
  recipients: z.optional(z.int()),
  createdAt: instant,
}), { id: 'Job', description: 'One scheduled send to a group of readers.' }));

export const jobProgressSchema = describing<JobProgress>()(meta(z.object({
  targeted: meta(z.optional(z.int()), { description: 'Readers the dispatcher handed to the sender (once queued).' }),
  sent: meta(z.int(), { description: 'Mails SES accepted.' }),
  skipped: meta(z.array(z.object({
    code: z.string(), reason: meta(z.string(), { description: 'The reason in words.' }), readers: z.int(),
  })), { description: 'Readers the sender skipped at send time, per reason, most first.' }),
  waiting: meta(z.optional(z.int()), { description: 'Targeted readers neither sent nor skipped yet.' }),
  delivered: meta(z.int(), { description: 'SES Delivery events: the receiving mail server accepted the mail.' }),
  bounced: meta(z.int(), { description: 'SES Bounce events (hard or soft).' }),
  complained: meta(z.int(), { description: 'SES Complaint events (the reader marked it as spam).' }),
}), {
  id: 'JobProgress',
  description: 'Counted as it happens (the sender, and SES events published by the configuration set). '
    + 'No open or click tracking.',
}));

const jobViewSchema = describing<JobView>()(meta(z.extend(jobSchema, {
  storyTitle: z.optional(z.string()),
  eventTitle: z.optional(z.string()),
  updateSubject: meta(z.optional(z.string()), { description: 'The subject of the editor\'s update (kind update).' }),
  progress: jobProgressSchema,
}), { id: 'JobView', description: 'A send job, named by its story and event, with its progress.' }));

export const jobsListSchema = z.object({
  jobs: meta(z.array(jobViewSchema), { description: 'The latest 50, newest first.' }),
});

export const audienceSchema = describing<AudienceView>()(meta(z.object({
  total: meta(z.int(), { description: 'Active readers.' }),
  zones: meta(z.array(z.object({ timeZone, readers: z.int() })), { description: 'Per time zone, largest first.' }),
  followAll: meta(z.int(), { description: 'Readers who follow every story (counted among each story\'s followers).' }),
  stories: z.array(z.object({
    id: z.string(), title: z.string(), status: z.enum(['active', 'archived', 'cancelled']), followers: z.int(),
  })),
  languages: meta(z.array(z.object({ language: z.string(), readers: z.int() })), {
    description: 'Where subscriptions record one.',
  }),
}), { id: 'Audience', description: 'Active readers, from counters kept as subscriptions change (no listing).' }));

const proposedRange = z.object({
  from: calendarDate, to: calendarDate,
  label: meta(z.string(), { description: 'How the story put it ("mid-November", "June 3-4").' }),
});

const proposedEventSchema = describing<ProposedEvent>()(z.object({
  title: z.string(),
  date: z.optional(calendarDate),
  startTime: z.optional(localTime),
  range: z.optional(proposedRange),
  timeZone,
  zoneFrom: meta(z.enum([
    'city', 'region', 'region-uncertain', 'country', 'country-uncertain', 'sentence-before', 'story', 'dateline',
    'language', 'none',
  ]), {
    description: 'How the zone was found: the kind of place the event\'s sentence names, else the sentence before, '
      + 'the story\'s other places, the dateline, the story\'s language.',
  }),
  place: z.string(),
  quote: meta(z.string(), { description: 'The words of the story the event was read from.' }),
  quotes: meta(z.array(z.string()), {
    description: 'Every sentence that speaks of the event, quote first (vaguer mentions merged into it).',
  }),
  confidence: z.number().check(z.gte(0), z.lte(1)),
  provisional: z.boolean(),
}));

const noticeSchema = describing<Notice>()(meta(z.object({
  kind: z.enum(['past', 'negated', 'postponed', 'cancelled']),
  title: z.string(),
  date: z.optional(calendarDate),
  startTime: z.optional(localTime),
  range: z.optional(proposedRange),
  quote: z.string(),
}), {
  description: 'A mention that is no new event (past, will not happen, postponed, cancelled), '
    + 'to apply to a stored event.',
}));

export const proposalsSchema = describing<Proposals>()(meta(z.object({
  story: z.object({
    title: z.string(), summary: z.string(), language: z.string(),
    dateline: meta(z.optional(z.object({ city: z.string(), date: z.optional(calendarDate) })), {
      description: 'The city and day of the dateline, when the text opens with one.',
    }),
  }),
  events: z.array(proposedEventSchema),
  notices: z.array(noticeSchema),
  warnings: meta(z.array(z.string()), {
    description: 'What could not be read, such as a language Datewatch does not read.',
  }),
}), { id: 'Proposals', description: 'A proposed story and the dated events it announces, for an editor to check; nothing is stored.' }));

// ---- HTML forms (the pages post these; JSON clients send the handlers' schemas) ---------------------------------

const preferenceFormFields = {
  timeZone: z.optional(z.string()),
  digest: z.optional(z.enum(DIGEST_FREQUENCIES)),
  reminders: meta(z.optional(z.array(z.enum(LEAD_TIMES))), {
    description: 'Ticked lead times (repeat the field); none ticked: no reminders.',
  }),
  eventsScope: z.optional(z.enum(['all', 'chosen'])),
  events: meta(z.optional(z.array(z.string())), { description: 'Event ids, with eventsScope=chosen.' }),
  storiesScope: meta(z.optional(z.enum(['all', 'chosen'])), {
    description: 'Absent: the stories followed stay as they are.',
  }),
  stories: meta(z.optional(z.array(z.string())), { description: 'Story ids, with storiesScope=chosen.' }),
  updates: meta(z.optional(z.array(z.enum(['no', 'yes']))), { description: 'A hidden "no" then the checkbox\'s "yes": the last one counts; absent leaves the choice as it is.' }),
};

export const subscribeFormSchema = z.object({ email: z.string(), ...preferenceFormFields, website: meta(z.optional(z.string()), { description: 'Leave empty (a honeypot).' }) });
export const preferencesFormSchema = z.object({ token: z.optional(z.string()), ...preferenceFormFields });
export const tokenFormSchema = z.object({ token: meta(z.optional(z.string()), { description: 'The link\'s token, when not in the query string.' }) });
export const unsubscribeFormSchema = z.object({
  'List-Unsubscribe': meta(z.literal('One-Click'), { description: 'RFC 8058 one-click unsubscribe.' }),
  never: meta(z.optional(z.literal('yes')), { description: 'Never mail this address again.' }),
  token: z.optional(z.string()),
});

/** A page, a calendar, a feed: described by its media type only. */
export const documentText = (description: string) => meta(z.string(), { description });

// ---- Story updates, previews, test sends ------------------------------------------------------------------------

export const storyUpdateSchema = describing<StoryUpdateView>()(meta(z.object({
  id: z.string(),
  storyId: z.string(),
  subject: z.string(),
  body: meta(z.string(), { description: 'Plain text or the small Markdown of email/markdown.ts.' }),
  status: meta(z.enum(['pending', 'dispatched']), { description: 'pending until the dispatcher made its send job.' }),
  createdAt: instant,
  dispatchedAt: z.optional(instant),
}), { id: 'StoryUpdate', description: 'An editor\'s update to a story\'s followers.' }));

const updateJobSchema = describing<NonNullable<StoryUpdateListItem['job']>>()(z.object({
  id: z.string(),
  status: z.enum(['fanning-out', 'queued', 'skipped']),
  dueAt: instant,
  recipients: z.optional(z.int()),
  reason: z.optional(z.string()),
  progress: z.optional(jobProgressSchema),
}));

export const storyUpdatesListSchema = describing<{ updates: StoryUpdateListItem[] }>()(z.object({
  updates: meta(z.array(z.object({ ...storyUpdateSchema.shape, job: meta(z.nullable(updateJobSchema), { description: 'Its send job, once the dispatcher made one.' }) })), { description: 'Newest first, at most 50.' }),
}));

export const previewSchema = describing<Preview>()(meta(z.object({
  subject: z.string(),
  html: meta(z.string(), { description: 'The HTML part, as the sender would send it (links open nothing).' }),
  text: meta(z.string(), { description: 'The plain-text part.' }),
  note: meta(z.optional(z.string()), {
    description: 'For the editor, never in the mail: why readers get none of it now (an empty digest), '
      + 'and when they would.',
  }),
}), { id: 'Preview' }));

export const testSendSchema = describing<TestSendResult>()(z.object({
  sent: z.literal(true),
  to: meta(z.string(), { description: 'The editor\'s own address, masked.' }),
  messageId: z.string(),
}));

export const consoleConfigSchema = describing<ReturnType<typeof consoleConfig>>()(meta(z.union([
  z.object({ signIn: z.literal('local'), tokenUrl: z.string() }),
  z.object({
    signIn: z.literal('cognito'), authority: z.string(), clientId: z.string(), redirectUri: z.string(), logoutUri: z.string(), scope: z.string(),
  }),
]), { description: 'How the console signs in (OpenID Connect with Cognito on AWS, a local token here); no secret.' }));

export const clockReadingSchema = describing<ClockReading>()(meta(z.object({
  now: meta(z.string(), { description: 'The stack\'s now, ISO 8601 in UTC.' }),
  simulated: meta(z.boolean(), {
    description: 'True on a local stack whose clock replays the story or is set by hand.',
  }),
  speed: meta(z.number(), {
    description: 'Seconds of this clock per real second: 1 real time, 0 a clock that moves only when set.',
  }),
  mode: meta(z.optional(z.string()), { description: 'The local stack\'s clock mode: replay, manual or real.' }),
}), { description: 'The stack\'s clock.' }));

export const zoneSuggestionsSchema = meta(z.object({
  query: z.string(),
  suggestions: z.array(describing<ZoneSuggestion>()(z.object({
    timeZone: meta(z.string(), { description: 'An IANA zone.' }),
    place: meta(z.string(), { description: 'The gazetteer\'s place that gives it.' }),
    kind: z.enum(['city', 'region', 'country']),
    country: meta(z.string(), { description: 'ISO 3166 alpha-2 code.' }),
    certain: meta(z.boolean(), {
      description: 'False when the place spans zones and this one does not hold most of its people.',
    }),
  }))),
}), { description: 'Zones a place suggests, the likeliest first.' });

// ---- Subscribers in and out (CSV) -------------------------------------------------------------------------------

const rowOutcome = z.enum(['activated', 'confirmation-queued', 'unchanged', 'skipped', 'invalid', 'failed']);

export const importReportSchema = describing<ImportReport>()(meta(z.object({
  dryRun: meta(z.boolean(), { description: 'True: nothing was stored or sent; the report says what would happen.' }),
  delimiter: meta(z.enum([',', ';']), { description: 'The separator read from the header.' }),
  rowNumbering: meta(z.string(), { description: 'How rows and lines are numbered.' }),
  columns: meta(z.array(z.string()), { description: 'The header\'s columns that were read.' }),
  ignoredColumns: z.array(z.string()),
  counts: z.object({
    rows: z.int(),
    ...Object.fromEntries(rowOutcome.options.map((o) => [o, z.int()])) as Record<z.infer<typeof rowOutcome>, z.ZodMiniNumberFormat>,
  }),
  rows: meta(z.array(z.object({
    row: meta(z.int(), { description: 'Row 1 is the first record after the header; blank lines are not rows.' }),
    line: meta(z.int(), { description: 'The line of the file the row starts on (the header is line 1).' }),
    email: z.optional(z.string()),
    outcome: rowOutcome,
    reason: meta(z.optional(z.string()), {
      description: 'Why, for every outcome but activated and confirmation-queued (e.g. bad-email, suppressed).',
    }),
    message: z.optional(z.string()),
    problems: z.optional(z.array(z.object({ field: z.string(), reason: z.string(), message: z.string() }))),
  })), { description: 'The rows, at most listedPerReason of each outcome and reason; counts cover them all.' }),
  listedPerReason: meta(z.int(), {
    description: 'How many rows of each outcome and reason are listed at most (the report stays under 1 MB).',
  }),
  omitted: z.object({
    rows: meta(z.int(), { description: 'Rows not listed.' }),
    byReason: meta(z.record(z.string(), z.int()), { description: 'Rows not listed, per "<outcome>:<reason>".' }),
  }),
}), { id: 'ImportReport' }));
