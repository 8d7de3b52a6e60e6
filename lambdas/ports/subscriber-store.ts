import type { Subscriber } from '#core/subscriber.ts';

export interface ReaderPage {
  readers: Subscriber[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

export interface SubscriberStore {
  get(id: string): Promise<Subscriber | undefined>;
  /**
   * Writes the subscriber. With `expectedUpdatedAt` the write happens only if the stored item still has
   * that `updatedAt` (optimistic locking); `null` means "only if absent". Returns false when the condition fails.
   * Active readers are indexed by zone and shard for the fan-out; any other status removes them from it.
   */
  put(subscriber: Subscriber, expectedUpdatedAt?: string | null): Promise<boolean>;
  /** One page of the active readers of one zone shard (a Query on the index, never a Scan). */
  activeReaders(timeZone: string, shard: number, cursor?: string, limit?: number): Promise<ReaderPage>;
  /** The zones that have (or had) active readers. */
  zones(): Promise<string[]>;
  /** Several readers by id, in one round trip where the store allows. Missing ids are left out. */
  getMany(ids: string[]): Promise<Subscriber[]>;
  /** Removes the personal data, keeping only the id (a hash) with status 'suppressed' so it is never mailed again. */
  erase(id: string, at: string): Promise<void>;
}
