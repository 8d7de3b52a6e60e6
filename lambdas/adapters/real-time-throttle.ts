import { makeSendThrottle, type SendThrottle } from '#core/send-throttle.ts';

/** The send rate in elapsed real time (not the business clock): on AWS and on one machine alike. */
export function makeRealTimeThrottle(ratePerSecond: number): SendThrottle {
  const start = performance.now();
  return makeSendThrottle({
    ratePerSecond,
    elapsedMs: () => performance.now() - start,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  });
}
