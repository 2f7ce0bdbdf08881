/** What `GET /_sandbox/stats` reports about the API (control routes are not counted). */
export interface ErpSandboxStats {
  /** API requests received since start or reset. */
  requests: number;
  /** Answers by HTTP status, e.g. `{ "201": 40, "429": 7 }`. */
  byStatus: Record<string, number>;
  /** Requests left unanswered on purpose (hangRate). */
  hung: number;
  /** Requests received during the last second. */
  currentRps: number;
  /** Requests received and not yet answered (latency, hangs). */
  inFlight: number;
}

const WINDOW_MS = 1000;

/** Counts API traffic for tests and peak simulations. */
export class RequestStats {
  private arrivals: number[] = [];
  private counts = { requests: 0, hung: 0, answered: 0 };
  private byStatus = new Map<number, number>();

  arrived(now: number): void {
    this.counts.requests += 1;
    this.arrivals.push(now);
    this.forgetBefore(now - WINDOW_MS);
  }

  answered(status: number): void {
    this.counts.answered += 1;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  hung(): void {
    this.counts.hung += 1;
  }

  snapshot(now: number): ErpSandboxStats {
    this.forgetBefore(now - WINDOW_MS);
    const { requests, hung, answered } = this.counts;
    return {
      requests,
      byStatus: Object.fromEntries([...this.byStatus].map(([s, n]) => [String(s), n])),
      hung,
      currentRps: this.arrivals.length,
      inFlight: requests - answered - hung,
    };
  }

  reset(): void {
    this.arrivals = [];
    this.counts = { requests: 0, hung: 0, answered: 0 };
    this.byStatus.clear();
  }

  private forgetBefore(cutoff: number): void {
    let drop = 0;
    while (drop < this.arrivals.length && (this.arrivals[drop] as number) <= cutoff) drop += 1;
    if (drop > 0) this.arrivals.splice(0, drop);
  }
}
