import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoJobStats } from '#adapters/dynamodb/job-stats.ts';
import { makeDynamoJobStore } from '#adapters/dynamodb/job-store.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoUpdateStore } from '#adapters/dynamodb/update-store.ts';
import { makeJobsAdmin } from '#core/jobs-admin.ts';
import { makeStoryUpdates } from '#core/story-updates.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { makeMailJobs } from '#handlers/mail-jobs.ts';
import { readTableName, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, edgeTrustOf, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';

/**
 * The editors' view of bulk mail: the latest send jobs with their progress (`GET /admin/jobs`), and story updates
 * (`GET`/`POST /admin/stories/{id}/updates`: stored pending, listed with their jobs; the dispatcher and sender mail
 * them). It renders an update only to check its size (the update template, a file beside its code); no secret,
 * no queue, no mail.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const clock = clockOf(options);
  const edge = await edgeTrustOf(env, access);
  const stores = tableStoresOf(access, readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore, updates: makeDynamoUpdateStore,
    jobs: makeDynamoJobStore, jobStats: makeDynamoJobStats,
  });
  // The jobs' list and an update's list show each dispatched job's progress (its sent, skipped, delivered … figures).
  const jobs = makeJobsAdmin({
    jobs: stores.jobs, stats: stores.jobStats, stories: stores.stories, events: stores.events, updates: stores.updates,
  });
  return makeMailJobs({
    jobs,
    updates: makeStoryUpdates({
      updates: stores.updates, stories: stores.stories, jobs: stores.jobs, progress: jobs.progressOf, clock,
    }),
    telemetry: telemetryOf(env, options),
    ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
