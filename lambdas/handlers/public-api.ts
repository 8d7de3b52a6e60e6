import type { Confirmations } from '#core/confirmations.ts';
import { ValidationError } from '#core/errors.ts';
import type { Links } from '#core/links.ts';
import { confirmedPage, confirmPage, unsubscribedPage, unsubscribePage } from '#core/pages/subscription-pages.ts';
import type { Unsubscribes } from '#core/unsubscribes.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import type { PublicRouteKey } from '#lambdas/routes.ts';
import { requireEdge, type EdgeTrust } from './http/client-ip.ts';
import { always, languageOf, page, pageRoute, wantsHtml } from './http/pages.ts';
import { requestContextWith, tokenOf } from './http/reader-request.ts';
import { formBody, header, jsonOrFormBody, queryParam } from './http/request.ts';
import { json } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';
import type { HttpEvent } from './http/types.ts';

/**
 * What the confirmation and unsubscribe links in an email open (subscribing is the subscribe function's, the
 * preferences link the preferences function's).
 */
export interface PublicApiDeps {
  subscriptions: Confirmations & Unsubscribes;
  links: Links;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: how to know its requests and believe the viewer's address. */
  edge?: EdgeTrust;
}

/** RFC 8058: the one-click POST carries `List-Unsubscribe=One-Click`; our page's button posts the same field. */
function oneClickBody(e: HttpEvent): Record<string, unknown> {
  const fields = formBody(e, 'the body List-Unsubscribe=One-Click');
  const value = fields['List-Unsubscribe'];
  if (!(value === 'One-Click' || (Array.isArray(value) && value.includes('One-Click')))) {
    throw new ValidationError('send the body List-Unsubscribe=One-Click to unsubscribe');
  }
  return fields;
}

export function makePublicApi({ subscriptions, links, telemetry = noTelemetry, edge }: PublicApiDeps) {
  const route = pageRoute(telemetry);
  const requestContext = requestContextWith(edge);
  const table: RouteTable<PublicRouteKey> = {
    // GET (and HEAD) only shows what the link confirms: mail scanners fetch links. The page's POST confirms.
    'GET /subscriptions/confirm': route(async (e) => {
      const token = queryParam(e, 'token');
      const { state, subscriber } = await subscriptions.confirmation(token);
      if (state === 'already-confirmed') return page(200, confirmedPage(subscriber, state, links.preferencesUrl(subscriber.id, subscriber.email)));
      return page(200, confirmPage({ subscriber, token: token! }));
    }, always),

    'POST /subscriptions/confirm': route(async (e) => {
      const { body, form } = jsonOrFormBody(e);
      const { outcome, subscriber } = await subscriptions.confirm(tokenOf(e, body), requestContext(e));
      if (!form && !wantsHtml(e)) return json(200, { status: subscriber.status, outcome });
      return page(200, confirmedPage(subscriber, outcome, links.preferencesUrl(subscriber.id, subscriber.email)));
    }, (e) => wantsHtml(e) || /x-www-form-urlencoded/i.test(header(e, 'content-type') ?? '')),

    'GET /unsubscribe': route(async (e) => {
      const token = queryParam(e, 'token');
      const { language: stored, ...target } = await subscriptions.unsubscribeTarget(token);
      const language = languageOf(e, stored);
      // The POST's page speaks the same language: the form's action says which (the reader may be gone by then).
      const actionUrl = `/unsubscribe?token=${encodeURIComponent(token!)}&lang=${language}`;
      return page(200, unsubscribePage({ actionUrl, ...target, language }));
    }, always),

    'POST /unsubscribe': route(async (e) => {
      const fields = oneClickBody(e);
      const never = fields.never === 'yes' || (Array.isArray(fields.never) && fields.never.includes('yes'));
      const result = await subscriptions.unsubscribe(tokenOf(e, fields), { never });
      return wantsHtml(e) || !/json/i.test(header(e, 'accept') ?? '') ? page(200, unsubscribedPage(result,
        languageOf(e))) : json(200, result);
    }, (e) => !/json/i.test(header(e, 'accept') ?? '')),
  };
  return makeRouter(table, requireEdge(edge), telemetry);
}
