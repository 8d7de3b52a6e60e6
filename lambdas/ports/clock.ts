/** The only source of "now" for the core: a Lambda passes the system clock, the local stack its replay clock. */
export interface Clock {
  now(): Date;
}
