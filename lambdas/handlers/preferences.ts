import type { Catalog } from '#core/catalog.ts';
import { localizeUpcoming } from '#core/i18n/localize.ts';
import type { Links } from '#core/links.ts';
import { preferencesPage } from '#core/pages/subscription-pages.ts';
import type { PreferenceActions } from '#core/preferences.ts';
import { formToPreferences } from '#core/subscription-schema.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import type { RouteKeyOf } from '#lambdas/routes.ts';
import { requireEdge, type EdgeTrust } from './http/client-ip.ts';
import { always, languageOf, page, pageRoute, wantsHtml } from './http/pages.ts';
import { tokenOf } from './http/reader-request.ts';
import { jsonOrFormBody, queryParam } from './http/request.ts';
import { json } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';
import type { HttpEvent, HttpResult } from './http/types.ts';

/** What a preferences link opens: the reader's choices, and saving them (a form post, or a program's JSON). */
export interface PreferencesApiDeps {
  /** The stories and events a reader may choose on the page. */
  catalog: Catalog;
  subscriptions: PreferenceActions;
  links: Links;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: how to know its requests. */
  edge?: EdgeTrust;
}

function withoutToken(body: Record<string, unknown>): Record<string, unknown> {
  const { token: _, ...rest } = body;
  return rest;
}

export function makePreferencesApi(
  { catalog, subscriptions, links, telemetry = noTelemetry, edge }: PreferencesApiDeps,
) {
  const route = pageRoute(telemetry);
  const preferences = async (e: HttpEvent, subscriber: Subscriber, token: string, saved = false): Promise<HttpResult> =>
    page(200, preferencesPage({
      subscriber, ...localizeUpcoming(await catalog.upcoming(), languageOf(e, subscriber.preferences.language)), saved,
      actionUrl: `/preferences?token=${encodeURIComponent(token)}`,
      unsubscribeUrl: links.unsubscribeUrl(subscriber.id, subscriber.email),
    }));
  const table: RouteTable<RouteKeyOf<'preferences'>> = {
    'GET /preferences': route(async (e) => {
      const token = queryParam(e, 'token');
      return preferences(e, await subscriptions.preferences(token), token!);
    }, always),

    'POST /preferences': route(async (e) => {
      const { body, form } = jsonOrFormBody(e);
      const token = tokenOf(e, body);
      const changes = form ? formToPreferences(body) : withoutToken(body);
      const subscriber = await subscriptions.updatePreferences(token, changes);
      if (!form && !wantsHtml(e)) return json(200, { status: subscriber.status, preferences: subscriber.preferences });
      return preferences(e, subscriber, token!, true);
    }, wantsHtml),
  };
  return makeRouter(table, requireEdge(edge), telemetry);
}
