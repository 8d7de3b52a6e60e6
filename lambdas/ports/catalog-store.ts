import type { DatedEvent } from '#core/model/event.ts';
import type { Story } from '#core/model/story.ts';

/** The stories and events as readers' lists need them together: one read for both. */
export interface CatalogStore {
  /**
   * Every story, newest publication first (as StoryStore.list), and the events ending after `from`, in start order,
   * cancelled ones included (as EventStore.listFrom; without `from`, every event, as listAll): what the two give,
   * read at once.
   */
  storiesAndEventsFrom(from?: Date): Promise<{ stories: Story[]; events: DatedEvent[] }>;
}
