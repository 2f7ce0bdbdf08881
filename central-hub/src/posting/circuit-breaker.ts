/** What the circuit lets through: everything, nothing, or one probe. */
export type CircuitState = 'closed' | 'open' | 'half_open';

/** Why the circuit is open: the ERP failing, or the ERP refusing the hub's configuration. */
export type OpenReason = 'failures' | 'configuration';

/** When the circuit opens and how long it stays open. */
export interface CircuitOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** First open period; doubles with each failed probe up to `maxCooldownMs`. */
  cooldownMs: number;
  maxCooldownMs: number;
}

/** A change of state, for logs and metrics. */
export interface CircuitChange {
  from: CircuitState;
  to: CircuitState;
  reason: OpenReason | null;
  /** While open: when the next probe may go (epoch ms). */
  retryAtMs: number | null;
}

/**
 * A circuit breaker in front of the ERP. Closed, it lets every request go and
 * counts consecutive failures; at the threshold it opens and lets nothing go
 * for a cooldown; then it is half-open and lets exactly one probe go. The
 * probe's success closes it; its failure opens it again for twice as long.
 * A configuration problem (the ERP refusing the credentials) opens it at once
 * for as long as the caller says.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openUntilMs = 0;
  private cooldownMs: number;
  private probeInFlight = false;
  private openReason: OpenReason | null = null;

  constructor(
    private readonly options: CircuitOptions,
    private readonly onChange: (change: CircuitChange) => void = () => {},
  ) {
    this.cooldownMs = options.cooldownMs;
  }

  /** The state at `nowMs`: an open circuit whose cooldown is over reads half-open. */
  state(nowMs: number): CircuitState {
    if (this.current === 'open' && nowMs >= this.openUntilMs) this.move('half_open');
    return this.current;
  }

  get reason(): OpenReason | null {
    return this.openReason;
  }

  /** When an open circuit lets its probe go (epoch ms); null unless open. */
  retryAtMs(nowMs: number): number | null {
    return this.state(nowMs) === 'open' ? this.openUntilMs : null;
  }

  /** Asks to send one request now; a half-open circuit says yes once, to its probe. */
  tryAcquire(nowMs: number): boolean {
    const state = this.state(nowMs);
    if (state === 'closed') return true;
    if (state === 'open' || this.probeInFlight) return false;

    this.probeInFlight = true;
    return true;
  }

  /** The ERP answered (2xx, or a refusal of the documents: it is up and reading them). */
  recordSuccess(): void {
    this.failures = 0;
    this.probeInFlight = false;
    this.cooldownMs = this.options.cooldownMs;
    if (this.current !== 'closed') this.move('closed');
  }

  /**
   * The ERP failed to answer usefully (5xx, timeout, unreachable). When it
   * said how long it will be away (`Retry-After`, e.g. maintenance), the next
   * probe goes then, within the longest cooldown, instead of after the doubling.
   */
  recordFailure(nowMs: number, retryAfterMs?: number): void {
    this.failures += 1;
    const probing = this.current === 'half_open';
    const tripped = this.current === 'closed' && this.failures >= this.options.failureThreshold;
    if (!probing && !tripped) return;

    if (probing) this.cooldownMs = Math.min(this.cooldownMs * 2, this.options.maxCooldownMs);
    const wait = retryAfterMs ?? this.cooldownMs;
    this.open('failures', Math.min(Math.max(wait, 0), this.options.maxCooldownMs), nowMs);
  }

  /** A request that neither proves nor disproves the ERP's health (429): frees the probe slot. */
  recordNeutral(): void {
    this.probeInFlight = false;
  }

  /** Opens at once for `pauseMs`: the hub's configuration is wrong, not the ERP's health. */
  openForConfiguration(pauseMs: number, nowMs: number): void {
    this.open('configuration', pauseMs, nowMs);
  }

  private open(reason: OpenReason, forMs: number, nowMs: number): void {
    this.probeInFlight = false;
    this.openReason = reason;
    this.openUntilMs = nowMs + forMs;
    this.move('open');
  }

  private move(to: CircuitState): void {
    const from = this.current;
    this.current = to;
    if (to === 'closed') this.openReason = null;
    const retryAtMs = to === 'open' ? this.openUntilMs : null;
    if (from !== to || to === 'open') {
      this.onChange({ from, to, reason: this.openReason, retryAtMs });
    }
  }
}
