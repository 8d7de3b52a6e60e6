import type { Clock } from '#ports/clock.ts';

/** The wall clock, for Lambdas on AWS. The only place outside infra/local where "now" is read. */
export const systemClock: Clock = { now: () => new Date() };
