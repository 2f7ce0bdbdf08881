/** Time and chance, injected so that backoff, ages and expiry are testable. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Uniform in [0, 1). */
  random(): number;
}

/** ISO 8601 UTC of a clock reading. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
