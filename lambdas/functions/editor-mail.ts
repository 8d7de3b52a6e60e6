import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoJobStats } from '#adapters/dynamodb/job-stats.ts';
import { makeDynamoJobStore } from '#adapters/dynamodb/job-store.ts';
import { makeDynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoUpdateStore } from '#adapters/dynamodb/update-store.ts';
import { makeJobsAdmin } from '#core/jobs-admin.ts';
import { makePreviews } from '#core/previews.ts';
import { makeStoryUpdates } from '#core/story-updates.ts';
import { makeTestSends } from '#core/test-sends.ts';
import { makeEditorMail } from '#handlers/editor-mail.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { readMail, readPublicBaseUrl, readTableName, type Env } from '#lambdas/config.ts';
import {
  awsAccessOf, clockOf, edgeTrustOf, sesMailer, tableStoresOf, telemetryOf, type BuildOptions,
} from './build-options.ts';

/**
 * The editors' routes that render mail: previews (each email as the sender builds it), test sends to the signed-in
 * editor, and story updates (rendered to check their size; the dispatcher and sender mail them). The only editors'
 * function with the compiled email templates and SES. It signs no links (previews link with a fake token).
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const clock = clockOf(options);
  const edge = await edgeTrustOf(env, access);
  const stores = tableStoresOf(access, readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore, updates: makeDynamoUpdateStore,
    jobs: makeDynamoJobStore, jobStats: makeDynamoJobStats, rateLimiter: makeDynamoRateLimiter,
  });
  const mail = readMail(env);
  const previews = makePreviews({
    events: stores.events, stories: stores.stories, updates: stores.updates, clock,
    publicBaseUrl: readPublicBaseUrl(env),
  });
  // An update's list shows each dispatched job's progress (its sent, skipped, delivered … figures).
  const jobs = makeJobsAdmin({
    jobs: stores.jobs, stats: stores.jobStats, stories: stores.stories, events: stores.events, updates: stores.updates,
  });
  return makeEditorMail({
    previews,
    testSends: makeTestSends({
      previews, mailer: sesMailer(access, mail, options), rateLimiter: stores.rateLimiter, clock, from: mail.sender,
    }),
    updates: makeStoryUpdates({
      updates: stores.updates, stories: stores.stories, jobs: stores.jobs, progress: jobs.progressOf, clock,
    }),
    telemetry: telemetryOf(env, options),
    ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
