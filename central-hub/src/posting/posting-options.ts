import { StoresyncError } from '@storesync/protocol';

/** How the posting pipeline cuts and paces batches; every field has a default. */
export interface PostingOptions {
  /** A batch closes at this many documents. Default 100. */
  batchSize: number;
  /** ...or when its oldest event has waited this long at the hub. Default 2000 ms. */
  batchWindowMs: number;
  /** ERP requests in flight at once. Default 4. */
  concurrency: number;
  /** Ceiling of ERP requests per second; the adaptive rate stays at or under it. Default 20. */
  rateLimit: number;
  /** Consecutive failed sends (5xx, timeouts, unreachable) that open the circuit. Default 5. */
  failureThreshold: number;
  /** First wait of an open circuit before a half-open probe; doubles per failed probe. */
  circuitCooldownMs: number;
  /** Longest wait of an open circuit. Default 30 s. */
  circuitMaxCooldownMs: number;
  /** Wait after the ERP refused the hub's credentials before probing again. Default 30 s. */
  authPauseMs: number;
  /** First retry delay of a batch; doubles per attempt, with jitter. Default 500 ms. */
  retryBaseMs: number;
  /** Longest retry delay. Default 60 s. */
  retryMaxMs: number;
  /** Events read per cutting pass; keeps one pass short for the ingest. Default 5000. */
  cutChunk: number;
  /** How often the pipeline looks for new events and due batches. Default 100 ms. */
  tickMs: number;
  /** How long closing waits for requests in flight to be answered. Default 10 s. */
  drainTimeoutMs: number;
}

/** The options `storesync hub` runs with unless told otherwise. */
export const DEFAULT_POSTING_OPTIONS: Readonly<PostingOptions> = {
  batchSize: 100,
  batchWindowMs: 2000,
  concurrency: 4,
  rateLimit: 20,
  failureThreshold: 5,
  circuitCooldownMs: 2000,
  circuitMaxCooldownMs: 30_000,
  authPauseMs: 30_000,
  retryBaseMs: 500,
  retryMaxMs: 60_000,
  cutChunk: 5000,
  tickMs: 100,
  drainTimeoutMs: 10_000,
};

/** Largest batch: the ERP API takes at most 5000 documents per request. */
export const MAX_BATCH_SIZE = 5000;

function refuse(field: keyof PostingOptions, rule: string, value: unknown): never {
  const message = `${field}: must be ${rule}, got ${String(value)}`;
  throw new StoresyncError('VALIDATION_FAILED', message, { field, value });
}

function check(options: PostingOptions): PostingOptions {
  const { batchSize, batchWindowMs, concurrency, rateLimit } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    refuse('batchSize', `an integer from 1 to ${MAX_BATCH_SIZE}`, batchSize);
  }
  if (!Number.isFinite(batchWindowMs) || batchWindowMs < 0) {
    refuse('batchWindowMs', 'a number of milliseconds, 0 or more', batchWindowMs);
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    refuse('concurrency', 'an integer of 1 or more', concurrency);
  }
  if (!Number.isFinite(rateLimit) || rateLimit <= 0) {
    refuse('rateLimit', 'a number of requests per second above 0', rateLimit);
  }
  return options;
}

/**
 * The defaults with `given` on top; a field given as undefined keeps its
 * default. Throws a VALIDATION_FAILED StoresyncError naming a bad field.
 */
export function postingOptionsOf(given: Partial<PostingOptions> = {}): PostingOptions {
  const defined = Object.entries(given).filter(([, value]) => value !== undefined);
  return check({ ...DEFAULT_POSTING_OPTIONS, ...Object.fromEntries(defined) });
}
