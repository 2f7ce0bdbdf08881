/** How failed logins slow down the next try for the same username. */
export interface LoginThrottlePolicy {
  /** Failures in a row that cost nothing but the failure itself. */
  freeFailures: number;
  /** Lock after the first failure past the free ones; doubles with each further failure. */
  baseLockMs: number;
  maxLockMs: number;
  /** A username with no failure for this long starts again from zero. */
  forgetAfterMs: number;
  /** Usernames remembered at most; the least recently failed is dropped first. */
  maxTracked: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  freeFailures: 5,
  baseLockMs: 1000,
  maxLockMs: 15 * 60 * 1000,
  forgetAfterMs: 15 * 60 * 1000,
  maxTracked: 10_000,
};

interface FailureRecord {
  failures: number;
  lastFailureMs: number;
  lockedUntilMs: number;
}

/**
 * Per-username backoff of failed logins, in memory: a restart forgives. It
 * tracks usernames that do not exist too, so a lockout says nothing about
 * which operators exist. Bounded, so random usernames cannot fill the memory.
 */
export class LoginThrottle {
  private readonly failuresByUser = new Map<string, FailureRecord>();

  constructor(private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE) {}

  /** Milliseconds until `username` may try again; 0 when it may try now. */
  waitMs(username: string, nowMs: number): number {
    const record = this.current(username, nowMs);
    return record === null ? 0 : Math.max(0, record.lockedUntilMs - nowMs);
  }

  /** Counts a failure and locks the username once past the free failures. */
  failed(username: string, nowMs: number): void {
    const failures = (this.current(username, nowMs)?.failures ?? 0) + 1;
    const over = failures - this.policy.freeFailures;
    const lockMs =
      over <= 0 ? 0 : Math.min(this.policy.maxLockMs, this.policy.baseLockMs * 2 ** (over - 1));

    // Re-inserting moves the username to the end of the map's order: the eviction order.
    this.failuresByUser.delete(username);
    this.failuresByUser.set(username, {
      failures,
      lastFailureMs: nowMs,
      lockedUntilMs: nowMs + lockMs,
    });
    this.evictOverflow();
  }

  succeeded(username: string): void {
    this.failuresByUser.delete(username);
  }

  private current(username: string, nowMs: number): FailureRecord | null {
    const record = this.failuresByUser.get(username);
    if (record === undefined) return null;

    const quietMs = nowMs - Math.max(record.lastFailureMs, record.lockedUntilMs);
    if (quietMs < this.policy.forgetAfterMs) return record;
    this.failuresByUser.delete(username);
    return null;
  }

  private evictOverflow(): void {
    for (const username of this.failuresByUser.keys()) {
      if (this.failuresByUser.size <= this.policy.maxTracked) return;
      this.failuresByUser.delete(username);
    }
  }
}
