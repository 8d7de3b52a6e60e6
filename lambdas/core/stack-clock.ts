import type { Clock } from '#ports/clock.ts';

/** What GET /admin/clock answers: the stack's now, and whether (and how fast) it is a simulation. */
export interface ClockReading {
  now: string;
  simulated: boolean;
  speed: number;
  mode?: string;
}

/** The stack's clock as the console shows it; a clock that says nothing of its pace is the wall clock. */
export function readClock(clock: Clock): ClockReading {
  const pace = clock.pace?.() ?? { simulated: false, speed: 1 };
  return {
    now: clock.now().toISOString(),
    simulated: pace.simulated,
    speed: pace.speed,
    ...(pace.mode ? { mode: pace.mode } : {}),
  };
}
