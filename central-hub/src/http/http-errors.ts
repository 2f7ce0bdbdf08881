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

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS_OF_CODE[code];
}

/**
 * Any thrown value as a StoresyncError. Unknown failures become INTERNAL with
 * a generic message so that no internals leak; the cause keeps them for the log.
 */
export function toStoresyncError(err: unknown): StoresyncError {
  if (err instanceof StoresyncError) return err;

  const { code, statusCode } = (err ?? {}) as { code?: unknown; statusCode?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  const mapped = typeof code === 'string' ? FRAMEWORK_BODY_ERRORS[code] : undefined;
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
