import { checkInboxPage } from '#core/pages/subscription-pages.ts';
import type { Subscribe } from '#core/subscribe.ts';
import { formToSubscribe } from '#core/subscription-schema.ts';
import { pageLanguage } from '#core/model/language.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import type { RouteKeyOf } from '#lambdas/routes.ts';
import { requireEdge, type EdgeTrust } from './http/client-ip.ts';
import { page, pageRoute, wantsHtml } from './http/pages.ts';
import { requestContextWith } from './http/reader-request.ts';
import { header, jsonOrFormBody } from './http/request.ts';
import { json } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';

/** A sign-up: the subscribe page's form post, or a program's JSON. Queued for the sign-up worker. */
export interface SubscribeApiDeps {
  subscriptions: Subscribe;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: how to know its requests and believe the viewer's address. */
  edge?: EdgeTrust;
}

export function makeSubscribeApi({ subscriptions, telemetry = noTelemetry, edge }: SubscribeApiDeps) {
  const route = pageRoute(telemetry);
  const requestContext = requestContextWith(edge);
  const table: RouteTable<RouteKeyOf<'subscribe'>> = {
    'POST /subscriptions': route(async (e) => {
      const { body, form } = jsonOrFormBody(e);
      const accepted = await subscriptions.subscribe(form ? formToSubscribe(body) : body, requestContext(e));
      const chosen = (body as { language?: unknown }).language;
      const language = pageLanguage({ query: typeof chosen === 'string' ? chosen : undefined,
        acceptLanguage: header(e, 'accept-language') });
      return form || wantsHtml(e) ? page(202, checkInboxPage(language)) : json(202, accepted);
    }, wantsHtml),
  };
  return makeRouter(table, requireEdge(edge), telemetry);
}
