import { makeConfirmations, type ConfirmationsDeps } from '#core/confirmations.ts';
import { makePreferences, type PreferencesDeps } from '#core/preferences.ts';
import { makeSubscribe, type SubscribeDeps } from '#core/subscribe.ts';
import type { Suppressions } from '#core/suppressions.ts';
import { makeUnsubscribes, type UnsubscribesDeps } from '#core/unsubscribes.ts';

/**
 * Every reader use case on the request path as one object, over one set of stores: what the three functions behind
 * readers' actions (subscribe, public-api, preferences) each build their share of, for tests that walk a reader
 * through all of them. Each function's root wires only its own (lambdas/functions/).
 */
export type ReaderUseCasesDeps = SubscribeDeps & ConfirmationsDeps & UnsubscribesDeps & PreferencesDeps & {
  suppressions: Suppressions;
};

export function makeSubscriptions(deps: ReaderUseCasesDeps) {
  return {
    ...makeSubscribe(deps), ...makeConfirmations(deps), ...makeUnsubscribes(deps), ...makePreferences(deps),
  };
}

export type Subscriptions = ReturnType<typeof makeSubscriptions>;
