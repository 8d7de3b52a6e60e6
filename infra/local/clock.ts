import type { Clock } from '#ports/clock.ts';

export type ClockMode = 'replay' | 'real' | 'manual';

/** The story's date: replay and manual clocks start here. */
export const STORY_START = new Date('2016-11-20T00:00:00+09:00');

export interface LocalClock extends Clock {
  readonly mode: ClockMode;
  /** Moves a manual clock to `instant` (never backwards); other modes refuse. */
  set(instant: Date): void;
  /** Starts a replay from the story's date again now, so time spent starting up is not skipped. */
  restart(): void;
}

/**
 * The local stack's one clock. `replay` runs `speed` simulated seconds per real second from the story's
 * date; `real` is the wall clock; `manual` stands still until `set`. `realNow` is injected for tests.
 */
export function makeLocalClock(mode: ClockMode, options: { speed?: number; start?: Date; realNow?: () => number } = {}): LocalClock {
  const realNow = options.realNow ?? Date.now;
  const start = options.start ?? STORY_START;
  const speed = options.speed ?? 3600;
  let startedAt = realNow();
  let manual = start;
  return {
    mode,
    now() {
      if (mode === 'real') return new Date(realNow());
      if (mode === 'manual') return manual;
      return new Date(start.getTime() + (realNow() - startedAt) * speed);
    },
    pace() {
      return { simulated: mode !== 'real', speed: mode === 'replay' ? speed : mode === 'real' ? 1 : 0, mode };
    },
    restart() { startedAt = realNow(); },
    set(instant) {
      if (mode !== 'manual') throw new Error(`the ${mode} clock cannot be set; start with CLOCK=manual`);
      if (instant.getTime() > manual.getTime()) manual = instant;
    },
  };
}

export function parseClockMode(value: string | undefined): ClockMode {
  const mode = value ?? 'replay';
  if (mode === 'replay' || mode === 'real' || mode === 'manual') return mode;
  throw new Error(`CLOCK must be replay, real or manual, not "${mode}"`);
}
