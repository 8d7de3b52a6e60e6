import type { DatedEvent, PendingAlert } from '#core/model/event.ts';

export interface EventStore {
  get(id: string): Promise<DatedEvent | undefined>;
  /** Writes a new event; false when the id is taken. Seeding relies on this to be idempotent. */
  create(event: DatedEvent): Promise<boolean>;
  /**
   * Replaces the event only if its stored version is `expectedVersion`; false otherwise. An alert, when
   * given, is stored in the same item write, so a change and its alert are never half-written.
   */
  replace(event: DatedEvent, expectedVersion: number, alert?: PendingAlert): Promise<boolean>;
  /** Events ending after `from`, in start order, cancelled ones included. */
  listFrom(from: Date): Promise<DatedEvent[]>;
  /** Events ending after `from` and no later than `until`, in start order, cancelled ones included. */
  listEndingBetween(from: Date, until: Date): Promise<DatedEvent[]>;
  /** Every event, in start order. */
  listAll(): Promise<DatedEvent[]>;
  /** One story's events, in start order (a Query on the story's index partition). */
  listByStory(storyId: string): Promise<DatedEvent[]>;
  /** Gives events stored before stories existed their story and index entry; returns how many it moved. */
  backfillStoryIndex(): Promise<number>;
  /** Events whose last change still awaits its alert. */
  pendingAlerts(): Promise<{ event: DatedEvent; alert: PendingAlert }[]>;
  /** Clears the pending alert if the event is still at `version` (a newer change keeps its own alert). */
  clearAlert(id: string, version: number): Promise<void>;
}
