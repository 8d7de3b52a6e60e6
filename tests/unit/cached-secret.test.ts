import { describe, expect, it } from 'vitest';
import { makeCachedSecret } from '#adapters/secrets/cached-secret.ts';

const clockAt = (start: string) => {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => { t += ms; } };
};

describe('a secret cached with a short maximum age', () => {
  it('is read once within its maximum age and again after it, so a rotation reaches a warm container', async () => {
    // Prepare
    const clock = clockAt('2016-11-20T00:00:00Z');
    let value = 'v1';
    let reads = 0;
    const secret = makeCachedSecret({ read: async () => { reads++; return value; }, clock, maxAgeMs: 60_000 });
    // Act + Assess
    expect(await secret.fresh()).toBe('v1');
    value = 'v2';
    clock.advance(59_999);
    expect(await secret.fresh()).toBe('v1');
    expect(secret.last()).toBe('v1');
    clock.advance(1);
    expect(await secret.fresh()).toBe('v2');
    expect(secret.last()).toBe('v2');
    expect(reads).toBe(2);
  });

  it('keeps the last value when a re-read fails, says so, and tries again on the next call', async () => {
    // Prepare
    const clock = clockAt('2016-11-20T00:00:00Z');
    let failing = false;
    const stale: unknown[] = [];
    const secret = makeCachedSecret({
      read: async () => { if (failing) throw new Error('Secrets Manager unavailable'); return 'v1'; },
      clock, maxAgeMs: 1_000, onStale: (err) => stale.push(err),
    });
    await secret.fresh();
    // Act
    failing = true;
    clock.advance(1_000);
    const during = await secret.fresh();
    failing = false;
    const after = await secret.fresh();
    // Assess
    expect(during).toBe('v1');
    expect(after).toBe('v1');
    expect(stale).toHaveLength(1);
  });

  it('fails when the first read fails: there is nothing to fall back on', async () => {
    const secret = makeCachedSecret({ read: async () => { throw new Error('AccessDeniedException'); }, clock: clockAt('2016-11-20T00:00:00Z') });
    await expect(secret.fresh()).rejects.toThrow(/AccessDenied/);
    expect(() => secret.last()).toThrow(/not been read/);
  });
});
