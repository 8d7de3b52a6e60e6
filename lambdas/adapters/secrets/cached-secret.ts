import type { Clock } from '#ports/clock.ts';

/**
 * How long a warm container trusts a secret it read: a rotation reaches every container within this, and a busy
 * function calls Secrets Manager about once a minute per container (GetSecretValue is billed per 10,000 calls).
 */
export const SECRET_MAX_AGE_MS = 60_000;

export interface CachedSecret<T> {
  /** The value, read again first when the last read is older than the maximum age. */
  fresh(): Promise<T>;
  /** The value last read, for code that cannot wait (signing a link); `fresh()` must have resolved once. */
  last(): T;
}

/**
 * A secret kept for a short maximum age over the injected clock, so a warm container picks up a rotation
 * without being recycled. A failed re-read keeps the last value (and says so): a Secrets Manager hiccup must
 * not turn into refused links; the next call tries again. Concurrent callers share one read.
 */
export function makeCachedSecret<T>({ read, clock, maxAgeMs = SECRET_MAX_AGE_MS, onStale = () => {} }: {
  read: () => Promise<T>;
  clock: Clock;
  maxAgeMs?: number;
  onStale?: (err: unknown) => void;
}): CachedSecret<T> {
  let held: { value: T; readAt: number } | undefined;
  let reading: Promise<T> | undefined;
  return {
    async fresh() {
      const now = clock.now().getTime();
      if (held && now - held.readAt < maxAgeMs) return held.value;
      reading ??= read().then(
        (value) => { held = { value, readAt: clock.now().getTime() }; return value; },
        (err: unknown) => {
          if (!held) throw err;
          onStale(err);
          return held.value;
        },
      ).finally(() => { reading = undefined; });
      return reading;
    },
    last() {
      if (!held) throw new Error('the secret has not been read yet');
      return held.value;
    },
  };
}
