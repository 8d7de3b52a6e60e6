import type { EventsService } from '#core/events-service.ts';
import { requireEdge, type EdgeTrust } from './http/client-ip.ts';
import { ForbiddenError, UnauthorizedError } from '#core/errors.ts';
import type { DatedEvent } from '#core/model/event.ts';
import type { StoriesService } from '#core/stories-service.ts';
import type { Story } from '#core/model/story.ts';
import { header, jsonBody, rawBody } from './http/request.ts';
import { json } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';
import type { HttpEvent } from './http/types.ts';
import type { SubscribersAdmin } from '#core/subscribers-admin.ts';
import type { JobsAdmin } from '#core/jobs-admin.ts';
import type { AudienceAdmin } from '#core/audience-admin.ts';
import type { StoryUpdates } from '#core/story-updates.ts';
import type { Previews } from '#core/previews.ts';
import type { Editor, TestSends } from '#core/test-sends.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';
import type { SubscriberExporter } from '#core/subscriber-csv/exporter.ts';
import { MAX_IMPORT_BYTES } from '#core/subscriber-csv/import-plan.ts';
import { MAX_PROPOSAL_BODY_BYTES } from '#core/proposals/limits.ts';
import type { SubscriberImporter } from '#core/subscriber-csv/importer.ts';
import { csvBodyBytes, csvResponse } from './http/csv.ts';
import type { AdminRouteKey } from '#lambdas/routes.ts';
import type { Clock } from '#ports/clock.ts';
import { readClock } from '#core/stack-clock.ts';

export interface AdminApiDeps {
  events: EventsService;
  stories: StoriesService;
  subscribers: SubscribersAdmin;
  jobs: Pick<JobsAdmin, 'recent'>;
  /** Readers counted per zone, story and language, from counters kept as subscriptions change (absent: 404). */
  audience?: AudienceAdmin;
  /** Editors' updates to a story's followers (absent: those routes answer 404). */
  updates?: StoryUpdates;
  /** Emails as the sender would build them, and one of them mailed to the editor (absent: those routes answer 404). */
  previews?: Previews;
  testSends?: TestSends;
  /** Readers in and out as CSV (absent: those routes answer 404). */
  subscriberCsv?: { importer: SubscriberImporter; exporter: SubscriberExporter };
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: a request without its secret header is refused. */
  edge?: EdgeTrust;
  /** The stack's clock, shown by GET /admin/clock (absent: that route answers 404). */
  clock?: Clock;
}

export const ADMIN_GROUP = 'admins';

/** API Gateway's JWT authorizer proved the token; membership of the admins group is checked here. */
function requireAdmin(event: HttpEvent): void {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims) throw new UnauthorizedError('send an admin token: Authorization: Bearer <token>');
  const groups = groupsClaim(claims['cognito:groups']);
  if (!groups.includes(ADMIN_GROUP)) throw new ForbiddenError(`the token is valid but not in the "${ADMIN_GROUP}" group`);
}

/**
 * API Gateway's HTTP API passes an array claim flattened to one string, `[admins editors]`: the names inside the
 * brackets, separated by spaces (Cognito group names cannot contain whitespace). A comma is part of a name, so
 * a group called `x,admins` is not `admins`.
 */
export function groupsClaim(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === 'string');
  if (typeof raw !== 'string') return [];
  const inner = /^\[(.*)\]$/s.exec(raw.trim())?.[1] ?? raw;
  return inner.split(/\s+/).filter((g) => g !== '');
}

/** The signed-in editor, from the verified token: API Gateway passes `email_verified` as the string "true". */
export function editorOf(event: HttpEvent): Editor {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const email = typeof claims.email === 'string' && claims.email !== '' ? claims.email : undefined;
  return { id: String(claims.sub ?? ''), ...(email ? { email } : {}), emailVerified: claims.email_verified === true || claims.email_verified === 'true' };
}

const withEtag = (status: number, e: DatedEvent | Story) => json(status, e, { etag: `"${e.version}"` });
const id = (event: HttpEvent) => event.pathParameters?.id ?? '';
/** An empty body reads as `{}`, so the schema names what is missing instead of "the body is empty". */
const optionalJsonBody = (event: HttpEvent) => (rawBody(event).trim() ? jsonBody(event) : {});
/** Reading a story is pure and offline (no table, no clock); its parser and gazetteer load with the first proposal only. */
const proposeFromStory = async (body: unknown) => (await import('#core/proposals/propose.ts')).proposeFromRequest(body);
/** The zones an event's place suggests: the same gazetteer, loaded with the first lookup only. */
const zonesOfPlace = async (q: unknown) => (await import('#core/proposals/place-zones.ts')).suggestZones(q);

export function makeAdminApi(deps: AdminApiDeps) {
  const { events, stories, subscribers, jobs, audience, previews, testSends, updates, subscriberCsv, telemetry, edge } = deps;
  const { clock } = deps;
  const fromEdge = requireEdge(edge);
  const table: RouteTable<AdminRouteKey> = {
    'GET /admin/stories': async () => json(200, { stories: await stories.list() }),
    'POST /admin/stories': async (e) => {
      const created = await stories.create(jsonBody(e));
      return json(201, created, { etag: `"${created.version}"`, location: `/admin/stories/${encodeURIComponent(created.id)}` });
    },
    'GET /admin/stories/{id}': async (e) => withEtag(200, await stories.get(id(e))),
    'PATCH /admin/stories/{id}': async (e) => withEtag(200, await stories.update(id(e), header(e, 'if-match'), jsonBody(e))),
    'GET /admin/events': async () => json(200, { events: await events.listAll() }),
    'POST /admin/events': async (e) => {
      const created = await events.create(jsonBody(e));
      return json(201, created, { etag: `"${created.version}"`, location: `/admin/events/${encodeURIComponent(created.id)}` });
    },
    'GET /admin/events/{id}': async (e) => withEtag(200, await events.get(id(e))),
    'PATCH /admin/events/{id}': async (e) => withEtag(200, await events.update(id(e), header(e, 'if-match'), jsonBody(e))),
    'DELETE /admin/events/{id}': async (e) => withEtag(200, await events.cancel(id(e), header(e, 'if-match'), optionalJsonBody(e))),
    'GET /admin/subscribers/{email}': async (e) => json(200, await subscribers.lookup(e.pathParameters?.email ?? '')),
    'DELETE /admin/subscribers/{email}': async (e) => json(200, await subscribers.erase(e.pathParameters?.email ?? '')),
    'GET /admin/jobs': async () => json(200, { jobs: await jobs.recent() }),
    'GET /admin/audience': audience && (async () => json(200, await audience.counts())),
    'GET /admin/subscribers.csv': subscriberCsv && (async (e) => exportPage(subscriberCsv.exporter, e)),
    'POST /admin/subscribers/import': subscriberCsv && (async (e) => json(200, await subscriberCsv.importer.importCsv(csvBodyBytes(e, MAX_IMPORT_BYTES), { dryRun: e.queryStringParameters?.dryRun === 'true' }))),
    // A story as long as the schema allows must fit in the body (the default cap is 16 KB).
    'POST /admin/stories/proposals': async (e) => json(200, await proposeFromStory(jsonBody(e, MAX_PROPOSAL_BODY_BYTES))),
    'GET /admin/stories/{id}/updates': updates && (async (e) => json(200, await updates.list(id(e)))),
    // 201 for a new update; the same Idempotency-Key and request again answer 200 with the first one.
    'POST /admin/stories/{id}/updates': updates && (async (e) => {
      const { update, created } = await updates.post(id(e), header(e, 'idempotency-key'), jsonBody(e));
      return json(created ? 201 : 200, update, { location: `/admin/stories/${encodeURIComponent(update.storyId)}/updates` });
    }),
    'GET /admin/previews/{kind}': previews && (async (e) => json(200, await previews.preview(e.pathParameters?.kind ?? '', e.queryStringParameters ?? {}))),
    'POST /admin/test-sends': testSends && (async (e) => json(202, await testSends.send(editorOf(e), jsonBody(e)))),
    'GET /admin/clock': clock && (async () => json(200, readClock(clock))),
    'GET /admin/places': async (e) => json(200, await zonesOfPlace(e.queryStringParameters?.q)),
  };
  return makeRouter(table, (e) => { fromEdge(e); requireAdmin(e); }, telemetry);
}

/** One page of the export: a whole CSV; `x-next-cursor` and a `Link: rel="next"` name the next one while there is one. */
async function exportPage(exporter: SubscriberExporter, e: HttpEvent) {
  const q = e.queryStringParameters ?? {};
  const limit = q.limit === undefined ? undefined : Number(q.limit);
  const page = await exporter.page({ cursor: q.cursor, limit });
  const next: Record<string, string> = page.cursor
    ? { 'x-next-cursor': page.cursor, link: `</admin/subscribers.csv?${new URLSearchParams({ ...(q.limit ? { limit: q.limit } : {}), cursor: page.cursor })}>; rel="next"` }
    : {};
  return csvResponse(page.csv, 'subscribers.csv', { 'x-row-count': String(page.rows), ...next });
}
