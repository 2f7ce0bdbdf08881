import { postingRefusal } from './documents.js';
import {
  type ErpError,
  type ErpFailure,
  type ErpOperation,
  ErpPermanentError,
  ErpRetryableError,
} from './erp-errors.js';
import { parseRetryAfter } from './retry-after.js';

/** The call a failure belongs to. */
export interface ErpCall {
  operation: ErpOperation;
  idempotencyKey: string | null;
}

/**
 * The error of a non-2xx answer. 429, 408 and 5xx may succeed later; any
 * other status is the ERP's final word on this request.
 */
export function errorOfResponse(
  call: ErpCall,
  status: number,
  headers: Headers,
  body: unknown,
): ErpError {
  const failure: ErpFailure = { ...call, status, body };
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
  if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;

  if (status === 429) return new ErpRetryableError('ERP_RATE_LIMITED', failure);
  if (status === 408) return new ErpRetryableError('ERP_TIMEOUT', failure);
  if (status >= 500) return new ErpRetryableError('ERP_UNAVAILABLE', failure);
  if (status === 401 || status === 403) return new ErpPermanentError('ERP_AUTH_FAILED', failure);
  if (status < 400) return new ErpPermanentError('ERP_BAD_RESPONSE', failure);

  const refusal = postingRefusal.safeParse(body);
  const documentErrors = refusal.success ? refusal.data.errors : [];
  const code = documentErrors.length > 0 ? 'ERP_VALIDATION_FAILED' : 'ERP_REJECTED';
  return new ErpPermanentError(code, { ...failure, documentErrors });
}

/**
 * The error of a call that got no answer. Our own timeout and every network
 * failure (refused, reset, name lookup) are worth a retry with the same key.
 */
export function errorOfException(call: ErpCall, err: unknown): ErpError {
  const failure: ErpFailure = { ...call, status: null };
  const timedOut = err instanceof Error && err.name === 'TimeoutError';
  const code = timedOut ? 'ERP_TIMEOUT' : 'ERP_UNREACHABLE';
  return new ErpRetryableError(code, failure, { cause: err });
}
