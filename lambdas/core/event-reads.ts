import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';

/**
 * What readers' functions read of events (lists, by story, upcoming): the editors' use cases (events-service.ts)
 * add the writes, and with them the request schemas, which a function that only reads does not bundle.
 */
export function makeEventReads({ events, clock }: { events: EventStore; clock: Clock }) {
  return {
    listAll: () => events.listAll(),
    listByStory: (storyId: string) => events.listByStory(storyId),
    listUpcoming: () => events.listFrom(clock.now()),
  };
}

export type EventReads = ReturnType<typeof makeEventReads>;
