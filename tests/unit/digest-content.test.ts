import { describe, expect, it } from 'vitest';
import { digestFor } from '#core/digest-content.ts';
import type { Story } from '#core/model/story.ts';
import type { Preferences } from '#core/model/subscriber.ts';
import { allDayEvent } from '../support/events.ts';

const story = (id: string, createdAt: string, status: Story['status'] = 'active'): Story => ({
  id, title: `Story ${id}`, publisher: 'Kyodo', publishedOn: createdAt.slice(0, 10), language: 'en', background: [],
  status, version: 1, createdAt, updatedAt: createdAt,
});
const stories = new Map([
  ['lima', story('lima', '2016-11-19T00:00:00.000Z')],
  ['opec', story('opec', '2016-12-01T00:00:00.000Z')],
  ['old', story('old', '2016-11-01T00:00:00.000Z', 'archived')],
]);
const events = [
  allDayEvent({ id: 'kishida', storyId: 'lima', date: '2016-12-03' }),
  allDayEvent({ id: 'vienna', storyId: 'opec', date: '2016-12-10' }),
  allDayEvent({ id: 'gone', storyId: 'old', date: '2016-12-04' }),
];
const prefs = (over: Partial<Preferences> = {}): Preferences => ({ timeZone: 'UTC', reminders: [], digest: 'weekly', events: 'all', ...over });
const monday = new Date('2016-12-05T08:00:00Z');

describe('what one reader\'s digest holds', () => {
  it('groups the upcoming events of the live stories the reader follows; an archived story is left out', () => {
    const all = digestFor(prefs(), events, stories, new Date('2016-12-02T08:00:00Z'), 'weekly');
    expect(all.groups.map((g) => [g.story.id, g.events.map((e) => e.id)])).toEqual([['lima', ['kishida']], ['opec', ['vienna']]]);
    const one = digestFor(prefs({ stories: ['opec'] }), events, stories, new Date('2016-12-02T08:00:00Z'), 'weekly');
    expect(one.groups.map((g) => g.story.id)).toEqual(['opec']);
  });

  it('names a story added since the last weekly digest to a reader who follows every story, not to one who chose', () => {
    expect(digestFor(prefs(), events, stories, monday, 'weekly').newStories.map((s) => s.id)).toEqual(['opec']);
    expect(digestFor(prefs({ stories: ['lima'] }), events, stories, monday, 'weekly').newStories).toEqual([]);
    // A daily digest on 5 December: OPEC came four days earlier, so it was news on 1 or 2 December, not today.
    expect(digestFor(prefs(), events, stories, monday, 'daily').newStories).toEqual([]);
  });

  it('a story that was there when the reader confirmed is no news to them', () => {
    expect(digestFor(prefs(), events, stories, monday, 'weekly', '2016-12-03T00:00:00.000Z').newStories).toEqual([]);
    expect(digestFor(prefs(), events, stories, monday, 'weekly', '2016-11-30T00:00:00.000Z').newStories.map((s) => s.id)).toEqual(['opec']);
  });
});
