/** The answer of the rate limiter to one request. */
export type RateDecision = { admitted: true } | { admitted: false; retryAfterMs: number };

/**
 * A token bucket of `rate` tokens a second holding at most one second's
 * worth (at least one token), like the per-user budgets of real ERPs. The
 * rate may change between calls; 0 admits everything.
 */
export class TokenBucket {
  private tokens = Number.POSITIVE_INFINITY;
  private lastRefill = 0;

  take(rate: number, now: number): RateDecision {
    if (rate <= 0) return { admitted: true };

    const capacity = Math.max(1, rate);
    const elapsed = Math.max(0, now - this.lastRefill) / 1000;
    this.tokens = Math.min(capacity, this.tokens + elapsed * rate);
    this.lastRefill = now;

    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { admitted: true };
    }
    return { admitted: false, retryAfterMs: Math.ceil(((1 - this.tokens) / rate) * 1000) };
  }

  reset(): void {
    this.tokens = Number.POSITIVE_INFINITY;
    this.lastRefill = 0;
  }
}
