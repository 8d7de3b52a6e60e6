/**
 * What each route of routes.ts takes and answers, one entry per route key ("METHOD /path"). Request bodies are
 * the very schemas the handlers validate with; responses come from schemas.ts. document.ts adds what every
 * route shares: path parameters, the bearer security and 401/403 of admin routes, the error shape, 500.
 * Adding a route to routes.ts means adding its entry here: the type check fails until then.
 */
import * as z from 'zod/mini';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import { cancelEventSchema, createEventSchema, patchEventSchema } from '#core/model/event.ts';
import { sourceSchema } from '#core/fields.ts';
import { PREVIEW_KINDS, previewQuerySchema } from '#core/preview-query.ts';
import { proposalRequestSchema } from '#core/proposals/propose.ts';
import { MAX_PROPOSAL_BODY_BYTES, MAX_STORY_CHARS } from '#core/proposals/limits.ts';
import { createStorySchema, patchStorySchema } from '#core/model/story.ts';
import { updateRequestSchema } from '#core/story-update-request.ts';
import { DEFAULT_EXPORT_ROWS, EXPORT_COLUMNS, MAX_EXPORT_ROWS } from '#core/subscriber-csv/exporter.ts';
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '#core/subscriber-csv/import-plan.ts';
import { preferencesSchema, subscribeSchema } from '#core/subscription-schema.ts';
import type { RouteKey } from '#lambdas/routes.ts';
import { zodObjectOf, zodOf } from './zod-of.ts';
import {
  clockReadingSchema, meta, zoneSuggestionsSchema,
  confirmAnswerSchema, consoleConfigSchema, importReportSchema, documentText, previewSchema, storyUpdateSchema, storyUpdatesListSchema, testSendSchema, erasureSchema, eventSchema, eventsListSchema, jobsListSchema, preferencesAnswerSchema,
  audienceSchema,
  preferencesFormSchema, proposalsSchema, publicStoriesListSchema, storiesListSchema, storySchema, subscribeAcceptedSchema,
  subscribeFormSchema, subscriberLookupSchema, tokenFormSchema, unsubscribeAnswerSchema, unsubscribeFormSchema, upcomingSchema,
} from './schemas.ts';

export const TAGS = {
  pages: 'Reader pages and forms',
  catalog: 'Stories and events',
  feeds: 'Feeds',
  meta: 'API description',
  adminStories: 'Admin: stories',
  adminEvents: 'Admin: events',
  adminReaders: 'Admin: subscribers and sends',
  console: 'Editors\' console',
} as const;
type Tag = (typeof TAGS)[keyof typeof TAGS];

type ObjectSchema = z.ZodMiniObject;

export interface Operation {
  summary: string;
  description?: string;
  tags: [Tag, ...Tag[]];
  /** Path parameters with their meaning; any `{name}` of the path not listed here is documented as a plain string. */
  path?: ObjectSchema;
  query?: ObjectSchema;
  headers?: ObjectSchema;
  /** The body by media type (application/json, application/x-www-form-urlencoded, multipart/form-data). */
  body?: { description?: string; required: boolean; content: Partial<Record<BodyMedia, z.ZodMiniType>> };
  /** Success answers by status. */
  responses: Record<number, ZodOpenApiResponseObject>;
  /** Failures beyond the ones every route shares (500; 401 and 403 on admin routes), with when they happen. */
  errors?: Record<number, string>;
  /** How failures are answered: JSON (the default), an HTML page, or a page when a browser asked (Accept: text/html or a form post). */
  errorsAs?: 'json' | 'page' | 'page-or-json';
}

type BodyMedia = 'application/json' | 'application/x-www-form-urlencoded' | 'multipart/form-data' | 'text/csv';

/** The object schema a handler's schema built on first use (v.lazy: core/model/event.ts) stands for, as zod's. */
const built = zodObjectOf;

/** The same schema, each field described (the checks and transforms stay the handler's). */
function withDescriptions<S extends z.ZodMiniObject>(schema: S, descriptions: { [K in keyof S['shape']]?: string }): S {
  const shape: z.core.$ZodLooseShape = Object.fromEntries(Object.entries(schema.shape).map(([name, field]) => {
    const description = descriptions[name as keyof S['shape']];
    return [name, description ? meta(field as z.ZodMiniType, { description }) : field];
  }));
  return z.safeExtend(schema as z.ZodMiniObject, shape) as S;
}

// ---- Answers ------------------------------------------------------------------------------------------------------

const json = (description: string, schema: z.ZodMiniType, headers?: ObjectSchema): ZodOpenApiResponseObject =>
  ({ description, content: { 'application/json': { schema } }, ...(headers ? { headers } : {}) });
const page = (description: string): ZodOpenApiResponseObject =>
  ({ description, content: { 'text/html': { schema: documentText('An HTML page (works without JavaScript).') } } });
const pageOrJson = (description: string, schema: z.ZodMiniType): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/json': { schema }, 'text/html': { schema: documentText('The same answer as a page.') } },
});
const textDocument = (description: string, mediaType: string, what: string): ZodOpenApiResponseObject =>
  ({ description, content: { [mediaType]: { schema: documentText(what) } } });

const etag = meta(z.string(), { description: 'The record\'s version in quotes, e.g. "3": send it back as If-Match.', example: '"3"' });
const withEtag = z.object({ ETag: etag });
const created = z.object({ ETag: etag, Location: meta(z.string(), { description: 'Where the new record is read.' }) });

// ---- Parameters ---------------------------------------------------------------------------------------------------

/** The handler's own preview parameters (core/previews.ts), each with what it means. */
const previewParams = withDescriptions(built(previewQuerySchema), {
  event: 'The event (required for reminder, moved, cancelled, confirmed).',
  story: 'The story (digest and confirmation, default every live story; required for update).',
  timeZone: 'The reader\'s IANA zone (default the event\'s, or UTC).',
  lead: 'reminder: the lead time; the preview is rendered when that reminder is due (default P1D).',
  at: 'The moment of rendering, an ISO 8601 instant with its offset, e.g. 2016-12-01T08:00:00Z (default now; for a reminder, when it is due).',
  period: 'digest: which one (default weekly).',
  from: 'moved, for an event that never moved: its previous all-day date.',
  fromTime: 'moved, for an event that never moved: its previous start, local time.',
  date: 'moved or confirmed, before saving: the would-be all-day date.',
  startTime: 'moved or confirmed, before saving: the would-be local start time.',
  eventTimeZone: 'moved or confirmed, before saving: the event\'s would-be zone.',
  place: 'moved or confirmed, before saving: the would-be place.',
  sourcePublisher: 'moved, confirmed or cancelled, before saving: who the change is on the word of (with sourceQuote).',
  sourceQuote: 'moved, confirmed or cancelled, before saving: their words, as the alert will quote them.',
  sourceUrl: 'moved, confirmed or cancelled, before saving: where to read them (optional).',
  update: 'update, with story: a stored update\'s id (from GET /admin/stories/{id}/updates).',
  subject: 'update, with story: a draft\'s subject (one line, at most 150 characters).',
  body: 'update, with story: a draft\'s body, plain text or the small Markdown (at most 10,000 characters).',
});

const storyIdPath = z.object({ id: meta(z.string(), { description: 'The story\'s id, a slug such as lima-talks-2016.' }) });
const eventIdPath = z.object({ id: meta(z.string(), { description: 'The event\'s id.' }) });
const emailPath = z.object({ email: meta(z.string(), { description: 'The reader\'s address (percent-encoded or not).', example: 'reader@example.com' }) });
const linkToken = (required: boolean) => z.object({
  token: meta(required ? z.string() : z.optional(z.string()), {
    description: 'The signed token of the link from the email.',
  }),
});
const ifMatch = (required: boolean) => z.object({
  'If-Match': meta(required ? z.string() : z.optional(z.string()), {
    description: 'The version last read (its ETag), e.g. "3"; an older one is answered 412 with currentVersion.',
    example: '"3"',
  }),
});

const versionErrors = {
  404: 'No such record.',
  412: 'The record changed since that version (If-Match): the error carries currentVersion.',
  428: 'If-Match is missing.',
};
const linkErrors = {
  400: 'The link has no token, or the subscription can no longer be confirmed (unsubscribed, or the address bounced).',
  401: 'The token is forged, expired, for another purpose, or from an earlier sign-up.',
  404: 'The subscription no longer exists.',
};

// ---- Every route ----------------------------------------------------------------------------------------------------

export const operations: Record<RouteKey, Operation> = {
  'GET /': {
    summary: 'The subscribe page', tags: [TAGS.pages],
    query: z.object({ story: meta(z.optional(z.string()), { description: 'Offer this story only (a story id).' }) }),
    responses: { 200: page('The upcoming events and the subscribe form.') },
    errorsAs: 'page',
  },
  'GET /events': {
    summary: 'Upcoming events', tags: [TAGS.catalog],
    query: z.object({ story: meta(z.optional(z.string()), { description: 'Only this story\'s events (a story id).' }) }),
    responses: { 200: json('The stories with upcoming events, and the events.', upcomingSchema) },
  },
  'GET /events.ics': {
    summary: 'Calendar of every event', tags: [TAGS.feeds],
    description: 'Every event of the stories not cancelled, as an iCalendar feed (RFC 5545) to subscribe to.',
    responses: { 200: textDocument('The calendar.', 'text/calendar', 'An iCalendar (RFC 5545) feed.') },
  },
  'GET /stories': {
    summary: 'Every story', tags: [TAGS.catalog],
    responses: { 200: json('Every story, with its status.', publicStoriesListSchema) },
  },
  'GET /stories/{id}': {
    summary: 'A story\'s page', tags: [TAGS.pages],
    description: 'The story, its events and their changes with their sources, and links to its calendar and feed.',
    path: storyIdPath,
    query: z.object({ timeZone: meta(z.optional(z.string()), { description: 'Show times in this IANA zone too, e.g. Europe/Berlin.' }) }),
    responses: { 200: page('The story page.') },
    errors: { 404: 'No story with this id.' },
    errorsAs: 'page',
  },
  'GET /stories/{id}/events.ics': {
    summary: 'A story\'s calendar', tags: [TAGS.feeds],
    path: storyIdPath,
    responses: { 200: textDocument('The story\'s events.', 'text/calendar', 'An iCalendar (RFC 5545) feed.') },
    errors: { 404: 'No story with this id.' },
  },
  'GET /stories/{id}/changes.atom': {
    summary: 'A story\'s changes feed', tags: [TAGS.feeds],
    description: 'Each event added, moved, confirmed or cancelled, with the source of the change.',
    path: storyIdPath,
    responses: { 200: textDocument('The feed.', 'application/atom+xml', 'An Atom (RFC 4287) feed.') },
    errors: { 404: 'No story with this id.' },
  },
  'GET /openapi.json': {
    summary: 'This description of the API', tags: [TAGS.meta],
    responses: { 200: json('An OpenAPI 3.1 document.', meta(z.record(z.string(), z.unknown()), { description: 'OpenAPI 3.1.' })) },
  },
  'GET /console': {
    summary: 'The editors\' console', tags: [TAGS.console],
    description: 'A static page whose script does everything through the admin API with the editor\'s bearer token.',
    responses: { 200: page('The console page (it needs JavaScript).') },
  },
  'GET /console/app.js': {
    summary: 'The console\'s script', tags: [TAGS.console],
    query: z.object({ v: meta(z.optional(z.string()), { description: 'The bundle\'s version, as the page asks for it: that URL is cached for good.' }) }),
    responses: { 200: textDocument('The script.', 'text/javascript', 'An ES module.') },
  },
  'GET /console/config.json': {
    summary: 'How the console signs in', tags: [TAGS.console],
    responses: { 200: json('The sign-in configuration.', consoleConfigSchema) },
  },
  'GET /console/{rest+}': {
    summary: 'Any other path under /console/', tags: [TAGS.console],
    description: 'Redirected to /console (a bookmark ending in "/", say); the query string is left behind.',
    path: z.object({ 'rest+': meta(z.string(), { description: 'Whatever follows /console/, perhaps nothing.' }) }),
    responses: { 308: { description: 'Permanent redirect to /console (Location).' } },
  },
  'POST /subscriptions': {
    summary: 'Subscribe (double opt-in)', tags: [TAGS.pages],
    description: 'Queues the sign-up and answers the same whatever the address\'s state; a confirmation email follows. '
      + 'A form post, or a request that accepts text/html, is answered with a page.',
    body: { required: true, content: { 'application/json': zodOf(subscribeSchema), 'application/x-www-form-urlencoded': subscribeFormSchema } },
    responses: { 202: pageOrJson('Accepted.', subscribeAcceptedSchema) },
    errors: { 400: 'A field is invalid, or events names an unknown event.', 429: 'Too many sign-ups from this network (Retry-After says when to try again).' },
    errorsAs: 'page-or-json',
  },
  'GET /subscriptions/confirm': {
    summary: 'The confirmation page of a link', tags: [TAGS.pages],
    description: 'Shows what the link confirms and a button; nothing changes (mail scanners fetch links). The button posts to the same address.',
    query: linkToken(true),
    responses: { 200: page('The confirm button, or "already confirmed".') },
    errors: linkErrors,
    errorsAs: 'page',
  },
  'POST /subscriptions/confirm': {
    summary: 'Confirm a subscription', tags: [TAGS.pages],
    query: linkToken(false),
    body: { required: false, description: 'The token, when not in the query string.', content: { 'application/json': tokenFormSchema, 'application/x-www-form-urlencoded': tokenFormSchema } },
    responses: { 200: pageOrJson('Confirmed (or already confirmed).', confirmAnswerSchema) },
    errors: { ...linkErrors, 412: 'The subscription changed while saving; try again.' },
    errorsAs: 'page-or-json',
  },
  'GET /preferences': {
    summary: 'The preferences page of a link', tags: [TAGS.pages],
    query: linkToken(true),
    responses: { 200: page('The reader\'s preferences form.') },
    errors: { 400: 'The link has no token.', 401: 'The token is forged, expired or for another purpose.', 404: 'There is no subscription for this link any more.' },
    errorsAs: 'page',
  },
  'POST /preferences': {
    summary: 'Change preferences', tags: [TAGS.pages],
    query: linkToken(false),
    body: {
      required: true,
      content: {
        'application/json': z.safeExtend(built(preferencesSchema), { token: meta(z.optional(z.string()), { description: 'The link\'s token, when not in the query string.' }) }),
        'application/x-www-form-urlencoded': preferencesFormSchema,
      },
    },
    responses: { 200: pageOrJson('Saved.', preferencesAnswerSchema) },
    errors: {
      400: 'A field is invalid, or the link has no token.', 401: 'The token is forged, expired or for another purpose.',
      404: 'There is no subscription for this link any more.', 412: 'The subscription changed while saving; try again.',
    },
    errorsAs: 'page-or-json',
  },
  'GET /unsubscribe': {
    summary: 'The unsubscribe page of a link', tags: [TAGS.pages],
    query: linkToken(true),
    responses: { 200: page('The unsubscribe button (and "never mail me again").') },
    errors: { 400: 'The link has no token.', 401: 'The token is forged or for another purpose.' },
    errorsAs: 'page',
  },
  'POST /unsubscribe': {
    summary: 'Unsubscribe (RFC 8058 one-click)', tags: [TAGS.pages],
    description: 'What mail clients post for List-Unsubscribe-Post, and what the page\'s button posts. Answered with a page unless the request accepts application/json only.',
    query: linkToken(false),
    body: { required: true, content: { 'application/x-www-form-urlencoded': unsubscribeFormSchema, 'multipart/form-data': unsubscribeFormSchema } },
    responses: { 200: pageOrJson('Unsubscribed (or not subscribed any more).', unsubscribeAnswerSchema) },
    errors: { 400: 'The body is not List-Unsubscribe=One-Click, or the link has no token.', 401: 'The token is forged or for another purpose.' },
    errorsAs: 'page-or-json',
  },

  'GET /admin/stories': {
    summary: 'List stories', tags: [TAGS.adminStories],
    responses: { 200: json('Every story.', storiesListSchema) },
  },
  'POST /admin/stories': {
    summary: 'Create a story', tags: [TAGS.adminStories],
    description: 'Without an id, one is made from the title.',
    body: { required: true, content: { 'application/json': zodOf(createStorySchema) } },
    responses: { 201: json('Created.', storySchema, created) },
    errors: { 409: 'A story with this id exists already.' },
  },
  'GET /admin/stories/{id}': {
    summary: 'Read a story', tags: [TAGS.adminStories],
    path: storyIdPath,
    responses: { 200: json('The story.', storySchema, withEtag) },
    errors: { 404: 'No story with this id.' },
  },
  'PATCH /admin/stories/{id}': {
    summary: 'Change a story', tags: [TAGS.adminStories],
    description: 'Changes fields or the status. Cancelling (status cancelled) needs changeSource and cancels each scheduled event on its word; a cancelled story cannot change any more.',
    path: storyIdPath,
    headers: ifMatch(true),
    body: {
      required: true,
      content: {
        'application/json': z.safeExtend(built(patchStorySchema), {
          changeSource: meta(z.optional(zodOf(sourceSchema('changeSource'))), {
            description: 'On whose word; required to cancel the story.',
          }),
        }),
      },
    },
    responses: { 200: json('The story as changed.', storySchema, withEtag) },
    errors: { 400: 'A field is invalid, the story is cancelled, or changeSource is missing for a cancellation.', ...versionErrors },
  },
  'GET /admin/events': {
    summary: 'List events', tags: [TAGS.adminEvents],
    responses: { 200: json('Every event, with its history.', eventsListSchema) },
  },
  'POST /admin/events': {
    summary: 'Create an event', tags: [TAGS.adminEvents],
    description: 'Give exactly one of date (all-day), startTime (timed) or range (provisional). The story must exist and be active.',
    body: { required: true, content: { 'application/json': zodOf(createEventSchema) } },
    responses: { 201: json('Created.', eventSchema, created) },
    errors: { 400: 'A field is invalid, or the story does not exist or is not active.', 409: 'An event with the id made exists already; try again.' },
  },
  'GET /admin/events/{id}': {
    summary: 'Read an event', tags: [TAGS.adminEvents],
    path: eventIdPath,
    responses: { 200: json('The event.', eventSchema, withEtag) },
    errors: { 404: 'No event with this id.' },
  },
  'PATCH /admin/events/{id}': {
    summary: 'Change an event', tags: [TAGS.adminEvents],
    description: 'A change of date, startTime, range, timeZone or place is a move: it needs changeSource and alerts the story\'s followers. '
      + 'Giving one of date, startTime or range clears the other two; null clears a field.',
    path: eventIdPath,
    headers: ifMatch(true),
    body: { required: true, content: { 'application/json': zodOf(patchEventSchema) } },
    responses: { 200: json('The event as changed.', eventSchema, withEtag) },
    errors: { 400: 'A field is invalid, or a move has no changeSource.', ...versionErrors },
  },
  'DELETE /admin/events/{id}': {
    summary: 'Cancel an event', tags: [TAGS.adminEvents],
    description: 'The event stays readable with status cancelled, and its followers get a cancellation alert. Cancelling twice changes nothing.',
    path: eventIdPath,
    headers: ifMatch(false),
    body: { required: true, content: { 'application/json': zodOf(cancelEventSchema) } },
    responses: { 200: json('The cancelled event.', eventSchema, withEtag) },
    errors: { 400: 'changeSource is missing or invalid.', 404: versionErrors[404], 412: versionErrors[412] },
  },
  'GET /admin/subscribers/{email}': {
    summary: 'Look up a reader', tags: [TAGS.adminReaders],
    path: emailPath,
    responses: { 200: json('The subscription, its consent record, suppression and recent deliveries.', subscriberLookupSchema) },
    errors: { 400: 'Not an email address.', 404: 'No subscriber with this address.' },
  },
  'DELETE /admin/subscribers/{email}': {
    summary: 'Erase a reader', tags: [TAGS.adminReaders],
    description: 'Removes the subscription and the address; a suppression of the mailbox is kept (it holds only a keyed hash).',
    path: emailPath,
    responses: { 200: json('Erased.', erasureSchema) },
    errors: { 400: 'Not an email address.', 404: 'No subscriber with this address.' },
  },
  'GET /admin/subscribers.csv': {
    summary: 'Export readers as CSV', tags: [TAGS.adminReaders],
    description: `One page of readers as RFC 4180 CSV with a header row (columns ${EXPORT_COLUMNS.join(', ')}), with their consent evidence. `
      + 'While more follow, X-Next-Cursor and a Link rel="next" name the next page.',
    query: z.object({
      limit: meta(z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_EXPORT_ROWS))), {
        description: `Rows per page (default ${DEFAULT_EXPORT_ROWS}).`,
      }),
      cursor: meta(z.optional(z.string()), { description: 'The X-Next-Cursor of the previous page.' }),
    }),
    responses: {
      200: {
        description: 'One page of readers.',
        content: { 'text/csv': { schema: documentText('CSV, UTF-8, header present.') } },
        headers: z.object({
          'X-Row-Count': meta(z.string(), { description: 'Readers on this page.' }),
          'X-Next-Cursor': meta(z.optional(z.string()), { description: 'Present while more pages follow.' }),
          Link: meta(z.optional(z.string()), { description: 'The next page, rel="next".' }),
        }),
      },
    },
    errors: { 400: `limit is not a whole number from 1 to ${MAX_EXPORT_ROWS}, or the cursor is not valid.` },
  },
  'POST /admin/subscribers/import': {
    summary: 'Import readers from CSV', tags: [TAGS.adminReaders],
    description: `A header row (columns ${IMPORT_COLUMNS.join(', ')}, any case, separated by , or ;; email required) and one row per reader. `
      + 'Rows with consent evidence (a past consentDate and a consentSource) become active; others get the usual confirmation email. '
      + 'Suppressed addresses are skipped and active readers left alone. Every row is reported with its outcome.',
    query: z.object({ dryRun: meta(z.optional(z.enum(['true', 'false'])), { description: 'true: report what would happen, store and send nothing.' }) }),
    body: { required: true, content: { 'text/csv': documentText(`UTF-8 CSV (text/csv, application/csv or text/plain), at most ${MAX_IMPORT_BYTES} bytes and ${MAX_IMPORT_ROWS} rows.`) } },
    responses: { 200: json('What happened to each row.', importReportSchema) },
    errors: {
      400: 'The CSV has no usable header (no email column, a column twice) or cannot be read.',
      413: `The CSV is larger than ${MAX_IMPORT_BYTES} bytes or has more than ${MAX_IMPORT_ROWS} rows.`,
      415: 'Not text/csv in UTF-8.',
    },
  },
  'GET /admin/clock': {
    summary: 'The stack\'s clock', tags: [TAGS.adminReaders],
    description: 'The instant every rule of the stack judges by: real time on AWS; on the local stack the replayed '
      + '(or set) clock, with how many of its seconds pass each real second.',
    responses: { 200: json('The clock.', clockReadingSchema) },
  },
  'GET /admin/places': {
    summary: 'Zones a place suggests', tags: [TAGS.adminEvents],
    description: 'The place of an event as written ("Lima, Peru"), looked up in the gazetteer the proposals use; '
      + 'the likeliest zone first.',
    query: z.object({ q: meta(z.string(), { description: 'The place as written, at most 200 characters.' }) }),
    responses: { 200: json('Up to five zones with the place that gives each.', zoneSuggestionsSchema) },
    errors: { 400: 'q is missing or too long.' },
  },
  'GET /admin/jobs': {
    summary: 'Recent send jobs', tags: [TAGS.adminReaders],
    description: 'Each job with its story and event titles and its progress: readers targeted, sent, skipped (per '
      + 'reason, in words), and delivered, bounced and complained as SES\'s own events report them. There is no open '
      + 'or click tracking.',
    responses: { 200: json('The latest send jobs with their state and progress.', jobsListSchema) },
  },
  'GET /admin/audience': {
    summary: 'Readers counted', tags: [TAGS.adminReaders],
    description: 'Active readers in total, per time zone (largest first), per story (its followers) and per language, '
      + 'read from counters that every write of a subscription keeps (confirm, unsubscribe, preferences, import, '
      + 'suppression, erasure); no listing of readers.',
    responses: { 200: json('The counts.', audienceSchema) },
  },
  'POST /admin/stories/proposals': {
    summary: 'Propose a story\'s events from its text', tags: [TAGS.adminStories],
    description: 'Reads the story (offline, deterministic) and proposes it and the dated events it announces. Nothing is stored.',
    body: { required: true, content: { 'application/json': zodOf(proposalRequestSchema) } },
    responses: { 200: json('The proposals.', proposalsSchema) },
    errors: { 413: `The body is larger than ${MAX_PROPOSAL_BODY_BYTES} bytes (a text of ${MAX_STORY_CHARS} characters always fits).` },
  },
  'GET /admin/stories/{id}/updates': {
    summary: 'List a story\'s updates', tags: [TAGS.adminStories],
    description: 'The story\'s updates to its followers, newest first (at most 50), each with its send job once the dispatcher made it.',
    path: storyIdPath,
    responses: { 200: json('The updates.', storyUpdatesListSchema) },
    errors: { 404: 'No story with this id.' },
  },
  'POST /admin/stories/{id}/updates': {
    summary: 'Send an update to a story\'s followers', tags: [TAGS.adminStories],
    description: 'Stores the update; the next dispatcher run makes one job of kind update (id update|<story>|<update>), fanned out over every '
      + 'zone to the story\'s followers who have not turned updates off, each re-checked and sent once. The body is plain text or a small '
      + 'Markdown: paragraphs, line breaks, **bold**, *italic*, [text](https://…) links and "- " bullets; everything else stays literal text.',
    path: storyIdPath,
    headers: z.object({
      'Idempotency-Key': meta(z.string().check(z.minLength(1), z.maxLength(100)), {
        description: 'Required, 1 to 100 printable characters without spaces (a new UUID per update), scoped to the story. The same key and '
          + 'request again answer 200 with the first update and send nothing more.',
        example: '3f1c2a9e-6b1d-4c55-9d1e-8a1f0c2b7d10',
      }),
    }),
    body: { required: true, content: { 'application/json': zodOf(updateRequestSchema) } },
    responses: {
      201: json('Stored, pending the next dispatcher run.', storyUpdateSchema, z.object({ Location: meta(z.string(), { description: 'The story\'s updates.' }) })),
      200: json('The same Idempotency-Key and request as before: the first update, unchanged (nothing is sent again).', storyUpdateSchema, z.object({ Location: meta(z.string(), { description: 'The story\'s updates.' }) })),
    },
    errors: {
      400: 'Idempotency-Key is missing or malformed, a field is invalid (subject one line of at most 150 characters, body at most 10,000), or the body renders too large.',
      404: 'No story with this id.',
      409: 'The story is not active, or the Idempotency-Key was used for another subject or body on this story.',
    },
  },
  'GET /admin/previews/{kind}': {
    summary: 'Preview an email', tags: [TAGS.adminReaders],
    description: 'The email as the sender would build it for a reader (same templates, story and digest content), with links that open '
      + 'nothing (?token=preview). For moved and confirmed, the would-be date, startTime, eventTimeZone and place show the alert before saving.',
    path: z.object({ kind: meta(z.enum(PREVIEW_KINDS), { description: 'Which email; any other kind is a 404 listing these.' }) }),
    query: previewParams,
    responses: { 200: json('Subject, HTML and text, no MIME.', previewSchema) },
    errors: { 400: 'A parameter is invalid, missing for the kind, or not for the kind (the message names it).', 404: 'Unknown kind, event or story.' },
  },
  'POST /admin/test-sends': {
    summary: 'Send a preview to yourself', tags: [TAGS.adminReaders],
    description: 'Mails one preview to the signed-in editor\'s verified address (the token\'s email claim; never a body field), through SES, '
      + 'subject prefixed "[Test] ", a notice on top, SES tag kind=test, no List-Unsubscribe. At most 10 an hour per editor.',
    body: { required: true, content: { 'application/json': z.strictObject({ kind: z.enum(PREVIEW_KINDS), ...previewParams.shape }) } },
    responses: { 202: json('Sent.', testSendSchema) },
    errors: {
      400: 'A field is invalid or unknown (a recipient field such as to or email is refused).', 404: 'Unknown event or story.',
      429: 'Over 10 test sends this hour; Retry-After says when to try again.',
    },
    // 403 (shared by admin routes) also answers an account without a verified email address.
  },
};
