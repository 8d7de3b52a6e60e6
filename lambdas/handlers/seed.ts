import { seedRoot } from '#lambdas/roots/seed.ts';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { seedEvents } from '#core/seed.ts';
import { storyEvents, type StoryEvent } from '#core/story.ts';
import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import { lazyHandler } from './http/router.ts';

const PHYSICAL_ID = 'datewatch-story-seed';

/**
 * Run by a CDK custom resource (the Provider framework answers CloudFormation) on every deploy: stores the
 * story's events that are missing and leaves edited ones alone. Delete does nothing: the table is retained.
 */
export function makeSeedHandler(deps: { events: EventStore; clock: Clock }, seed: StoryEvent[] = storyEvents) {
  return async (event: CloudFormationCustomResourceEvent) => {
    if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
    const result = await seedEvents(deps, seed);
    console.log(JSON.stringify({ msg: 'seeded story', ...result }));
    return { PhysicalResourceId: PHYSICAL_ID, Data: { created: result.created.length, kept: result.kept.length } };
  };
}

export const handler = lazyHandler(async () => makeSeedHandler(await seedRoot(process.env)));
