import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { storeSeed } from '#core/seed.ts';
import { limaSeed, type Seed } from '#core/model/story.ts';
import type { StoryStore } from '#ports/story-store.ts';
import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { SubscriberStore } from '#ports/subscriber-store.ts';
import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';

const PHYSICAL_ID = 'datewatch-story-seed';

/**
 * Run by a CDK custom resource (the Provider framework answers CloudFormation) on the deploys that change the story
 * data or the table's layout (adapters/dynamodb/layout.ts), and by `npm start`: stores the
 * story's events that are missing and leaves edited ones alone. Delete does nothing: the table is retained.
 */
export function makeSeedHandler(
  deps: {
    events: EventStore; stories: StoryStore; clock: Clock; telemetry?: InvocationTelemetry;
    /** Puts readers from before the mailbox index into it (see SubscriberStore); without it, nothing is indexed. */
    subscribers?: Pick<SubscriberStore, 'backfillMailboxIndex'>;
  },
  seed: Seed = limaSeed(),
) {
  const { telemetry = noTelemetry } = deps;
  return (event: CloudFormationCustomResourceEvent) => telemetry.invocation({ correlation_id: event.RequestId, requestType: event.RequestType }, async () => {
    if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
    const result = await storeSeed(deps, seed);
    const indexed = deps.subscribers ? await deps.subscribers.backfillMailboxIndex() : 0;
    telemetry.info('seeded story', {
      created: result.created.join(','), kept: result.kept.join(','), migrated: result.migrated,
      mailboxesIndexed: indexed,
    });
    return { PhysicalResourceId: PHYSICAL_ID, Data: { created: result.created.length, kept: result.kept.length, migrated: result.migrated } };
  });
}
