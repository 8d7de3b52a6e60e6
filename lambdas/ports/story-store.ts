import type { Story } from '#core/model/story.ts';

export interface StoryStore {
  get(id: string): Promise<Story | undefined>;
  /** Writes a new story; false when the id is taken (the seed relies on this to be idempotent). */
  create(story: Story): Promise<boolean>;
  /** Replaces the story only if its stored version is `expectedVersion`; false otherwise. */
  replace(story: Story, expectedVersion: number): Promise<boolean>;
  /** Every story, newest publication first (a Query, never a Scan). */
  list(): Promise<Story[]>;
  /** The stories these ids name, in no order; an id with no story is left out (BatchGetItem, 100 at a time). */
  getMany(ids: readonly string[]): Promise<Story[]>;
  /**
   * Moves stories stored before they were listed with the events (catalog.ts reads both at once) to that
   * listing; returns how many it moved. The seed runs it on every deploy and `npm start`.
   */
  backfillCatalogIndex(): Promise<number>;
}
