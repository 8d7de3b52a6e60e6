/** The only source of "now" for the core: a Lambda passes the system clock, the local stack its replay clock. */
export interface Clock {
  now(): Date;
  /**
   * How this clock runs, for the console that shows it: absent on the wall clock (real time, speed 1). The local
   * stack's replay clock runs `speed` simulated seconds a second; its manual clock stands still (speed 0).
   */
  pace?(): ClockPace;
}

export interface ClockPace {
  /** True when the clock is not the wall clock: a replay from the story's date, or one set by hand. */
  simulated: boolean;
  /** Seconds on this clock per real second: 1 for real time, 0 for a clock that moves only when set. */
  speed: number;
  /** The local stack's clock mode (replay, manual, real); absent on AWS. */
  mode?: string;
}
