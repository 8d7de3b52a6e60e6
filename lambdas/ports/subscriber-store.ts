import type { Subscriber } from '#core/model/subscriber.ts';

export interface ReaderPage {
  readers: Subscriber[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

/**
 * Subscriptions, keyed by their opaque id, and one address entry per (case-folded) address that names the
 * subscription the address currently belongs to: the entry is what makes an address one subscription, the
 * subscription is what the fan-out and the sender read.
 */
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
  /** Deletes a subscription (with `expectedUpdatedAt`, only if unchanged); false when the condition fails. */
  remove(id: string, expectedUpdatedAt?: string): Promise<boolean>;

  /**
   * The active subscriptions of the address's mailbox under every spelling (case, `+tag`, Gmail dots folded as
   * mailboxOf does): a suppression holds for the mailbox, so each of them must end with it.
   */
  activeInMailbox(email: string): Promise<Subscriber[]>;
  /**
   * Puts the active subscriptions written before the mailbox index existed into it; returns how many. Run by the
   * seed on every deploy: after the first, it only reads.
   */
  backfillMailboxIndex(): Promise<number>;

  /** The subscription id the address entry names, if any (it may name one that no longer exists). */
  addressOwner(email: string): Promise<string | undefined>;
  /** The subscription the address belongs to: the entry's subscription, if it exists and is for this address. */
  findByAddress(email: string): Promise<Subscriber | undefined>;
  /**
   * Points the address at `id` if the entry still names `expectedOwner` (undefined: there is no entry), with an
   * expiry while the subscription is not active. False when someone else moved it first.
   */
  claimAddress(email: string, id: string, expectedOwner: string | undefined, expiresAt?: string): Promise<boolean>;
  /** Sets (or, with undefined, clears) the entry's expiry, if it still names `id`. */
  setAddressExpiry(email: string, id: string, expiresAt: string | undefined): Promise<void>;
  /** Deletes the address entry if it still names `id`. */
  releaseAddress(email: string, id: string): Promise<void>;
}

/**
 * One subscription at a time, as a reader's link acts on it (confirm, preferences, unsubscribe): the part of the
 * store the functions behind those links use.
 */
export type SubscriptionRecords =
  Pick<SubscriberStore, 'get' | 'put' | 'addressOwner' | 'setAddressExpiry' | 'activeInMailbox'>;

/**
 * What importing and exporting readers need beyond one subscription at a time. Separate from SubscriberStore
 * so the request path's stand-ins need not implement it.
 */
export interface SubscriberBulkStore {
  /**
   * One page of the subscriptions of one shard that are not active (pending, ended, suppressed): a Query on their
   * own sparse index, never a Scan. Active readers are listed per zone by `activeReaders`.
   */
  inactiveReaders(shard: number, cursor?: string, limit?: number): Promise<ReaderPage>;
  /** The subscription id each address's entry names, keyed by the case-folded address; absent when none. */
  addressOwners(emails: readonly string[]): Promise<Map<string, string>>;
  /**
   * Writes new subscriptions unconditionally, in batches: only for ids nothing points at yet (fresh random ids),
   * as the sign-up worker's first put. Registers the zones of active ones. Throws if a batch cannot be completed.
   */
  putMany(subscribers: readonly Subscriber[]): Promise<void>;
  /**
   * Points addresses that had no entry at `id`, in batches (no conditions: a batch cannot carry them), then reads
   * the entries back: returns the ids whose entry names them. An id left out lost its address to a write at the
   * same moment; its caller removes it.
   */
  claimFreeAddresses(claims: readonly { email: string; id: string }[]): Promise<Set<string>>;
}
