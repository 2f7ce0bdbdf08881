import { ERROR_CODES, type ErrorCode, type FieldError, StoresyncError } from './errors.js';

/**
 * The HTTP status that answers each error code, for the agent's and the
 * hub's APIs alike. A Record over every code, so a new code cannot be added
 * without deciding its status.
 */
export const HTTP_STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNKNOWN_KIND: 400,
  UNSUPPORTED_SCHEMA_VERSION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  STORE_MISMATCH: 403,
  NOT_FOUND: 404,
  DUPLICATE_CONFLICT: 409,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  LOGIN_LOCKED: 429,
  INTERNAL: 500,
  HUB_LINK_UNAVAILABLE: 503,
  POSTING_UNAVAILABLE: 503,
  DISK_FULL: 507,
};

/** The JSON body of every error answer: a stable code, a message, and the fields at fault. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
}

/**
 * Body refusals raised by the HTTP framework (fastify) before a route runs,
 * translated into storesync codes so clients see one vocabulary.
 */
export const FRAMEWORK_BODY_ERRORS: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_JSON',
};

/** The HTTP status that answers an error code. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS_OF_CODE[code];
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

function fromFramework(code: ErrorCode, bodyLimitBytes: number | undefined, err: unknown) {
  if (code === 'BODY_TOO_LARGE' && bodyLimitBytes !== undefined) {
    const message = `the body is larger than ${bodyLimitBytes} bytes; send fewer items per request`;
    return new StoresyncError(code, message, { bodyLimitBytes }, { cause: err });
  }
  return new StoresyncError(code, ERROR_CODES[code], {}, { cause: err });
}

/**
 * Any thrown value as a StoresyncError. Unknown failures become INTERNAL with
 * a generic message, so no internals leak to a caller; the cause keeps them
 * for the log. `bodyLimitBytes` makes a too-large body's message say the limit.
 */
export function toStoresyncError(err: unknown, bodyLimitBytes?: number): StoresyncError {
  if (err instanceof StoresyncError) return err;

  const { code, statusCode } = (err ?? {}) as { code?: unknown; statusCode?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  if (isErrorCode(code)) return new StoresyncError(code, message, {}, { cause: err });

  const mapped = typeof code === 'string' ? FRAMEWORK_BODY_ERRORS[code] : undefined;
  if (mapped) return fromFramework(mapped, bodyLimitBytes, err);

  // Other request errors the framework raises itself (a malformed URL, say) are the caller's.
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new StoresyncError('VALIDATION_FAILED', message, {}, { cause: err });
  }
  return new StoresyncError('INTERNAL', ERROR_CODES.INTERNAL, {}, { cause: err });
}

/** The answer body of an error: code, message and, for validation, the field list. */
export function errorBody(error: StoresyncError): ErrorBody {
  const errors = error.details.errors as FieldError[] | undefined;
  const body: ErrorBody = { code: error.code, message: error.message };
  return errors === undefined ? body : { ...body, errors };
}
