import type { SubscriberStore } from '#ports/subscriber-store.ts';
import { countedAs, sumDeltas } from './audience-counts.ts';
import { READER_SHARDS } from './model/subscriber.ts';

/**
 * The readers' counters counted in full, from the active readers' index (zone by zone, shard by shard: Queries,
 * never a Scan). For the one-off start of the counters on a table that had readers before them, and to check them.
 */
export async function countAudience(
  store: Pick<SubscriberStore, 'zones' | 'activeReaders'>,
): Promise<Map<string, number>> {
  const parts: Map<string, number>[] = [];
  for (const zone of await store.zones()) {
    for (let shard = 0; shard < READER_SHARDS; shard++) {
      let cursor: string | undefined;
      do {
        const page = await store.activeReaders(zone, shard, cursor, 500);
        parts.push(...page.readers.map((r) => countedAs(r)));
        cursor = page.cursor;
      } while (cursor);
    }
  }
  return sumDeltas(parts);
}
