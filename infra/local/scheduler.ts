import type { LocalClock } from './clock.ts';

/** `rate(1 minute)`, `rate(5 minutes)`, `rate(1 hour)`: the schedule expressions the local clock can run. */
export function parseRate(expression: string): number {
  const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (!m) throw new Error(`the local scheduler runs rate(N minutes|hours|days) expressions, not "${expression}"`);
  const unit = m[2]!.startsWith('minute') ? 60_000 : m[2]!.startsWith('hour') ? 3_600_000 : 86_400_000;
  return Number(m[1]) * unit;
}

/**
 * Stands in for EventBridge Scheduler: on each tick it calls the target with the latest whole period of the
 * local clock, one run at a time (the dispatcher covers every minute since its last run, so a replay at
 * 3600x skips no reminder).
 */
export function startScheduler({ clock, dispatch, periodMs = 60_000, tickMs = 1000, onError }: {
  clock: LocalClock;
  dispatch: (scheduledTime: Date) => Promise<unknown>;
  periodMs?: number;
  tickMs?: number;
  onError?: (err: unknown) => void;
}): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  let last = 0;
  const tick = () => {
    if (running) return;
    const due = Math.floor(clock.now().getTime() / periodMs) * periodMs;
    if (due <= last) return;
    last = due;
    running = dispatch(new Date(due)).catch((err) => onError?.(err)).finally(() => { running = undefined; });
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
