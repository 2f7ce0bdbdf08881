/**
 * Exponential backoff with full jitter: the n-th retry waits a random time in
 * [0, min(cap, base * 2^n)). Full jitter spreads a chain's stores apart when
 * the hub comes back, instead of having them all reconnect in the same second.
 */
export function backoffDelayMs(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(baseMs / 2, Math.floor(random() * ceiling));
}
