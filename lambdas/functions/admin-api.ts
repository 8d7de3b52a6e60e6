import { makeSqsSignUpQueue } from '#adapters/sqs/sign-up-queue.ts';
import { makeEventsService } from '#core/events-service.ts';
import { makeAudienceAdmin } from '#core/audience-admin.ts';
import { makeJobsAdmin } from '#core/jobs-admin.ts';
import { makePreviews } from '#core/previews.ts';
import { makeStoriesService } from '#core/stories-service.ts';
import { makeStoryUpdates } from '#core/story-updates.ts';
import { makeSubscriberExporter } from '#core/subscriber-csv/exporter.ts';
import { makeSubscriberImporter } from '#core/subscriber-csv/importer.ts';
import { makeSubscribersAdmin } from '#core/subscribers-admin.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import { makeTestSends } from '#core/test-sends.ts';
import { makeAdminApi } from '#handlers/admin-api.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { readMail, readPublicBaseUrl, readSignUpQueueUrl, readTableName, type Env } from '#lambdas/config.ts';
import {
  awsAccessOf, clockOf, edgeTrustOf, sesMailer, sqsClientOf, tableStoresOf, telemetryOf, type BuildOptions,
} from './build-options.ts';
import { randomIds } from './ids.ts';
import { liveSuppressionKeys } from './links.ts';

/**
 * Admin API: events, subscriber lookup and erasure, delivery status, previews and test sends. It signs no links
 * (previews link with a fake token) and holds no signing key; the suppression secret's keys find an address's
 * suppression (a keyed hash); its only mail is a test send to the signed-in editor, through SES and the
 * configuration set.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const clock = clockOf(options);
  const telemetry = telemetryOf(env, options);
  const keys = await liveSuppressionKeys(env, access, clock, telemetry);
  const edge = await edgeTrustOf(env, access);
  const stores = tableStoresOf(access, readTableName(env), options);
  const mail = readMail(env);
  const events = makeEventsService({ events: stores.events, stories: stores.stories, clock, newId: randomIds });
  const suppressions = makeSuppressions({ store: stores.suppressions, keys: keys.fresh });
  const previews = makePreviews({
    events: stores.events, stories: stores.stories, updates: stores.updates, clock,
    publicBaseUrl: readPublicBaseUrl(env),
  });
  // An import queues its confirmations for the sign-up worker, as the public API does; it sends none itself.
  const signUps = makeSqsSignUpQueue(sqsClientOf(access, options), readSignUpQueueUrl(env));
  const jobs = makeJobsAdmin({
    jobs: stores.jobs, stats: stores.jobStats, stories: stores.stories, events: stores.events, updates: stores.updates,
  });
  return makeAdminApi({
    events,
    stories: makeStoriesService({ stories: stores.stories, events, clock, newId: randomIds }),
    subscribers: makeSubscribersAdmin({ subscribers: stores.subscribers, deliveries: stores.ledger, suppressions, clock }),
    jobs,
    audience: makeAudienceAdmin({ audience: stores.audience, stories: stores.stories }),
    updates: makeStoryUpdates({
      updates: stores.updates, stories: stores.stories, jobs: stores.jobs, progress: jobs.progressOf, clock,
    }),
    previews,
    testSends: makeTestSends({
      previews, mailer: sesMailer(access, mail, options), rateLimiter: stores.rateLimiter, clock, from: mail.sender,
    }),
    subscriberCsv: {
      importer: makeSubscriberImporter({
        subscribers: stores.subscribers, suppressions, signUps, events, stories: stores.stories, clock,
      }),
      exporter: makeSubscriberExporter({ subscribers: stores.subscribers }),
    },
    telemetry,
    clock,
    ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
