import { describe, expect, it } from 'vitest';
import { formatInstant, paceInWords } from '#lambdas/console/app/time.ts';
import { storyPatch } from '#lambdas/console/app/screens/story-manage.ts';
import type { Story } from '#core/model/story.ts';

describe("the console's times", () => {
  it("shows an instant on the editor's clock face with the zone's short name, summer time included", () => {
    expect(formatInstant('2016-11-19T15:00:00.000Z', 'Asia/Tokyo')).toBe('2016-11-20 00:00 GMT+9');
    expect(formatInstant('2016-11-19T15:00:00.000Z', 'Europe/London')).toBe('2016-11-19 15:00 GMT');
    expect(formatInstant('2016-07-01T12:00:00.000Z', 'Europe/London')).toBe('2016-07-01 13:00 BST');
    expect(formatInstant('2016-03-13T10:30:00.000Z', 'America/New_York')).toBe('2016-03-13 06:30 GMT-4');
    expect(formatInstant(undefined, 'UTC')).toBe('');
    expect(formatInstant('not a time', 'UTC')).toBe('not a time');
  });

  it("says how fast the stack's clock runs", () => {
    expect(paceInWords({ now: '', simulated: false, speed: 1 })).toBe('real time');
    expect(paceInWords({ now: '', simulated: true, speed: 3600, mode: 'replay' })).toBe(
      'simulated: 1 hour passes each real second',
    );
    expect(paceInWords({ now: '', simulated: true, speed: 7200 })).toBe('simulated: 2 hours pass each real second');
    expect(paceInWords({ now: '', simulated: true, speed: 90 })).toBe('simulated: 1.5 minutes pass each real second');
    expect(paceInWords({ now: '', simulated: true, speed: 0, mode: 'manual' })).toMatch(/^set by hand/);
  });
});

describe("a story's edit, as the console sends it", () => {
  const story: Story = {
    id: 's',
    title: 'Talks',
    publisher: 'TASS',
    publishedOn: '2016-11-18',
    url: 'https://tass.example/x',
    language: 'en',
    background: ['one', 'two'],
    status: 'active',
    version: 3,
    createdAt: '',
    updatedAt: '',
  };
  const texts = {
    title: 'Talks',
    publisher: 'TASS',
    publishedOn: '2016-11-18',
    url: 'https://tass.example/x',
    summary: '',
  };

  it('sends only what changed; an optional field emptied is null; points when their order changed', () => {
    expect(storyPatch(story, texts, ['one', 'two'])).toEqual({});
    expect(storyPatch(story, { ...texts, title: ' Talks resumed ', url: '' }, ['two', 'one'])).toEqual({
      title: 'Talks resumed',
      url: null,
      background: ['two', 'one'],
    });
    expect(storyPatch(story, { ...texts, summary: 'New.' }, ['one', 'two'])).toEqual({ summary: 'New.' });
  });
});
