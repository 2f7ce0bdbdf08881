/** Bounds of the retry delay. */
export interface BackoffBounds {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before the next send of a batch that failed `attempts` times:
 * exponential (base, 2x base, 4x base ... up to max) with "equal jitter", a
 * random half on top of a fixed half, so that batches failed together by one
 * outage do not come back together. `random` is injectable for tests.
 */
export function retryDelayMs(
  attempts: number,
  bounds: BackoffBounds,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, attempts - 1), 30);
  const ceiling = Math.min(bounds.maxMs, bounds.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
