/** How far back the meter looks. */
const WINDOW_MS = 10_000;

/** Counts per second over the last ten seconds, e.g. transactions posted, for the console. */
export class RateMeter {
  private samples: Array<{ atMs: number; count: number }> = [];

  constructor(private readonly windowMs: number = WINDOW_MS) {}

  add(count: number, atMs: number): void {
    this.samples.push({ atMs, count });
    this.forget(atMs);
  }

  perSecond(nowMs: number): number {
    this.forget(nowMs);
    const total = this.samples.reduce((sum, sample) => sum + sample.count, 0);
    return total / (this.windowMs / 1000);
  }

  private forget(nowMs: number): void {
    const cutoff = nowMs - this.windowMs;
    let drop = 0;
    while (drop < this.samples.length && (this.samples[drop]?.atMs ?? 0) <= cutoff) drop += 1;
    if (drop > 0) this.samples.splice(0, drop);
  }
}
