import { digestEvents } from './due.ts';
import type { DatedEvent } from './model/event.ts';
import type { DigestGroup } from './email/render.ts';
import { storyIsLive, storyRef, type Story, type StoryRef } from './model/story.ts';
import { followsStory, type Preferences } from './model/subscriber.ts';

export interface DigestContent {
  groups: DigestGroup[];
  newStories: StoryRef[];
}

const PERIOD_MS = { daily: 86_400_000, weekly: 7 * 86_400_000 } as const;

/**
 * What one reader's digest holds at `at`: the upcoming events of the live stories they follow, grouped by story,
 * and, for a reader who follows every story, the stories added since the last digest of the period (and after the
 * reader confirmed: a story that was there when they signed up is no news to them). Empty when nothing they
 * follow is coming up and no story is new: the sender then skips the reader.
 */
export function digestFor(
  p: Preferences, upcoming: readonly DatedEvent[], stories: ReadonlyMap<string, Story>, at: Date, period: 'daily' | 'weekly', readerSince?: string,
): DigestContent {
  const listed = digestEvents([...upcoming], at);
  const groups: DigestGroup[] = [];
  for (const story of stories.values()) {
    if (!storyIsLive(story) || !followsStory(p, story.id)) continue;
    const events = listed.filter((e) => e.storyId === story.id);
    if (events.length) groups.push({ story: storyRef(story), events });
  }
  const followsAll = p.stories === undefined || p.stories === 'all';
  const since = Math.max(at.getTime() - PERIOD_MS[period], readerSince ? Date.parse(readerSince) : -Infinity);
  const newStories = followsAll
    ? [...stories.values()].filter((s) => storyIsLive(s) && Date.parse(s.createdAt) > since && Date.parse(s.createdAt) <= at.getTime()).map(storyRef)
    : [];
  return { groups, newStories };
}

/** Equal for two readers whose digests read the same: the cache key of a rendered digest. */
export function digestSignature(d: DigestContent): string {
  return [...d.groups.map((g) => `${g.story.id}:${g.events.map((e) => `${e.id}.${e.version}`).join(',')}`), '+', ...d.newStories.map((s) => s.id)].join('|');
}
