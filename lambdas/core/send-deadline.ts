/** What the sender knows of its invocation's time: how much is left (Lambda's `getRemainingTimeInMillis`). */
export interface TimeLeft {
  remainingMs(): number;
}

/** The invocation's time, as one batch's messages share it; see `makeSendDeadline`. */
export interface SendDeadline {
  /** Whether a reader taken now, queued behind `waiting` others for the send rate, could still be sent in time. */
  roomForAnother(waiting: number): boolean;
  /** Whether a reader holding its turn now can still be sent, recorded and answered for in time. */
  roomToSend(): boolean;
  /** Runs one call to the transport, learning how long a send takes today. */
  timed<T>(send: () => Promise<T>): Promise<T>;
}

/**
 * Lambda kills an invocation that outlives its timeout, mid-send: the message comes back whole after its
 * visibility timeout, a reader sent but not recorded waits out its lease. So the sender takes a reader only while
 * the time left covers its turn at the current rate (`intervalMs` per send, one turn for each reader already
 * waiting) and the slowest send seen in this invocation, plus `marginMs` to record it and answer the queue.
 * Measured from the time left itself: no clock is read here.
 */
export function makeSendDeadline({ timeLeft, intervalMs, marginMs }: {
  timeLeft: TimeLeft;
  intervalMs: number;
  marginMs: number;
}): SendDeadline {
  // Per invocation: a slow send today is no reason for a later invocation to take no reader at all.
  let slowestMs = 0;
  const spare = () => timeLeft.remainingMs() - marginMs;
  return {
    roomForAnother: (waiting) => spare() >= (waiting + 1) * intervalMs + slowestMs,
    roomToSend: () => spare() >= slowestMs,
    async timed(send) {
      const before = timeLeft.remainingMs();
      try {
        return await send();
      } finally {
        slowestMs = Math.max(slowestMs, before - timeLeft.remainingMs());
      }
    },
  };
}
