/**
 * Addresses that must never be mailed again (a hard bounce, a complaint, the reader's own "never mail me"),
 * kept on purpose after everything else about the person is gone. Only a keyed hash of the mailbox is stored:
 * HMAC-SHA256 under a key derived from the suppression secret's keys (a secret apart from the link-signing one,
 * so what records suppressions cannot sign links), so a stolen table or a link in a forwarded email cannot be
 * used to test a guessed address offline. The key ring is the secret's current, previous and retired keys, then
 * its `derived` hash keys: an address is looked up under each, recorded under the current one, and moved to it
 * when found under an older one, so rotating the secret keeps every suppression in force.
 *
 * Beside them, in the same store under hashes of their own namespace, departures: a mailbox whose reader
 * unsubscribed or had their data erased. A departure blocks nothing the reader does themselves (they may sign up
 * and confirm again); it only stops an editor's import from making the mailbox active (see subscriber-csv/).
 */
import { createHmac } from 'node:crypto';
import type { SuppressionRecord, SuppressionStore } from '#ports/suppression-store.ts';
import type { DepartureReason, SuppressionReason } from './model/subscriber.ts';
import { legacyMailboxOf, mailboxOf } from './subscriber-id.ts';

/**
 * The suppression secret: `current` records, the others only recognise. `derived` are hash keys already derived
 * (base64url), such as those of the link-signing keys from before the split: they cannot sign a link.
 */
export interface SuppressionKeys { current: string; previous?: string; retired?: string[]; derived?: string[] }

/** The keys as they are now: a value, or a reader of the secret, re-read while the function stays warm. */
export type SuppressionKeySource = SuppressionKeys | (() => Promise<SuppressionKeys>);

/** The hash key a secret's key stands for; what `derived` lists for keys no function may hold any more. */
export const suppressionHashKey = (key: string): Buffer => createHmac('sha256', key).update('datewatch-suppression-key').digest();

export interface Suppressions {
  /** Why the address (its mailbox: case, +tag and Gmail dots folded) is suppressed, if it is. */
  find(email: string): Promise<SuppressionRecord | undefined>;
  /** Suppresses the address's mailbox for good; the first reason recorded is kept. */
  add(email: string, reason: SuppressionReason, at: Date): Promise<void>;
  /** Which of many addresses are suppressed, in batches where the store allows; reads only (no re-keying). */
  suppressedAmong?(emails: readonly string[]): Promise<Set<string>>;
  /** Records that the mailbox's reader left; the first departure recorded is kept. */
  recordDeparture(email: string, reason: DepartureReason, at: Date): Promise<void>;
  /** Which of many addresses' mailboxes were left by their readers (reads only). */
  departedAmong(emails: readonly string[]): Promise<Set<string>>;
}

function ringOf(keys: SuppressionKeys): Buffer[] {
  const secretKeys = [keys.current, keys.previous, ...(keys.retired ?? [])].filter((k): k is string => typeof k === 'string' && k.length > 0);
  const derived = (keys.derived ?? []).filter((k) => k.length > 0).map((k) => Buffer.from(k, 'base64url'));
  return [...secretKeys.map(suppressionHashKey), ...derived];
}

export function makeSuppressions({ store, keys }: { store: SuppressionStore; keys: SuppressionKeySource }): Suppressions {
  let seen: SuppressionKeys | undefined;
  let ring: Buffer[] = [];
  const ringNow = async () => {
    const now = typeof keys === 'function' ? await keys() : keys;
    if (now !== seen) { seen = now; ring = ringOf(now); }
    return ring;
  };
  // The first hash is the current key over today's folding; then the older keys, and the folding before Gmail dots.
  const hashesIn = (namespace: string) => async (email: string) => {
    const current = await ringNow();
    const mailboxes = [...new Set([mailboxOf(email), legacyMailboxOf(email)])];
    return mailboxes.flatMap((m) => current.map((key) => createHmac('sha256', key).update(`${namespace}:${m}`).digest('base64url')));
  };
  const hashes = hashesIn('datewatch-suppressed');
  const departureHashes = hashesIn('datewatch-departed');
  // Every address under each hash: two spellings of one mailbox (two subscriptions) share their hashes.
  const emailsByHash = async (emails: readonly string[], hashesOf: (email: string) => Promise<string[]>) => {
    const byHash = new Map<string, string[]>();
    for (const email of emails) {
      for (const h of await hashesOf(email)) byHash.set(h, [...(byHash.get(h) ?? []), email]);
    }
    return byHash;
  };

  return {
    async find(email) {
      const candidates = await hashes(email);
      const found = await store.find(candidates);
      if (!found) return undefined;
      // Re-keyed on sight: once every suppression is under the current key, the old one can be retired for good.
      if (found.hash !== candidates[0]) await store.add(candidates[0]!, found.record);
      // Only suppressions live under this namespace's hashes.
      return found.record as SuppressionRecord;
    },
    async add(email, reason, at) {
      await store.add((await hashes(email))[0]!, { reason, at: at.toISOString() });
    },
    async recordDeparture(email, reason, at) {
      await store.add((await departureHashes(email))[0]!, { reason, at: at.toISOString() });
    },
    async departedAmong(emails) {
      const byHash = await emailsByHash(emails, departureHashes);
      if (store.recorded) return new Set([...await store.recorded([...byHash.keys()])].flatMap((h) => byHash.get(h)!));
      const departed = new Set<string>();
      for (const email of new Set(emails)) if (await store.find(await departureHashes(email))) departed.add(email);
      return departed;
    },
    ...(store.recorded ? {
      async suppressedAmong(emails: readonly string[]) {
        const byHash = await emailsByHash(emails, hashes);
        const found = await store.recorded!([...byHash.keys()]);
        return new Set([...found].flatMap((h) => byHash.get(h)!));
      },
    } : {}),
  };
}
