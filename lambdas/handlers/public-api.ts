import type { EventsService } from '#core/events-service.ts';
import { publicView } from '#core/model/event.ts';
import { ValidationError } from '#core/errors.ts';
import { renderCalendarFeed } from '#core/ical.ts';
import type { Links } from '#core/links.ts';
import { pageCsp, type Page } from '#core/pages/layout.ts';
import {
  checkInboxPage, confirmedPage, confirmPage, errorPage, preferencesPage, subscribePage, unsubscribedPage, unsubscribePage,
} from '#core/pages/subscription-pages.ts';
import type { Catalog } from '#core/catalog.ts';
import { storyChangesFeed } from '#core/feeds/atom.ts';
import { storyPage } from '#core/pages/story-page.ts';
import { storiesPage } from '#core/pages/stories-page.ts';
import { timeZones } from '#core/pages/preference-fields.ts';
import { publicStoryView } from '#core/model/story.ts';
import { formToPreferences, formToSubscribe } from '#core/subscription-schema.ts';
import type { Subscriptions } from '#core/subscriptions.ts';
import type { Clock } from '#ports/clock.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import { errorResponse } from './http/errors.ts';
import { clientIp, requireEdge, type EdgeTrust } from './http/client-ip.ts';
import { formBody, header, jsonOrFormBody, queryParam } from './http/request.ts';
import { html, json, text } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';
import type { ConsoleSignIn } from '#lambdas/config.ts';
import type { PublicRouteKey } from '#lambdas/routes.ts';
import { consoleRoutes } from '#lambdas/console/serve.ts';
import type { HttpEvent, HttpResult } from './http/types.ts';
import { pageLanguage, type Language } from '#core/model/language.ts';
import { localizeUpcoming } from '#core/i18n/localize.ts';

export interface PublicApiDeps {
  events: EventsService;
  catalog: Catalog;
  /** Where the service is reached; feeds carry absolute links. */
  publicBaseUrl: string;
  clock: Clock;
  subscriptions: Subscriptions;
  links: Links;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: how to know its requests and believe the viewer's address. */
  edge?: EdgeTrust;
  /** How the editors' console at /console signs in. */
  consoleSignIn: ConsoleSignIn;
}

const page = (status: number, p: Page): HttpResult =>
  html(status, p.html, { 'content-security-policy': pageCsp(p.scripts), 'content-language': p.language });

/** The page's language: the reader's own when known, else `?lang=`, else the browser's Accept-Language (q-values). */
const languageOf = (e: HttpEvent, stored?: Language): Language =>
  pageLanguage({ stored, query: queryParam(e, 'lang'), acceptLanguage: header(e, 'accept-language') });

/** Browsers (form posts, links from email) get pages; API clients get JSON. Failures take the same path. */
const wantsHtml = (e: HttpEvent) => /text\/html/i.test(header(e, 'accept') ?? '');

/** Runs a route; a failure becomes the one error mapper's status, shown as a page when a browser asked. */
const pageRoute = (telemetry: InvocationTelemetry) => (handler: (e: HttpEvent) => Promise<HttpResult>, asPage: (e: HttpEvent) => boolean) => {
  return async (e: HttpEvent): Promise<HttpResult> => {
    try {
      return await handler(e);
    } catch (err) {
      const mapped = errorResponse(err, telemetry);
      if (!asPage(e)) return mapped;
      const message = (JSON.parse(mapped.body ?? '{}') as { error?: string }).error ?? 'Something went wrong.';
      const result = page(mapped.statusCode, errorPage(mapped.statusCode, message, languageOf(e)));
      const retryAfter = mapped.headers['retry-after'];
      return retryAfter ? { ...result, headers: { ...result.headers, 'retry-after': retryAfter } } : result;
    }
  };
};
const always = () => true;

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

const calendar = (feed: string, filename: string) =>
  text(200, feed, 'text/calendar; charset=utf-8', { 'content-disposition': `inline; filename="${filename}"`, 'cache-control': 'public, max-age=300' });

export function makePublicApi({ events, catalog, publicBaseUrl, clock, subscriptions, links, telemetry = noTelemetry, edge, consoleSignIn }: PublicApiDeps) {
  const route = pageRoute(telemetry);
  const requestContext = requestContextWith(edge);
  const storyId = (e: HttpEvent) => e.pathParameters?.id ?? '';
  const base = publicBaseUrl.replace(/\/+$/, '');
  const storyLinks = (id: string) => {
    const path = `/stories/${encodeURIComponent(id)}`;
    return { pageUrl: `${base}${path}`, atomUrl: `${base}${path}/changes.atom`, icsUrl: `${base}${path}/events.ics`, subscribeUrl: `/?story=${encodeURIComponent(id)}#subscribe` };
  };
  // Atom entry ids are tag: URIs under the service's own host, fixed per deployment (RFC 4151).
  const authority = new URL(base).hostname;
  const table: RouteTable<PublicRouteKey> = {
    'GET /events': async (e) => {
      const { stories, events: upcoming } = await catalog.upcoming();
      const only = queryParam(e, 'story');
      const listed = only === undefined ? upcoming : upcoming.filter((ev) => ev.storyId === only);
      return json(200, { stories: stories.map(publicStoryView), events: listed.map(publicView) }, { 'cache-control': 'public, max-age=60' });
    },
    'GET /events.ics': async () => {
      const [stories, all] = await Promise.all([catalog.allStories(), events.listAll()]);
      const live = new Set(stories.filter((s) => s.status !== 'cancelled').map((s) => s.id));
      return calendar(renderCalendarFeed(all.filter((ev) => live.has(ev.storyId)), { calendarName: 'Datewatch: every story', now: clock.now() }), 'datewatch.ics');
    },
    // A browser (asking for HTML, not JSON) gets the readers' page; a program keeps the JSON.
    'GET /stories': async (e) => {
      const all = await catalog.allStories();
      const cached = { 'cache-control': 'public, max-age=60', vary: 'accept, accept-language' };
      if (!wantsHtml(e)) return json(200, { stories: all.map(publicStoryView) }, cached);
      const p = storiesPage(all, {
        storyUrl: (id) => storyLinks(id).pageUrl, atomUrl: (id) => storyLinks(id).atomUrl,
        storyIcsUrl: (id) => storyLinks(id).icsUrl,
        icsUrl: `${base}/events.ics`, subscribeUrl: '/#subscribe',
      }, languageOf(e));
      return html(200, p.html, { 'content-security-policy': pageCsp(p.scripts), 'content-language': p.language,
        ...cached });
    },
    'GET /stories/{id}/events.ics': async (e) => {
      const { story, events: own } = await catalog.storyWithEvents(storyId(e));
      return calendar(renderCalendarFeed(own, { calendarName: `Datewatch: ${story.title}`, now: clock.now() }), `${story.id}.ics`);
    },
    'GET /stories/{id}': route(async (e) => {
      const { story, events: own } = await catalog.storyWithEvents(storyId(e));
      return page(200, storyPage({
        story, events: own, readerTimeZone: queryParam(e, 'timeZone'), zones: timeZones(), now: clock.now(),
          links: storyLinks(story.id),
        language: languageOf(e),
      }));
    }, always),
    'GET /stories/{id}/changes.atom': async (e) => {
      const { story, events: own } = await catalog.storyWithEvents(storyId(e));
      const { pageUrl, atomUrl } = storyLinks(story.id);
      const feed = storyChangesFeed({ story, events: own, now: clock.now(), links: { selfUrl: atomUrl, pageUrl }, authority });
      return text(200, feed, 'application/atom+xml; charset=utf-8', { 'cache-control': 'public, max-age=300' });
    },
    ...consoleRoutes(consoleSignIn),
    'GET /openapi.json': async () => json(200, (await import('#lambdas/openapi/document.ts')).openApiDocument(), { 'cache-control': 'public, max-age=300' }),

    'GET /': route(async (e) => {
      const language = languageOf(e);
      return page(200, subscribePage({ ...localizeUpcoming(await catalog.upcoming(), language), only: queryParam(e,
        'story'), language }));
    }, always),

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
