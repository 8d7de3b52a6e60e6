import type { DatedEvent } from '#core/model/event.ts';
import { limaSeed } from '#core/model/story.ts';

/** Test events shaped like the story's: an all-day one in Moscow and a timed one in Tokyo. */
export function allDayEvent(over: Partial<DatedEvent> = {}): DatedEvent {
  return {
    id: 'kishida-visit', storyId: 'abe-putin-lima-2016', title: 'Kishida visits Russia', summary: 'Talks with Sergey Lavrov before Putin\'s visit.',
    date: '2016-12-03', timeZone: 'Europe/Moscow', place: 'Moscow, Russia',
    source: { publisher: 'Kyodo', quote: 'Kishida will visit Russia on Dec. 3' },
    status: 'scheduled', version: 1, createdAt: '2016-11-20T00:00:00.000Z', updatedAt: '2016-11-20T00:00:00.000Z',
    ...over,
  };
}

export function timedEvent(over: Partial<DatedEvent> = {}): DatedEvent {
  return allDayEvent({ id: 'summit', title: 'Abe–Putin summit', date: undefined, startTime: '2016-12-15T15:00', timeZone: 'Asia/Tokyo', place: 'Yamaguchi', ...over });
}

/** The seed story's event `i` as the store holds it once seeded (scheduled, version 1, on the story's day). */
export function storedSeedEvent(i: number): DatedEvent {
  const at = '2016-11-20T00:00:00.000Z';
  return { ...limaSeed().events[i]!, status: 'scheduled', version: 1, createdAt: at, updatedAt: at };
}
