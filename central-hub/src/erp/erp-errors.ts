import type { DocumentError } from './documents.js';

/**
 * Stable codes of ERP failures. The posting pipeline decides on `retryable`
 * and `documentErrors`; the code tells an operator what happened.
 */
export const ERP_ERROR_CODES = {
  ERP_RATE_LIMITED: 'the ERP refused the request over its rate limit; retry after retryAfterMs',
  ERP_UNAVAILABLE: 'the ERP answered with a server error or is in an outage; retry later',
  ERP_TIMEOUT:
    'the ERP did not answer in time; it may have applied the request, so retry with the same key',
  ERP_UNREACHABLE: 'the connection to the ERP failed (refused, reset, name lookup); retry later',
  ERP_VALIDATION_FAILED: 'the ERP refused documents of the batch; documentErrors names each one',
  ERP_AUTH_FAILED: 'the ERP refused the credentials; fix the configuration, a retry will not help',
  ERP_REJECTED: 'the ERP refused the request as a whole',
  ERP_BAD_RESPONSE: 'the ERP answered with a body this adapter cannot read',
} as const;

export type ErpErrorCode = keyof typeof ERP_ERROR_CODES;

/** Which adapter call failed. */
export type ErpOperation =
  | 'postSales'
  | 'postInventoryMovements'
  | 'postDayCloses'
  | 'fetchOnHand'
  | 'fetchPrices';

/** Where and how an ERP call failed. */
export interface ErpFailure {
  operation: ErpOperation;
  /** HTTP status of the ERP's answer; null when there was no answer. */
  status: number | null;
  /** The posting batch id sent as idempotency key; null for reads. */
  idempotencyKey: string | null;
  /** How long the ERP asked us to wait (`Retry-After`), if it did. */
  retryAfterMs?: number;
  /** Each refused document, when the ERP named them. */
  documentErrors?: readonly DocumentError[];
  /** The ERP's answer body as received, for the dead-letter record. */
  body?: unknown;
}

/** Base of every ERP adapter failure: a stable code, structured fields and a cause. */
export abstract class ErpError extends Error {
  abstract readonly retryable: boolean;
  readonly code: ErpErrorCode;
  readonly operation: ErpOperation;
  readonly status: number | null;
  readonly idempotencyKey: string | null;
  readonly retryAfterMs?: number;
  readonly documentErrors: readonly DocumentError[];
  readonly body: unknown;

  constructor(code: ErpErrorCode, failure: ErpFailure, options?: { cause?: unknown }) {
    super(`${failure.operation}: ${ERP_ERROR_CODES[code]}`, options);
    this.code = code;
    this.operation = failure.operation;
    this.status = failure.status;
    this.idempotencyKey = failure.idempotencyKey;
    if (failure.retryAfterMs !== undefined) this.retryAfterMs = failure.retryAfterMs;
    this.documentErrors = failure.documentErrors ?? [];
    this.body = failure.body;
  }
}

/**
 * The same request may succeed later: rate limit (429), timeouts (408 and our
 * own), server errors (5xx), refused or reset connections. Retry with the
 * same idempotency key, after `retryAfterMs` when the ERP gave one.
 */
export class ErpRetryableError extends ErpError {
  readonly retryable = true;

  constructor(code: ErpErrorCode, failure: ErpFailure, options?: { cause?: unknown }) {
    super(code, failure, options);
    this.name = 'ErpRetryableError';
  }
}

/**
 * The ERP refused the request and will refuse it again (4xx other than 408
 * and 429). With `documentErrors` the pipeline can split the batch and
 * dead-letter only the documents named.
 */
export class ErpPermanentError extends ErpError {
  readonly retryable = false;

  constructor(code: ErpErrorCode, failure: ErpFailure, options?: { cause?: unknown }) {
    super(code, failure, options);
    this.name = 'ErpPermanentError';
  }
}

export function isErpError(value: unknown): value is ErpError {
  return value instanceof ErpError;
}
