import { describe, expect, it } from 'vitest';
import { makeSendThrottle } from '#core/send-throttle.ts';

describe('send throttle', () => {
  it('lets at most burst + rate x seconds through in any window of (injected) elapsed time', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const throttle = makeSendThrottle({ ratePerSecond: 5, elapsedMs: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms; } });
    const times: number[] = [];
    for (let i = 0; i < 20; i++) { await throttle.take(); times.push(now); }
    // The first burst of 5 is free; then one every 200 ms.
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(times.at(-1)).toBe(3000);
    for (let i = 0; i < times.length; i++) {
      const windowCount = times.filter((t) => t > times[i]! - 1000 && t <= times[i]!).length;
      expect(windowCount).toBeLessThanOrEqual(5 + 5);
    }
    // After the burst, exactly one every 200 ms.
    expect(times.slice(5, 10)).toEqual([200, 400, 600, 800, 1000]);
  });

  it('serialises concurrent callers so they cannot overdraw the bucket', async () => {
    let now = 0;
    const throttle = makeSendThrottle({ ratePerSecond: 2, burst: 1, elapsedMs: () => now, sleep: async (ms) => { now += ms; } });
    await Promise.all(Array.from({ length: 5 }, () => throttle.take()));
    expect(now).toBe(2000);
  });
});
