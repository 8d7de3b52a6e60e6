import { readTokenKeys } from '#adapters/secrets/token-keys.ts';
import { makeBounces } from '#core/bounces.ts';
import { makeSuppressions } from '#core/suppressions.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { makeSesEventsHandler } from '#handlers/ses-events.ts';
import { readTableName, readTokenSecret, type Env } from '#lambdas/config.ts';
import { awsAccessOf, clockOf, tableStoresOf, telemetryOf, type BuildOptions } from './build-options.ts';

/** SES events: bounces and complaints become suppressions, keyed hashes under the secret's keys. */
export async function build(env: Env, options: BuildOptions = {}) {
  const access = awsAccessOf(env, options);
  const keys = await readTokenKeys(access, readTokenSecret(env));
  const stores = tableStoresOf(access, readTableName(env), options);
  const telemetry = telemetryOf(env, options);
  return makeSesEventsHandler({
    bounces: makeBounces({
      subscribers: stores.subscribers, clock: clockOf(options), telemetry,
      suppressions: makeSuppressions({ store: stores.suppressions, keys }),
    }),
    telemetry,
  });
}

export const handler = lazyHandler(() => build(process.env));
