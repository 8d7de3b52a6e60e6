import type { JobsAdmin } from '#core/jobs-admin.ts';
import type { StoryUpdates } from '#core/story-updates.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';
import type { RouteKeyOf } from '#lambdas/routes.ts';
import { adminGuard } from './http/admin.ts';
import type { EdgeTrust } from './http/client-ip.ts';
import { header, jsonBody } from './http/request.ts';
import { json } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';
import type { HttpEvent } from './http/types.ts';

export interface MailJobsDeps {
  jobs: Pick<JobsAdmin, 'recent'>;
  /** Editors' updates to a story's followers (absent: those routes answer 404). */
  updates?: StoryUpdates;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: a request without its secret header is refused. */
  edge?: EdgeTrust;
}

const id = (event: HttpEvent) => event.pathParameters?.id ?? '';

/**
 * What goes out to readers in bulk, as editors follow it: the latest send jobs with their progress, and a story's
 * updates (written here, listed with their jobs). It renders only an update, to refuse one too large to send.
 */
export function makeMailJobs({ jobs, updates, telemetry, edge }: MailJobsDeps) {
  const table: RouteTable<RouteKeyOf<'mailJobs'>> = {
    'GET /admin/jobs': async () => json(200, { jobs: await jobs.recent() }),
    'GET /admin/stories/{id}/updates': updates && (async (e) => json(200, await updates.list(id(e)))),
    // 201 for a new update; the same Idempotency-Key and request again answer 200 with the first one.
    'POST /admin/stories/{id}/updates': updates && (async (e) => {
      const { update, created } = await updates.post(id(e), header(e, 'idempotency-key'), jsonBody(e));
      const location = `/admin/stories/${encodeURIComponent(update.storyId)}/updates`;
      return json(created ? 201 : 200, update, { location });
    }),
  };
  return makeRouter(table, adminGuard(edge), telemetry);
}
