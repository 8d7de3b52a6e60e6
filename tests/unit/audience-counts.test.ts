import { describe, expect, it } from 'vitest';
import { audienceDelta, audienceFrom, countedAs, sumDeltas } from '#core/audience-counts.ts';
import type { Subscriber } from '#core/model/subscriber.ts';

const at = '2016-11-20T00:00:00.000Z';
const reader = (over: Partial<Subscriber> = {}, prefs: Partial<Subscriber['preferences']> = {}): Subscriber => ({
  id: 'r1',
  email: 'r1@example.com',
  status: 'active',
  preferences: { timeZone: 'Asia/Tokyo', reminders: ['P1D'], digest: 'none', events: 'all', ...prefs },
  consent: { requestedAt: at, requestIpHash: 'h', requestUserAgent: 'ua', confirmedAt: at },
  createdAt: at,
  updatedAt: at,
  confirmedAt: at,
  ...over,
});
const entries = (m: Map<string, number>) => Object.fromEntries(m);

describe('what a write changes in the readers’ counters', () => {
  it('an active reader counts in total, their zone, their stories (or every story) and their language', () => {
    // A reader from before languages has none recorded: mail reaches them in English, so they count as English.
    expect(entries(countedAs(reader()))).toEqual({ total: 1, 'zone:Asia/Tokyo': 1, 'story:*': 1, 'lang:en': 1 });
    expect(entries(countedAs(reader({}, { stories: ['a', 'b', 'a'] })))).toEqual({
      total: 1,
      'zone:Asia/Tokyo': 1,
      'story:a': 1,
      'story:b': 1,
      'lang:en': 1,
    });
    const inJapanese = reader({}, { language: 'ja' });
    expect(countedAs(inJapanese).get('lang:ja')).toBe(1);
    expect(countedAs(inJapanese).get('lang:en')).toBeUndefined();
    for (const status of ['pending', 'unsubscribed', 'suppressed'] as const)
      expect(countedAs(reader({ status })).size).toBe(0);
  });

  it('confirming adds, leaving takes away, a pending write and a no-op change write nothing', () => {
    const pending = reader({ status: 'pending' });
    expect(entries(audienceDelta(pending, reader()))).toEqual({
      total: 1, 'zone:Asia/Tokyo': 1, 'story:*': 1, 'lang:en': 1,
    });
    expect(entries(audienceDelta(reader(), reader({ status: 'unsubscribed' })))).toEqual({
      total: -1,
      'zone:Asia/Tokyo': -1,
      'story:*': -1,
      'lang:en': -1,
    });
    expect(entries(audienceDelta(reader(), undefined))).toEqual({
      total: -1, 'zone:Asia/Tokyo': -1, 'story:*': -1, 'lang:en': -1,
    });
    expect(audienceDelta(undefined, pending).size).toBe(0);
    // A reader who changes language moves from one language's count to the other's, nothing else
    expect(entries(audienceDelta(reader(), reader({}, { language: 'ru' })))).toEqual({ 'lang:en': -1, 'lang:ru': 1 });
    expect(audienceDelta(reader(), reader({ updatedAt: '2016-11-21T00:00:00.000Z' })).size).toBe(0);
  });

  it('a change of zone and stories moves the reader, the total stays', () => {
    const moved = reader({}, { timeZone: 'Europe/Moscow', stories: ['a'] });
    expect(entries(audienceDelta(reader(), moved))).toEqual({
      'zone:Asia/Tokyo': -1,
      'zone:Europe/Moscow': 1,
      'story:*': -1,
      'story:a': 1,
    });
  });

  it('a batch sums its deltas; the counters read back largest zone first, followers per kind', () => {
    const sum = sumDeltas([
      audienceDelta(undefined, reader()),
      audienceDelta(undefined, reader({ id: 'r2' }, { stories: ['a'] })),
    ]);
    expect(entries(sum)).toEqual({ total: 2, 'zone:Asia/Tokyo': 2, 'story:*': 1, 'story:a': 1, 'lang:en': 2 });
    const read = audienceFrom(
      new Map([
        ['total', 3],
        ['zone:UTC', 1],
        ['zone:Asia/Tokyo', 2],
        ['zone:Gone', 0],
        ['story:*', 2],
        ['story:a', 1],
      ]),
    );
    expect(read.zones).toEqual([
      { timeZone: 'Asia/Tokyo', readers: 2 },
      { timeZone: 'UTC', readers: 1 },
    ]);
    expect(read).toMatchObject({ total: 3, followAll: 2 });
    expect(read.storyChosen.get('a')).toBe(1);
  });
});
