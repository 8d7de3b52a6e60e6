/**
 * A token bucket that keeps one sender at or under `ratePerSecond` handed to the transport. Time here is
 * elapsed real time (injected), not the business clock: a replay at 3600x must still respect SES's rate.
 */
export interface SendThrottle {
  take(): Promise<void>;
  /** The rate it keeps to, when it keeps one (the sender's time watch reads the pace of sends from it). */
  readonly ratePerSecond?: number;
}

export function makeSendThrottle({ ratePerSecond, burst = Math.max(1, Math.floor(ratePerSecond)), elapsedMs, sleep }: {
  ratePerSecond: number;
  burst?: number;
  elapsedMs: () => number;
  sleep: (ms: number) => Promise<void>;
}): SendThrottle {
  let tokens = burst;
  let last = elapsedMs();
  let chain: Promise<void> = Promise.resolve();
  const refill = () => {
    const t = elapsedMs();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond);
    last = t;
  };
  const takeOne = async () => {
    refill();
    while (tokens < 1) {
      await sleep(Math.ceil(((1 - tokens) / ratePerSecond) * 1000));
      refill();
    }
    tokens -= 1;
  };
  return {
    ratePerSecond,
    // Callers queue behind one another so concurrent sends cannot overdraw the bucket.
    take() {
      const next = chain.then(takeOne);
      chain = next.catch(() => {});
      return next;
    },
  };
}
