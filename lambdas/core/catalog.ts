import type { CatalogStore } from '#ports/catalog-store.ts';
import type { Clock } from '#ports/clock.ts';
import type { StoryStore } from '#ports/story-store.ts';
import { NotFoundError } from './errors.ts';
import type { DatedEvent } from './model/event.ts';
import type { EventReads } from './event-reads.ts';
import { SLUG } from './fields.ts';
import { storyIsLive, type Story } from './model/story.ts';

/**
 * What readers can see: the stories Datewatch follows and their events. Live (active) stories are offered for
 * subscription and listed with what is coming up; archived and cancelled ones keep their pages and feeds.
 */
export function makeCatalog({ stories, events, listing, clock }: {
  stories: StoryStore; events: EventReads; listing: CatalogStore; clock: Clock;
}) {
  async function story(id: string): Promise<Story> {
    const found = SLUG.test(id) ? await stories.get(id) : undefined;
    if (!found) throw new NotFoundError(`no story with id "${id}"`);
    return found;
  }
  const liveStories = async () => (await stories.list()).filter(storyIsLive);

  return {
    story,
    allStories: () => stories.list(),
    liveStories,
    /** Live stories and their upcoming events (every event ends after now), in one read of both. */
    async upcoming(): Promise<{ stories: Story[]; events: DatedEvent[] }> {
      const { stories: all, events: upcoming } = await listing.storiesAndEventsFrom(clock.now());
      const live = all.filter(storyIsLive);
      const ids = new Set(live.map((s) => s.id));
      return { stories: live, events: upcoming.filter((e) => ids.has(e.storyId)) };
    },
    /** Every story and every event (cancelled ones included), in one read of both. */
    everything: (): Promise<{ stories: Story[]; events: DatedEvent[] }> => listing.storiesAndEventsFrom(),
    /** One story with all its events (a Query on its partition of the story index). */
    async storyWithEvents(id: string): Promise<{ story: Story; events: DatedEvent[] }> {
      const [found, own] = await Promise.all([story(id), events.listByStory(id)]);
      return { story: found, events: own };
    },
  };
}

export type Catalog = ReturnType<typeof makeCatalog>;
