import { describe, expect, it } from 'vitest';
import { formatChaosTable, runChaos } from '../chaos/scenario.ts';

describe('the delivery pipeline under faults (a small `npm run chaos`)', () => {
  it('loses nothing, duplicates only inside the SES-accepted window, and sends nothing unwanted', async () => {
    // Prepare: the full run's faults, harsher kills, fewer readers and three zones so it takes seconds.
    const result = await runChaos({
      readers: 120, seed: 7, zones: ['Asia/Tokyo', 'America/New_York'],
      sesThrottleRate: 0.2, sesServerErrorRate: 0.02, dynamoFaultRate: 0.05, killRate: 0.02, duplicateMessageRate: 0.1,
    });
    const table = formatChaosTable(result);
    // Assess
    expect(result.expected, table).toBeGreaterThan(150);
    expect(result.lost, table).toEqual([]);
    expect(result.duplicates.filter((d) => !d.inWindow), table).toEqual([]);
    expect(result.unexpected, table).toEqual([]);
    expect(result.faults.sesThrottled + result.faults.dynamo.throttled + result.faults.killedAfterClaim, table).toBeGreaterThan(0);
    expect(result.acceptedBySes, table).toBe(result.sesStoreCount);
  });
});
