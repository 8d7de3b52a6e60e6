import type { StoryUpdate } from '#core/model/story-update.ts';

/** Editors' updates to a story's followers. */
export interface UpdateStore {
  /** Writes a new update, pending dispatch; false when the story has one with this id already (nothing written). */
  create(update: StoryUpdate): Promise<boolean>;
  get(storyId: string, id: string): Promise<StoryUpdate | undefined>;
  /** One story's updates, newest first (a Query on the story's update index partition). */
  listByStory(storyId: string, limit: number): Promise<StoryUpdate[]>;
  /** Updates still waiting for the dispatcher, oldest first (a Query on the sparse pending partition). */
  pending(): Promise<StoryUpdate[]>;
  /** Records that the dispatcher made the update's job; it leaves the pending partition. */
  markDispatched(storyId: string, id: string, at: Date): Promise<void>;
}
