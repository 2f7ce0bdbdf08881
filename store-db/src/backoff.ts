/** First retry waits up to this long. */
export const RETRY_BASE_MS = 1000;
/** No retry waits longer than this. */
export const RETRY_CAP_MS = 5 * 60 * 1000;

/**
 * Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempts-1))).
 * Full jitter spreads the retries of many stores after a hub outage instead of
 * having them all come back in the same second.
 */
export function retryDelayMs(attempts: number, random: number): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** exponent);
  return Math.floor(random * ceiling);
}
