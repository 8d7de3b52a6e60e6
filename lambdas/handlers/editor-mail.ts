import type { Previews } from '#core/previews.ts';
import type { StoryUpdates } from '#core/story-updates.ts';
import type { TestSends } from '#core/test-sends.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';
import type { RouteKeyOf } from '#lambdas/routes.ts';
import { adminGuard, editorOf } from './http/admin.ts';
import type { EdgeTrust } from './http/client-ip.ts';
import { header, jsonBody } from './http/request.ts';
import { json } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';
import type { HttpEvent } from './http/types.ts';

export interface EditorMailDeps {
  /** Emails as the sender would build them (absent: that route answers 404). */
  previews?: Previews;
  /** One of them mailed to the signed-in editor (absent: that route answers 404). */
  testSends?: TestSends;
  /** Editors' updates to a story's followers (absent: those routes answer 404). */
  updates?: StoryUpdates;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: a request without its secret header is refused. */
  edge?: EdgeTrust;
}

const id = (event: HttpEvent) => event.pathParameters?.id ?? '';

/**
 * The editors' routes that render mail (a preview, a test send, an update rendered to check its size): the only
 * editors' function that loads the compiled email templates.
 */
export function makeEditorMail({ previews, testSends, updates, telemetry, edge }: EditorMailDeps) {
  const table: RouteTable<RouteKeyOf<'editorMail'>> = {
    'GET /admin/previews/{kind}': previews && (async (e) => {
      return json(200, await previews.preview(e.pathParameters?.kind ?? '', e.queryStringParameters ?? {}));
    }),
    'POST /admin/test-sends': testSends && (async (e) => json(202, await testSends.send(editorOf(e), jsonBody(e)))),
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
