/**
 * Readers counted as the data changes, not by reading every subscription: each write of a subscription adds
 * what it now counts for and takes away what it counted for before (the very item the write replaced), so a
 * re-subscription, an import of a reader who left, a suppression or an erasure cannot make the counts drift.
 * Only an active subscription counts.
 */
import { languageOf } from './model/language.ts';
import type { Subscriber } from './model/subscriber.ts';

/** The counter names: every active reader, per zone, per followed story ('*': all stories), per language. */
export const AUDIENCE_TOTAL = 'total';
export const zoneCounter = (timeZone: string) => `zone:${timeZone}`;
export const storyCounter = (storyId: string | '*') => `story:${storyId}`;
export const languageCounter = (language: string) => `lang:${language}`;

/** What one subscription counts for: 1 under each of its counters while active, nothing otherwise. */
export function countedAs(s: Subscriber | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  if (!s || s.status !== 'active') return counts;
  counts.set(AUDIENCE_TOTAL, 1);
  counts.set(zoneCounter(s.preferences.timeZone), 1);
  const stories = s.preferences.stories ?? 'all';
  for (const id of stories === 'all' ? ['*'] : new Set(stories)) counts.set(storyCounter(id), 1);
  counts.set(languageCounter(languageOf(s.preferences)), 1);
  return counts;
}

/** The change a write makes to the counters, replacing `before` (absent: a new item) with `after` (absent: deleted). */
export function audienceDelta(before: Subscriber | undefined, after: Subscriber | undefined): Map<string, number> {
  const delta = countedAs(after);
  for (const [name, n] of countedAs(before)) delta.set(name, (delta.get(name) ?? 0) - n);
  for (const [name, n] of delta) if (n === 0) delta.delete(name);
  return delta;
}

/** The sum of several deltas (a batch of writes), without its zero entries. */
export function sumDeltas(deltas: Iterable<Map<string, number>>): Map<string, number> {
  const sum = new Map<string, number>();
  for (const d of deltas) for (const [name, n] of d) sum.set(name, (sum.get(name) ?? 0) + n);
  for (const [name, n] of sum) if (n === 0) sum.delete(name);
  return sum;
}


/** The counters as read, named for the admin API. */
export interface AudienceCounts {
  /** Active readers. */
  total: number;
  /** Active readers per time zone, largest first (zones with none left out). */
  zones: { timeZone: string; readers: number }[];
  /** Readers who follow every story, including those added later. */
  followAll: number;
  /** Readers who chose this story by name (followers of a story: these plus followAll). */
  storyChosen: Map<string, number>;
  /** Active readers per language, where subscriptions record one. */
  languages: { language: string; readers: number }[];
}

/** Sorts raw counter values into their kinds. */
export function audienceFrom(raw: ReadonlyMap<string, number>): AudienceCounts {
  const zones: AudienceCounts['zones'] = [];
  const languages: AudienceCounts['languages'] = [];
  const storyChosen = new Map<string, number>();
  let followAll = 0;
  for (const [name, n] of raw) {
    if (n <= 0) continue;
    if (name.startsWith('zone:')) zones.push({ timeZone: name.slice(5), readers: n });
    else if (name.startsWith('lang:')) languages.push({ language: name.slice(5), readers: n });
    else if (name === storyCounter('*')) followAll = n;
    else if (name.startsWith('story:')) storyChosen.set(name.slice(6), n);
  }
  const byCount = <T extends { readers: number }>(a: T, b: T, ka: string, kb: string) =>
    b.readers - a.readers || ka.localeCompare(kb);
  zones.sort((a, b) => byCount(a, b, a.timeZone, b.timeZone));
  languages.sort((a, b) => byCount(a, b, a.language, b.language));
  return { total: Math.max(0, raw.get(AUDIENCE_TOTAL) ?? 0), zones, followAll, storyChosen, languages };
}
