import { ValidationError } from '#core/errors.ts';
import type { Catalog } from '#core/catalog.ts';
import type { Links } from '#core/links.ts';
import {
  checkInboxPage, confirmedPage, confirmPage, preferencesPage, unsubscribedPage, unsubscribePage,
} from '#core/pages/subscription-pages.ts';
import { formToPreferences, formToSubscribe } from '#core/subscription-schema.ts';
import type { Subscriptions } from '#core/subscriptions.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import type { PublicRouteKey } from '#lambdas/routes.ts';
import { pageLanguage } from '#core/model/language.ts';
import { localizeUpcoming } from '#core/i18n/localize.ts';
import { clientIp, requireEdge, type EdgeTrust } from './http/client-ip.ts';
import { always, languageOf, page, pageRoute, wantsHtml } from './http/pages.ts';
import { formBody, header, jsonOrFormBody, queryParam } from './http/request.ts';
import { json } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';
import type { HttpEvent } from './http/types.ts';

/** Reader actions: subscribe, and what a signed link in an email opens (confirm, preferences, unsubscribe). */
export interface PublicApiDeps {
  /** The stories and events a reader may choose on the preferences page. */
  catalog: Catalog;
  subscriptions: Subscriptions;
  links: Links;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: how to know its requests and believe the viewer's address. */
  edge?: EdgeTrust;
}

const requestContextWith = (edge: EdgeTrust | undefined) => (e: HttpEvent) => ({ ip: clientIp(e, edge), userAgent: header(e, 'user-agent') });

/** A token arrives in the link's query string; a form may carry it as a field instead. */
function tokenOf(e: HttpEvent, body?: Record<string, unknown>): string | undefined {
  const fromBody = body?.token;
  return queryParam(e, 'token') ?? (typeof fromBody === 'string' ? fromBody : undefined);
}

function withoutToken(body: Record<string, unknown>): Record<string, unknown> {
  const { token: _, ...rest } = body;
  return rest;
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

export function makePublicApi({ catalog, subscriptions, links, telemetry = noTelemetry, edge }: PublicApiDeps) {
  const route = pageRoute(telemetry);
  const requestContext = requestContextWith(edge);
  const table: RouteTable<PublicRouteKey> = {
    'POST /subscriptions': route(async (e) => {
      const { body, form } = jsonOrFormBody(e);
      const accepted = await subscriptions.subscribe(form ? formToSubscribe(body) : body, requestContext(e));
      const chosen = (body as { language?: unknown }).language;
      const language = pageLanguage({ query: typeof chosen === 'string' ? chosen : undefined,
        acceptLanguage: header(e, 'accept-language') });
      return form || wantsHtml(e) ? page(202, checkInboxPage(language)) : json(202, accepted);
    }, wantsHtml),

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

    'GET /preferences': route(async (e) => {
      const token = queryParam(e, 'token');
      const subscriber = await subscriptions.preferences(token);
      return page(200, preferencesPage({
        subscriber, ...localizeUpcoming(await catalog.upcoming(), languageOf(e, subscriber.preferences.language)),
        actionUrl: `/preferences?token=${encodeURIComponent(token!)}`, unsubscribeUrl: links.unsubscribeUrl(subscriber.id, subscriber.email),
      }));
    }, always),

    'POST /preferences': route(async (e) => {
      const { body, form } = jsonOrFormBody(e);
      const token = tokenOf(e, body);
      const subscriber = await subscriptions.updatePreferences(token, form ? formToPreferences(body) : withoutToken(body));
      if (!form && !wantsHtml(e)) return json(200, { status: subscriber.status, preferences: subscriber.preferences });
      return page(200, preferencesPage({
        subscriber, ...localizeUpcoming(await catalog.upcoming(), languageOf(e, subscriber.preferences.language)),
          saved: true,
        actionUrl: `/preferences?token=${encodeURIComponent(token!)}`, unsubscribeUrl: links.unsubscribeUrl(subscriber.id, subscriber.email),
      }));
    }, wantsHtml),

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
