import type { EventsService } from '#core/events-service.ts';
import type { EdgeTrust } from './http/client-ip.ts';
import { adminGuard } from './http/admin.ts';
import type { DatedEvent } from '#core/model/event.ts';
import type { StoriesService } from '#core/stories-service.ts';
import type { AdminStory } from '#core/model/story.ts';
import { header, jsonBody, rawBody } from './http/request.ts';
import { json } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';
import type { HttpEvent } from './http/types.ts';
import type { SubscribersAdmin } from '#core/subscribers-admin.ts';
import type { AudienceAdmin } from '#core/audience-admin.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';
import type { AdminRouteKey } from '#lambdas/routes.ts';
import type { Clock } from '#ports/clock.ts';
import { readClock } from '#core/stack-clock.ts';

export { ADMIN_GROUP, editorOf, groupsClaim } from './http/admin.ts';

export interface AdminApiDeps {
  events: EventsService;
  stories: StoriesService;
  subscribers: SubscribersAdmin;
  /** Readers counted per zone, story and language, from counters kept as subscriptions change (absent: 404). */
  audience?: AudienceAdmin;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: a request without its secret header is refused. */
  edge?: EdgeTrust;
  /** The stack's clock, shown by GET /admin/clock (absent: that route answers 404). */
  clock?: Clock;
}

const withEtag = (status: number, e: DatedEvent | AdminStory) => json(status, e, { etag: `"${e.version}"` });
const id = (event: HttpEvent) => event.pathParameters?.id ?? '';
/** An empty body reads as `{}`, so the schema names what is missing instead of "the body is empty". */
const optionalJsonBody = (event: HttpEvent) => (rawBody(event).trim() ? jsonBody(event) : {});

export function makeAdminApi(
  { events, stories, subscribers, audience, telemetry, edge, clock }: AdminApiDeps,
) {
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
    'GET /admin/audience': audience && (async () => json(200, await audience.counts())),
    'GET /admin/clock': clock && (async () => json(200, readClock(clock))),
  };
  return makeRouter(table, adminGuard(edge), telemetry);
}
