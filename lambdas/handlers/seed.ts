import { seedRoot } from '#lambdas/roots/seed.ts';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { seedEvents } from '#core/seed.ts';
import { storyEvents, type StoryEvent } from '#core/story.ts';
import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import { lazyHandler } from './http/router.ts';

const PHYSICAL_ID = 'datewatch-story-seed';

/**
 * Run by a CDK custom resource (the Provider framework answers CloudFormation) on every deploy: stores the
 * story's events that are missing and leaves edited ones alone. Delete does nothing: the table is retained.
 */
export function makeSeedHandler(deps: { events: EventStore; clock: Clock; telemetry?: InvocationTelemetry }, seed: StoryEvent[] = storyEvents) {
  const { telemetry = noTelemetry } = deps;
  return (event: CloudFormationCustomResourceEvent) => telemetry.invocation({ correlation_id: event.RequestId, requestType: event.RequestType }, async () => {
    if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
    const result = await seedEvents(deps, seed);
    telemetry.info('seeded story', { created: result.created.join(','), kept: result.kept.join(',') });
    return { PhysicalResourceId: PHYSICAL_ID, Data: { created: result.created.length, kept: result.kept.length } };
  });
}

export const handler = lazyHandler(async () => makeSeedHandler(await seedRoot(process.env)));
