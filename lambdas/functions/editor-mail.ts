import { makeDynamoEventStore } from '#adapters/dynamodb/event-store.ts';
import { makeDynamoRateLimiter } from '#adapters/dynamodb/rate-limiter.ts';
import { makeDynamoStoryStore } from '#adapters/dynamodb/story-store.ts';
import { makeDynamoUpdateStore } from '#adapters/dynamodb/update-store.ts';
import { makePreviews } from '#core/previews.ts';
import { makeTestSends } from '#core/test-sends.ts';
import { makeEditorMail } from '#handlers/editor-mail.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { readMail, readPublicBaseUrl, readTableName, type Env } from '#lambdas/config.ts';
import {
  awsAccessOf, clockOf, edgeTrustOf, sesMailer, tableStoresOf, telemetryOf, type BuildOptions,
} from './build-options.ts';

/**
 * The editors' routes that render mail: previews (each email as the sender builds it) and test sends to the
 * signed-in editor. The only editors' function with SES and that renders every kind of mail (mail-jobs renders only
 * an update, to check its size). It signs no links (previews link with a fake token).
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const clock = clockOf(options);
  const edge = await edgeTrustOf(env, access);
  const stores = tableStoresOf(access, readTableName(env), options, {
    events: makeDynamoEventStore, stories: makeDynamoStoryStore, updates: makeDynamoUpdateStore,
    rateLimiter: makeDynamoRateLimiter,
  });
  const mail = readMail(env);
  const previews = makePreviews({
    events: stores.events, stories: stores.stories, updates: stores.updates, clock,
    publicBaseUrl: readPublicBaseUrl(env),
  });
  return makeEditorMail({
    previews,
    testSends: makeTestSends({
      previews, mailer: sesMailer(access, mail, options), rateLimiter: stores.rateLimiter, clock, from: mail.sender,
    }),
    telemetry: telemetryOf(env, options),
    ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
