import { describe, expect, it } from 'vitest';
import { makeSendDeadline } from '#core/send-deadline.ts';

/** An invocation's time left that the test moves by hand. */
function invocation(remainingMs: number) {
  const time = { left: remainingMs };
  return { time, timeLeft: { remainingMs: () => time.left } };
}

describe('the sender\'s deadline over its invocation\'s time left', () => {
  it('takes a reader only while its turn at the rate, queued behind the others, fits before the margin', () => {
    // Prepare: 10 s left, one send a second, 2 s kept back.
    const { timeLeft } = invocation(10_000);
    const deadline = makeSendDeadline({ timeLeft, intervalMs: 1_000, marginMs: 2_000 });
    // Assess: 8 s spare hold 8 turns, so a reader behind 7 others fits and one behind 8 does not.
    expect(deadline.roomForAnother(7)).toBe(true);
    expect(deadline.roomForAnother(8)).toBe(false);
  });

  it('learns from a slow send, and stops a reader whose turn comes too late to send', async () => {
    // Prepare
    const { time, timeLeft } = invocation(10_000);
    const deadline = makeSendDeadline({ timeLeft, intervalMs: 100, marginMs: 1_000 });
    // Act: one send takes 3 s of the invocation.
    await deadline.timed(async () => { time.left -= 3_000; });
    // Assess: 7 s left, 6 s spare: room for a send of 3 s, and for a reader behind 29 others (3 s + 3 s), not 30.
    expect(deadline.roomToSend()).toBe(true);
    expect(deadline.roomForAnother(29)).toBe(true);
    expect(deadline.roomForAnother(30)).toBe(false);
    time.left = 3_999;
    expect(deadline.roomToSend()).toBe(false);
  });
});
