import { describe, expect, it } from 'vitest';
import { startTestStack } from '../support/local-stack.ts';

describe('stopping the local stack', () => {
  it('answers every request it took before the emulators go, and refuses the rest', async () => {
    // Prepare: a stack with requests in flight when it is told to stop, with emulators of its own that stop with it.
    const stack = await startTestStack({ ownEmulators: true });
    const inFlight = Array.from({ length: 40 }, (_, i) =>
      fetch(`${stack.apiUrl}/events?n=${i}`).then((r) => r.status, () => 'refused' as const));
    await Promise.race(inFlight); // the first answer is out: the server is busy with the others
    // Act
    await stack.close();
    const outcomes = await Promise.all(inFlight);
    // Assess: no 5xx (an answer after dynalite had gone would be one); what was not taken was refused.
    expect(outcomes.filter((o) => o !== 200 && o !== 'refused')).toEqual([]);
    expect(outcomes).toContain(200);
  });
});
