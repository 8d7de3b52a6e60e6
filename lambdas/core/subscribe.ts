/**
 * Subscribe (double opt-in), the request half: validate, count the client network, queue the request for the
 * sign-up worker, answer. It holds no signing key and reads no subscription: whatever the address's state, the
 * answer and the work are the same (see subscriptions.ts).
 */
import type { Clock } from '#ports/clock.ts';
import type { RateLimiter } from '#ports/rate-limiter.ts';
import type { SignUpQueue } from '#ports/sign-up-queue.ts';
import { truncateUserAgent, type IpHasher, type LimitKeys, type RequestContext } from './consent.ts';
import { RateLimitedError } from './errors.ts';
import type { Preferences } from './model/subscriber.ts';
import { newSubscriptionId, requireEmail } from './subscriber-id.ts';
import { DEFAULT_PREFERENCES, subscribeSchema } from './subscription-schema.ts';
import { checkChosenIds, DEFAULT_LIMITS, type ChoosableIds, type SubscriptionLimits } from './subscriptions.ts';
import { parseWith } from './validation.ts';

export interface SubscribeDeps extends ChoosableIds {
  rateLimiter: RateLimiter;
  signUps: SignUpQueue;
  hashIp: IpHasher;
  limitKeys: LimitKeys;
  clock: Clock;
  newRequestId?: () => string;
  limits?: Partial<SubscriptionLimits>;
}

/** The one answer to every accepted subscribe request, whatever the address's state: it reveals nothing. */
export const SUBSCRIBE_ACCEPTED = {
  status: 'accepted',
  message: 'Thanks. If this address can receive our mail, a confirmation link is on its way: open it within 7 days'
    + ' to start your reminders.',
} as const;
export type SubscribeAccepted = typeof SUBSCRIBE_ACCEPTED;

export function makeSubscribe(deps: SubscribeDeps) {
  const { rateLimiter, signUps, hashIp, limitKeys, clock } = deps;
  const newRequestId = deps.newRequestId ?? newSubscriptionId;
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  return {
    /**
     * Always the same answer and the same work for a valid request; a honeypot hit is answered the same and does
     * nothing.
     */
    async subscribe(body: unknown, ctx: RequestContext): Promise<SubscribeAccepted> {
      if (isHoneypotHit(body)) return SUBSCRIBE_ACCEPTED;
      const input = parseWith(subscribeSchema, body);
      const email = requireEmail(input.email);
      const preferences: Preferences = {
        timeZone: input.timeZone ?? DEFAULT_PREFERENCES.timeZone,
        reminders: input.reminders ?? DEFAULT_PREFERENCES.reminders,
        digest: input.digest ?? DEFAULT_PREFERENCES.digest,
        stories: input.stories ?? DEFAULT_PREFERENCES.stories,
        events: input.events ?? DEFAULT_PREFERENCES.events,
        ...(input.updates === false ? { updates: false } : {}),
        // The sign-up's own choice (the form preselects the browser's); none given: English, stored as absent.
        ...(input.language && input.language !== 'en' ? { language: input.language } : {}),
      };
      await checkChosenIds(deps, preferences);

      const now = clock.now();
      const perNetwork = await rateLimiter.hit(
        limitKeys.network(ctx.ip), limits.subscribesPerNetworkPerMinute, 60, now,
      );
      if (!perNetwork.allowed) {
        const wait = perNetwork.retryAfterSeconds;
        throw new RateLimitedError(`too many subscription requests from your network; try again in ${wait} seconds`, {
          retryAfterSeconds: wait,
        });
      }
      await signUps.enqueue({
        requestId: newRequestId(), email, preferences,
        consent: {
          requestedAt: now.toISOString(), requestIpHash: hashIp(ctx.ip),
          requestUserAgent: truncateUserAgent(ctx.userAgent),
        },
      });
      return SUBSCRIBE_ACCEPTED;
    },
  };
}

export type Subscribe = ReturnType<typeof makeSubscribe>;

/** People never see the `website` field; anything in it is a bot filling every input. */
export function isHoneypotHit(body: unknown): boolean {
  const value = (body as Record<string, unknown> | null)?.website;
  return typeof value === 'string' && value.trim() !== '';
}
