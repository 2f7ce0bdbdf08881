import {
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  type FieldError,
  FRAMEWORK_BODY_ERRORS,
  HTTP_STATUS_OF_CODE,
  StoresyncError,
} from '@storesync/protocol';

export type { ErrorBody };

/** The HTTP status that answers an error code. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS_OF_CODE[code];
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

  const mapped = typeof code === 'string' ? FRAMEWORK_BODY_ERRORS[code] : undefined;
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
