/** Share of the ceiling won back per successful request after a slowdown. */
const CLIMB_SHARE = 0.05;
/** What is left of the rate after a 429. */
const BACKOFF_FACTOR = 0.5;
/** The rate never falls below this many requests per second (or the ceiling, if lower). */
const FLOOR_RPS = 0.5;

/**
 * The pace of ERP requests: a token bucket whose rate adapts to the ERP.
 * It starts at the configured ceiling; a 429 halves it and pauses sending for
 * the ERP's Retry-After; each success climbs back by a twentieth of the
 * ceiling (additive increase, multiplicative decrease). The bucket holds a
 * quarter second of tokens, so requests go out evenly rather than in bursts.
 */
export class AdaptiveRate {
  private rate: number;
  private tokens: number;
  private lastRefillMs: number;
  private pausedUntilMs = 0;
  private readonly floor: number;

  constructor(
    private readonly ceiling: number,
    nowMs: number,
  ) {
    this.rate = ceiling;
    this.floor = Math.min(ceiling, FLOOR_RPS);
    this.tokens = this.capacity();
    this.lastRefillMs = nowMs;
  }

  /** Requests per second allowed now. */
  get currentRate(): number {
    return this.rate;
  }

  get ceilingRate(): number {
    return this.ceiling;
  }

  /** Takes a token to send one request now; false when the caller must wait. */
  tryTake(nowMs: number): boolean {
    this.refill(nowMs);
    if (nowMs < this.pausedUntilMs || this.tokens < 1) return false;

    this.tokens -= 1;
    return true;
  }

  /** When the next token can be taken (epoch ms). */
  nextTokenAtMs(nowMs: number): number {
    this.refill(nowMs);
    const refillAt = this.tokens >= 1 ? nowMs : nowMs + ((1 - this.tokens) / this.rate) * 1000;
    return Math.max(this.pausedUntilMs, Math.ceil(refillAt));
  }

  /** The ERP said 429: halve the rate and send nothing until its Retry-After has passed. */
  rateLimited(retryAfterMs: number | undefined, nowMs: number): void {
    this.refill(nowMs);
    this.rate = Math.max(this.floor, this.rate * BACKOFF_FACTOR);
    this.tokens = Math.min(this.tokens, 0);
    const pause = retryAfterMs ?? 1000 / this.rate;
    this.pausedUntilMs = Math.max(this.pausedUntilMs, nowMs + pause);
  }

  /** A request went through: climb back toward the ceiling. */
  succeeded(nowMs: number): void {
    this.refill(nowMs);
    this.rate = Math.min(this.ceiling, this.rate + this.ceiling * CLIMB_SHARE);
  }

  private capacity(): number {
    return Math.max(1, this.rate / 4);
  }

  private refill(nowMs: number): void {
    const elapsed = Math.max(0, nowMs - this.lastRefillMs) / 1000;
    this.tokens = Math.min(this.capacity(), this.tokens + elapsed * this.rate);
    this.lastRefillMs = nowMs;
  }
}
