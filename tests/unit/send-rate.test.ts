import { describe, expect, it } from 'vitest';
import { instanceSendRate, resolveSendRate } from '#core/send-rate.ts';
import type { SendQuota } from '#ports/send-quota.ts';
import type { Telemetry } from '#ports/telemetry.ts';

const quota = (maxSendRate: number, over: Partial<SendQuota> = {}): SendQuota =>
  ({ maxSendRate, max24HourSend: 50_000, sentLast24Hours: 0, productionAccessEnabled: true, sendingEnabled: true, ...over });

function recording(): Telemetry & { lines: { level: string; message: string; fields?: object }[]; gauges: { name: string; value: number; unit: string }[] } {
  const lines: { level: string; message: string; fields?: object }[] = [];
  const gauges: { name: string; value: number; unit: string }[] = [];
  const at = (level: string) => (message: string, fields?: object) => { lines.push({ level, message, fields }); };
  return { lines, gauges, info: at('INFO'), warn: at('WARN'), error: at('ERROR'), count() {}, gauge(name, value, unit) { gauges.push({ name, value, unit }); } };
}

describe('the rate one sender instance keeps to', () => {
  it('shares the account rate among the instances, below the ceiling', () => {
    expect(instanceSendRate({ perInstance: 5, ceiling: 14, instances: 2 }, quota(14))).toBe(7);
    expect(instanceSendRate({ perInstance: 5, ceiling: 14, instances: 2 }, quota(200))).toBe(7);
    expect(instanceSendRate({ perInstance: 5, ceiling: 300, instances: 4 }, quota(40))).toBe(10);
    expect(instanceSendRate({ perInstance: 5, ceiling: 14, instances: 2 }, quota(1))).toBe(0.5);
  });

  it('without the instance count, never goes above the configured per-instance rate', () => {
    expect(instanceSendRate({ perInstance: 5, ceiling: 14 }, quota(200))).toBe(5);
    expect(instanceSendRate({ perInstance: 5, ceiling: 14 }, quota(1))).toBe(1);
  });

  it('without the account quota, keeps to the configured rate and its share of the ceiling', () => {
    expect(instanceSendRate({ perInstance: 5, ceiling: 14, instances: 2 })).toBe(5);
    expect(instanceSendRate({ perInstance: 50, ceiling: 14, instances: 2 })).toBe(7);
  });
});

describe('reading the quota at a cold start', () => {
  it('falls back with a warning when GetAccount fails', async () => {
    const t = recording();
    const rate = await resolveSendRate({ perInstance: 5, ceiling: 14, instances: 2 }, async () => { throw Object.assign(new Error('denied'), { name: 'AccessDeniedException' }); }, t);
    expect(rate).toBe(5);
    expect(t.lines).toContainEqual(expect.objectContaining({ level: 'WARN', message: expect.stringMatching(/could not read the SES send quota/) }));
  });

  it('warns about the sandbox and reports disabled sending as an error', async () => {
    const t = recording();
    await resolveSendRate({ perInstance: 5, ceiling: 14, instances: 2 }, async () => quota(1, { productionAccessEnabled: false, sendingEnabled: false }), t);
    expect(t.lines.map((l) => l.level + ' ' + l.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^WARN .*sandbox/), expect.stringMatching(/^ERROR .*sending is disabled/), expect.stringMatching(/^INFO send rate/),
    ]));
  });

  it('reports the share of the 24-hour quota used, for its alarm, and nothing when the quota is unknown', async () => {
    // Prepare
    const t = recording();
    const failing = recording();
    // Act
    await resolveSendRate({ perInstance: 5, ceiling: 14, instances: 2 }, async () => quota(14, { max24HourSend: 50_000, sentLast24Hours: 41_000 }), t);
    await resolveSendRate({ perInstance: 5, ceiling: 14, instances: 2 }, async () => { throw new Error('timeout'); }, failing);
    // Assess
    expect(t.gauges).toEqual([{ name: 'SesQuotaUsedPercent', value: 82, unit: 'Percent' }]);
    expect(failing.gauges).toEqual([]);
  });
});
