import type { EventsService } from '#core/events-service.ts';
import { publicView } from '#core/event.ts';
import { renderCalendarFeed } from '#core/ical.ts';
import { story } from '#core/story.ts';
import type { Clock } from '#ports/clock.ts';
import { json, text } from './http/responses.ts';
import { lazyHandler, makeRouter } from './http/router.ts';

export interface PublicApiDeps {
  events: EventsService;
  clock: Clock;
}

export function makePublicApi({ events, clock }: PublicApiDeps) {
  return makeRouter({
    'GET /events': async () => {
      const upcoming = await events.listUpcoming();
      return json(200, { story: { title: story.title, publisher: story.publisher, date: story.date }, events: upcoming.map(publicView) }, { 'cache-control': 'public, max-age=60' });
    },
    'GET /events.ics': async () => {
      const feed = renderCalendarFeed(await events.listAll(), { calendarName: `Datewatch: ${story.title}`, now: clock.now() });
      return text(200, feed, 'text/calendar; charset=utf-8', { 'content-disposition': 'inline; filename="datewatch.ics"', 'cache-control': 'public, max-age=300' });
    },
  });
}

export const handler = lazyHandler(async () => {
  const { awsDependencies } = await import('#adapters/aws-dependencies.ts');
  return makePublicApi(await awsDependencies());
});
