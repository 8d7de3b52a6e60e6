import type { Catalog } from '#core/catalog.ts';
import { storyChangesFeed } from '#core/feeds/atom.ts';
import { renderCalendarFeed } from '#core/ical.ts';
import { publicView } from '#core/model/event.ts';
import { calendarEventsOf, publicStoryView } from '#core/model/story.ts';
import { timeZones } from '#core/pages/preference-fields.ts';
import { storiesPage } from '#core/pages/stories-page.ts';
import { storyPage } from '#core/pages/story-page.ts';
import { subscribePage } from '#core/pages/subscription-pages.ts';
import { localizeUpcoming } from '#core/i18n/localize.ts';
import type { Language } from '#core/model/language.ts';
import type { Clock } from '#ports/clock.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import type { PageRouteKey } from '#lambdas/routes.ts';
import { requireEdge, type EdgeTrust } from './http/client-ip.ts';
import { always, languageOf, page, pageRoute, wantsHtml } from './http/pages.ts';
import { queryParam } from './http/request.ts';
import { json, text } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';
import type { HttpEvent } from './http/types.ts';

export interface PublicPagesDeps {
  catalog: Catalog;
  /** Where the service is reached; feeds carry absolute links. */
  publicBaseUrl: string;
  clock: Clock;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: a request without its secret header is refused. */
  edge?: EdgeTrust;
}

const calendar = (feed: string, filename: string) => text(200, feed, 'text/calendar; charset=utf-8', {
  'content-disposition': `inline; filename="${filename}"`, 'cache-control': 'public, max-age=300',
});

/**
 * Readers' pages and feeds: the subscribe page, the stories and a story's page, the calendars, the Atom feed and the
 * JSON lists of the same catalog. They read stories and events only: no secret, no queue, no link to verify.
 */
export function makePublicPages(
  { catalog, publicBaseUrl, clock, telemetry = noTelemetry, edge }: PublicPagesDeps,
) {
  const route = pageRoute(telemetry);
  const storyId = (e: HttpEvent) => e.pathParameters?.id ?? '';
  const base = publicBaseUrl.replace(/\/+$/, '');
  // With the page's language, the subscribe link keeps it (the feeds' links carry none).
  const storyLinks = (id: string, language?: Language) => {
    const path = `/stories/${encodeURIComponent(id)}`;
    return {
      pageUrl: `${base}${path}`, atomUrl: `${base}${path}/changes.atom`, icsUrl: `${base}${path}/events.ics`,
      subscribeUrl: `/?story=${encodeURIComponent(id)}${language ? `&lang=${language}` : ''}#subscribe`,
    };
  };
  // Atom entry ids are tag: URIs under the service's own host, fixed per deployment (RFC 4151).
  const authority = new URL(base).hostname;
  const table: RouteTable<PageRouteKey> = {
    'GET /events': async (e) => {
      const { stories, events: upcoming } = await catalog.upcoming();
      const only = queryParam(e, 'story');
      const listed = only === undefined ? upcoming : upcoming.filter((ev) => ev.storyId === only);
      const body = { stories: stories.map(publicStoryView), events: listed.map(publicView) };
      return json(200, body, { 'cache-control': 'public, max-age=60' });
    },
    'GET /events.ics': async () => {
      const { stories, events: all } = await catalog.everything();
      const live = new Set(stories.filter((s) => s.status !== 'cancelled').map((s) => s.id));
      const feed = renderCalendarFeed(all.filter((ev) => live.has(ev.storyId)), {
        calendarName: 'Datewatch: every story', now: clock.now(),
      });
      return calendar(feed, 'datewatch.ics');
    },
    // A browser (asking for HTML, not JSON) gets the readers' page; a program keeps the JSON.
    'GET /stories': async (e) => {
      const all = await catalog.allStories();
      const cached = { 'cache-control': 'public, max-age=60', vary: 'accept, accept-language' };
      if (!wantsHtml(e)) return json(200, { stories: all.map(publicStoryView) }, cached);
      // The page's links keep its language: a reader who chose one here reads the story and subscribes in it.
      const lang = languageOf(e);
      return page(200, storiesPage(all, {
        storyUrl: (id) => `${storyLinks(id).pageUrl}?lang=${lang}`, atomUrl: (id) => storyLinks(id).atomUrl,
        storyIcsUrl: (id) => storyLinks(id).icsUrl, icsUrl: `${base}/events.ics`,
        subscribeUrl: `/?lang=${lang}#subscribe`,
      }, lang), cached);
    },
    'GET /stories/{id}/events.ics': async (e) => {
      const { story, events: own } = await catalog.storyWithEvents(storyId(e));
      const feed = renderCalendarFeed(calendarEventsOf(story, own), {
        calendarName: `Datewatch: ${story.title}`, now: clock.now(),
      });
      return calendar(feed, `${story.id}.ics`);
    },
    'GET /stories/{id}': route(async (e) => {
      const { story, events: own } = await catalog.storyWithEvents(storyId(e));
      const language = languageOf(e);
      return page(200, storyPage({
        story, events: own, readerTimeZone: queryParam(e, 'timeZone'), zones: timeZones(), now: clock.now(),
        links: storyLinks(story.id, language), language,
      }));
    }, always),
    'GET /stories/{id}/changes.atom': async (e) => {
      const { story, events: own } = await catalog.storyWithEvents(storyId(e));
      const { pageUrl, atomUrl } = storyLinks(story.id);
      const feed = storyChangesFeed({
        story, events: own, now: clock.now(), links: { selfUrl: atomUrl, pageUrl }, authority,
      });
      return text(200, feed, 'application/atom+xml; charset=utf-8', { 'cache-control': 'public, max-age=300' });
    },
    'GET /': route(async (e) => {
      const language = languageOf(e);
      const upcoming = localizeUpcoming(await catalog.upcoming(), language);
      return page(200, subscribePage({ ...upcoming, only: queryParam(e, 'story'), language }));
    }, always),
  };
  return makeRouter(table, requireEdge(edge), telemetry);
}
