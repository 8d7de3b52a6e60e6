import { eventEndsAt, eventStartsAt, type DatedEvent } from '#core/model/event.ts';
import { SEED_STORY_ID, type Story } from '#core/model/story.ts';

/**
 * The catalog partition of gsi1: every event and every story, so the upcoming events and the stories are one
 * Query. An event sorts by when it is over (`<end ISO>#<id>`), so "still on at `from`" is `gsi1sk >= from`; a
 * story sorts as `STORY#<publishedOn>#<id>`, after every instant (a letter sorts after a digit), so the same
 * condition takes in all the stories too, and a window with an end (`BETWEEN`, the dispatcher's) none of them.
 * The partition keeps its first name, EVENTS: no event item had to move when the stories joined it.
 */
export const CATALOG_PARTITION = 'EVENTS';
export const STORY_SORT_PREFIX = 'STORY#';
/** Where stories were listed before they joined the catalog partition (the seed moves any still there). */
export const OLD_STORIES_PARTITION = 'STORIES';

/** Past every event's sort key (each starts with its end's year, 0000 to 9999), before every story's. */
export const EVENT_SORT_MAX = '9999-12-31T23:59:59.999Z#\uffff';

export const eventSort = (e: DatedEvent) => `${eventEndsAt(e).toISOString()}#${e.id}`;
export const storySort = (s: Pick<Story, 'publishedOn' | 'id'>) => `${STORY_SORT_PREFIX}${s.publishedOn}#${s.id}`;

/** An event stored before stories existed belongs to the seed story. */
const withStory = (e: DatedEvent): DatedEvent => (e.storyId ? e : { ...e, storyId: SEED_STORY_ID });

export const eventOfItem = (item: Record<string, unknown>): DatedEvent => withStory(item.event as DatedEvent);
export const storyOfItem = (item: Record<string, unknown>): Story => item.story as Story;
/** A catalog item is a story's or an event's: told apart by what it holds. */
export const isStoryItem = (item: Record<string, unknown>): boolean => item.story !== undefined;

export const byStart = (a: DatedEvent, b: DatedEvent) =>
  eventStartsAt(a).getTime() - eventStartsAt(b).getTime() || a.id.localeCompare(b.id);
