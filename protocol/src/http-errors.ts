import type { ErrorCode, FieldError } from './errors.js';

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
