import { afterAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../support/local-stack.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';

let stack: LocalStack | undefined;
afterAll(async () => { await stack?.close(); });

describe('the default replay clock (what npm start runs)', () => {
  it('ticks the scheduler on its own and fills the inbox for the seeded demo reader', async () => {
    // Prepare: 100,000 simulated seconds per real second, so the first week of the story passes in about 6 s.
    stack = await startTestStack({ clockMode: 'replay', clockSpeed: 100_000, demoReader: true });
    const sesPort = Number(new URL(stack.sesUrl).port);

    // Act: wait until the clock passes 26 November 08:00 in Tokyo, the first reminder's due time.
    const due = new Date('2016-11-26T08:00:00+09:00');
    let subjects: string[] = [];
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      subjects = (await readSesStore(sesPort)).filter((m) => m.destination.to.includes('reader@example.com')).map((m) => m.subject);
      if (stack.clock.now() > due && subjects.some((s) => s.startsWith('In 7 days'))) break;
      await new Promise((r) => setTimeout(r, 250));
    }

    // Assess: the Monday digest of 21 November and the 7-day reminder for 3 December, each once.
    expect(subjects).toContain('In 7 days: Foreign Minister Kishida visits Russia for talks with Lavrov');
    expect(subjects.filter((s) => s.startsWith('Weekly digest'))).toHaveLength(1);
    expect(new Set(subjects).size).toBe(subjects.length);
  }, 60_000);
});
