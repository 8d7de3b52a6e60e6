export interface RateDecision {
  allowed: boolean;
  /** Seconds until the current window ends (when a refused caller may try again). */
  retryAfterSeconds: number;
}

/** Fixed-window counters: at most `limit` hits per `windowSeconds` for one key. A refused hit is not counted. */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number, now: Date): Promise<RateDecision>;
}
