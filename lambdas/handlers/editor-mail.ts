import type { Previews } from '#core/previews.ts';
import type { TestSends } from '#core/test-sends.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';
import type { RouteKeyOf } from '#lambdas/routes.ts';
import { adminGuard, editorOf } from './http/admin.ts';
import type { EdgeTrust } from './http/client-ip.ts';
import { jsonBody } from './http/request.ts';
import { json } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';

export interface EditorMailDeps {
  /** Emails as the sender would build them (absent: that route answers 404). */
  previews?: Previews;
  /** One of them mailed to the signed-in editor (absent: that route answers 404). */
  testSends?: TestSends;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: a request without its secret header is refused. */
  edge?: EdgeTrust;
}

/**
 * The editors' routes that render mail (a preview, a test send): the only editors' function that loads every
 * compiled email template.
 */
export function makeEditorMail({ previews, testSends, telemetry, edge }: EditorMailDeps) {
  const table: RouteTable<RouteKeyOf<'editorMail'>> = {
    'GET /admin/previews/{kind}': previews && (async (e) => {
      return json(200, await previews.preview(e.pathParameters?.kind ?? '', e.queryStringParameters ?? {}));
    }),
    'POST /admin/test-sends': testSends && (async (e) => json(202, await testSends.send(editorOf(e), jsonBody(e)))),
  };
  return makeRouter(table, adminGuard(edge), telemetry);
}
