import type { DepartureReason, SuppressionReason } from '#core/model/subscriber.ts';

export interface SuppressionRecord {
  reason: SuppressionReason;
  at: string;
}

/** A departure (core/suppressions.ts): kept in the same store, under hashes of another namespace. */
export interface DepartureRecord {
  reason: DepartureReason;
  at: string;
}

/** Addresses never to be mailed again, stored under keyed hashes only (core/suppressions.ts makes them). */
export interface SuppressionStore {
  /** The first of `hashes` that is recorded, with its record. */
  find(hashes: readonly string[]): Promise<{ hash: string; record: SuppressionRecord | DepartureRecord } | undefined>;
  /** Records the hash unless it is there already (the first reason is kept). */
  add(hash: string, record: SuppressionRecord | DepartureRecord): Promise<void>;
  /** Which of many hashes are recorded, in batches (an import checks thousands of addresses). */
  recorded?(hashes: readonly string[]): Promise<Set<string>>;
}
