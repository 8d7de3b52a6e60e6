import type { LocalClock } from './clock.ts';

/**
 * Stands in for EventBridge Scheduler's rate(1 minute): on each tick it calls the dispatcher with the
 * latest whole minute of the local clock, one run at a time (the dispatcher covers every minute since its
 * last run, so a replay at 3600x skips no reminder).
 */
export function startScheduler({ clock, dispatch, tickMs = 1000, onError }: {
  clock: LocalClock;
  dispatch: (scheduledTime: Date) => Promise<unknown>;
  tickMs?: number;
  onError?: (err: unknown) => void;
}): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  let last = 0;
  const tick = () => {
    if (running) return;
    const minute = Math.floor(clock.now().getTime() / 60_000) * 60_000;
    if (minute <= last) return;
    last = minute;
    running = dispatch(new Date(minute)).catch((err) => onError?.(err)).finally(() => { running = undefined; });
  };
  const timer = setInterval(tick, tickMs);
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
