import { ERROR_CODES, type ErrorCode, type FieldError, StoresyncError } from '@storesync/protocol';

/** HTTP status of each error code; a code missing here answers 500. */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNKNOWN_KIND: 400,
  UNSUPPORTED_SCHEMA_VERSION: 400,
  UNAUTHORIZED: 401,
  STORE_MISMATCH: 403,
  NOT_FOUND: 404,
  DUPLICATE_CONFLICT: 409,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  HUB_LINK_UNAVAILABLE: 503,
  DISK_FULL: 507,
};

/** Fastify's own request errors, translated into storesync codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_JSON',
};

/** The JSON body of every error answer. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
}

/** The HTTP status that answers an error code. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code] ?? 500;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

function fromFastify(code: ErrorCode, bodyLimitBytes: number | undefined, err: unknown) {
  if (code === 'BODY_TOO_LARGE' && bodyLimitBytes !== undefined) {
    const message = `the body is larger than ${bodyLimitBytes} bytes; send fewer items per request`;
    return new StoresyncError(code, message, { bodyLimitBytes }, { cause: err });
  }
  return new StoresyncError(code, ERROR_CODES[code], {}, { cause: err });
}

/**
 * Any thrown value as a StoresyncError. Unknown failures become INTERNAL with
 * a generic message, so no internals leak to a till; the cause keeps them for the log.
 */
export function toStoresyncError(err: unknown, bodyLimitBytes?: number): StoresyncError {
  if (err instanceof StoresyncError) return err;

  const { code, statusCode } = (err ?? {}) as { code?: unknown; statusCode?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  if (isErrorCode(code)) return new StoresyncError(code, message, {}, { cause: err });

  const mapped = typeof code === 'string' ? FASTIFY_CODES[code] : undefined;
  if (mapped) return fromFastify(mapped, bodyLimitBytes, err);

  // Other request errors fastify raises itself (a malformed URL, say) are the client's.
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new StoresyncError('VALIDATION_FAILED', message, {}, { cause: err });
  }
  return new StoresyncError('INTERNAL', ERROR_CODES.INTERNAL, {}, { cause: err });
}

/** The answer body of an error: code, message and, for validation, the field list. */
export function errorBody(error: StoresyncError): ErrorBody {
  const errors = error.details.errors as FieldError[] | undefined;
  return errors
    ? { code: error.code, message: error.message, errors }
    : {
        code: error.code,
        message: error.message,
      };
}
