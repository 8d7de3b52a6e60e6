import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { DatedEvent } from './event.ts';
import type { StoryEvent } from './story.ts';

/**
 * Stores the story's events that are not there yet. An existing event is left as it is, edits and version
 * included, so running the seed on every deploy (or every `npm start`) is harmless.
 */
export async function seedEvents(deps: { events: EventStore; clock: Clock }, seed: StoryEvent[]): Promise<{ created: string[]; kept: string[] }> {
  const now = deps.clock.now().toISOString();
  const created: string[] = [];
  const kept: string[] = [];
  for (const input of seed) {
    const event: DatedEvent = { ...input, status: 'scheduled', version: 1, createdAt: now, updatedAt: now };
    if (await deps.events.create(event)) created.push(event.id);
    else kept.push(event.id);
  }
  return { created, kept };
}
