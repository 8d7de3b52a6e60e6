import { afterAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../support/local-stack.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import { STORY_START } from '#local/clock.ts';
import type { LocalStack } from '#local/stack.ts';

let stack: LocalStack | undefined;
afterAll(async () => { await stack?.close(); });

const SPEED = 3600;

describe('the default replay clock (what npm start runs)', () => {
  it('ticks the scheduler on its own and fills the inbox for the seeded demo reader', async () => {
    // Prepare: the replay clock runs from a wall clock this test moves, so no assertion rides on how fast the
    // machine is: the scheduler's own one-second ticks find the simulated time where the test put it.
    let wall = 1_000_000;
    stack = await startTestStack({ clockMode: 'replay', clockSpeed: SPEED, realNow: () => wall, demoReader: true });
    const running = stack;
    const sesPort = Number(new URL(running.sesUrl).port);
    const startedAt = wall;
    const subjects = async () => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes('reader@example.com')).map((m) => m.subject);
    /** Moves the simulated clock to `instant` and waits until the scheduler has dispatched it and its mail is out. */
    const replayUntil = async (instant: Date) => {
      wall = startedAt + (instant.getTime() - STORY_START.getTime()) / SPEED;
      expect(running.clock.now().toISOString()).toBe(instant.toISOString());
      for (let waited = 0; (await running.deps.jobStore.cursor())?.getTime() !== instant.getTime(); waited += 50) {
        if (waited > 60_000) throw new Error(`the scheduler never dispatched ${instant.toISOString()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await running.queue.drain();
    };

    // Act: the Monday of the first weekly digest, then the morning of the first reminder, in Tokyo.
    await replayUntil(new Date('2016-11-21T08:00:00+09:00'));
    const monday = await subjects();
    await replayUntil(new Date('2016-11-26T08:00:00+09:00'));
    const saturday = await subjects();

    // Assess: the Monday digest of 21 November, then the 7-day reminder for 3 December, each once.
    expect(monday).toEqual(['Weekly digest: 1 upcoming event']);
    expect(saturday).toEqual(['Weekly digest: 1 upcoming event', 'In 7 days: Foreign Minister Kishida visits Russia for talks with Lavrov']);
  });
});
