import { ERROR_CODES, type ErrorCode, type FieldError, StoresyncError } from '@storesync/protocol';

/** HTTP status of each error code the hub's API answers; any other code answers 500. */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  LOGIN_LOCKED: 429,
  INTERNAL: 500,
  POSTING_UNAVAILABLE: 503,
};

/** Fastify's own refusals of a body, as storesync codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_JSON',
};

/** The JSON body of every error answer of the hub's API. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
}

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code] ?? 500;
}

/**
 * Any thrown value as a StoresyncError. Unknown failures become INTERNAL with
 * a generic message so that no internals leak; the cause keeps them for the log.
 */
export function toStoresyncError(err: unknown): StoresyncError {
  if (err instanceof StoresyncError) return err;

  const { code, statusCode } = (err ?? {}) as { code?: unknown; statusCode?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  const mapped = typeof code === 'string' ? FASTIFY_CODES[code] : undefined;
  if (mapped) return new StoresyncError(mapped, message, {}, { cause: err });

  // Other request errors fastify raises itself (a malformed URL, say) are the caller's.
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new StoresyncError('VALIDATION_FAILED', message, {}, { cause: err });
  }
  return new StoresyncError('INTERNAL', ERROR_CODES.INTERNAL, {}, { cause: err });
}

/** Code, message and, for validation failures, the list of fields. */
export function errorBody(error: StoresyncError): ErrorBody {
  const errors = error.details.errors as FieldError[] | undefined;
  const body: ErrorBody = { code: error.code, message: error.message };
  return errors === undefined ? body : { ...body, errors };
}
