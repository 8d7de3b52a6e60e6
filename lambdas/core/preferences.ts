/** A preferences link: the reader's choices shown (GET) and changed (POST, a form's or a program's JSON). */
import type { Clock } from '#ports/clock.ts';
import type { SubscriptionRecords } from '#ports/subscriber-store.ts';
import { NotFoundError } from './errors.ts';
import type { Preferences as ReaderPreferences, Subscriber } from './model/subscriber.ts';
import { preferencesSchema } from './subscription-schema.ts';
import { checkChosenIds, holderOf, mutate, stamp, type ChoosableIds } from './subscriptions.ts';
import type { Tokens } from './tokens.ts';
import { parseWith } from './validation.ts';

export interface PreferencesDeps extends ChoosableIds {
  subscribers: SubscriptionRecords;
  tokens: Tokens;
  clock: Clock;
}

const GONE = 'there is no subscription for this link any more; you can subscribe again on the home page';

export function makePreferences(deps: PreferencesDeps) {
  const { subscribers, tokens, clock } = deps;
  return {
    async preferences(token: string | undefined): Promise<Subscriber> {
      const { subscriber: s } = await holderOf(subscribers, tokens.verifySubject(token, 'preferences'));
      if (!s || s.status === 'suppressed') throw new NotFoundError(GONE);
      return s;
    },

    /** Changes only the fields sent (an HTML form sends them all). */
    async updatePreferences(token: string | undefined, body: unknown): Promise<Subscriber> {
      const subject = tokens.verifySubject(token, 'preferences');
      const patch = parseWith(preferencesSchema, body);
      await checkChosenIds(deps, patch);
      return mutate({ subscribers, clock }, async () => (await holderOf(subscribers, subject)).subscriber, (s, now) => {
        if (!s || s.status === 'suppressed') throw new NotFoundError(GONE);
        const preferences: ReaderPreferences = {
          timeZone: patch.timeZone ?? s.preferences.timeZone,
          reminders: patch.reminders ?? s.preferences.reminders,
          digest: patch.digest ?? s.preferences.digest,
          events: patch.events ?? s.preferences.events,
          ...(patch.stories ?? s.preferences.stories ? { stories: patch.stories ?? s.preferences.stories } : {}),
          ...((patch.updates ?? s.preferences.updates) === false ? { updates: false } : {}),
          ...(patch.language ?? s.preferences.language ? { language: patch.language ?? s.preferences.language } : {}),
        };
        const next: Subscriber = { ...s, preferences, updatedAt: stamp(s.updatedAt, now) };
        return { next, result: next };
      });
    },
  };
}

export type PreferenceActions = ReturnType<typeof makePreferences>;
