import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { StoryStore } from '#ports/story-store.ts';
import { whenAndWhere, type DatedEvent } from './model/event.ts';
import type { Story, StoryEvent, StoryInput } from './model/story.ts';

export interface SeedResult {
  created: string[];
  kept: string[];
  /**
   * Items an earlier release stored in an older layout, moved: events stored before stories existed (given the seed
   * story and its index entry) and stories listed apart from the events (moved to the catalog listing).
   */
  migrated: number;
}

/**
 * Stores the seed story and its events that are not there yet. An existing story or event is left as it is,
 * edits and version included, so running the seed on every deploy (or every `npm start`) is harmless. It also
 * upgrades a table written before stories existed: its events join the seed story (which they were about); and one
 * written before the stories were listed with the events: they move to that listing.
 */
export async function storeSeed(
  deps: { events: EventStore; stories: StoryStore; clock: Clock },
  seed: { story: StoryInput & { id: string }; events: StoryEvent[] },
): Promise<SeedResult> {
  const now = deps.clock.now().toISOString();
  const story: Story = { ...seed.story, status: 'active', version: 1, createdAt: now, updatedAt: now };
  const created: string[] = [];
  const kept: string[] = [];
  if (await deps.stories.create(story)) created.push(`story:${story.id}`);
  else kept.push(`story:${story.id}`);
  for (const input of seed.events) {
    const history = [{ kind: 'created' as const, at: now, version: 1, source: input.source, to: whenAndWhere(input) }];
    const event: DatedEvent = { ...input, status: 'scheduled', version: 1, createdAt: now, updatedAt: now, history };
    if (await deps.events.create(event)) created.push(event.id);
    else kept.push(event.id);
  }
  const migrated = await deps.events.backfillStoryIndex() + await deps.stories.backfillCatalogIndex();
  return { created, kept, migrated };
}
