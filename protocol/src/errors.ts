/**
 * Stable error codes. Callers match on `code`, never on message text; the
 * message says what was expected and what to do.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 'a field is missing or has the wrong type or value',
  INVALID_JSON: 'the body is not valid JSON',
  BODY_TOO_LARGE: 'the body is larger than the configured limit',
  UNSUPPORTED_MEDIA_TYPE: 'the body must be sent as Content-Type: application/json',
  UNAUTHORIZED: 'the bearer token is missing or not known',
  FORBIDDEN: 'the operator is logged in but their role does not allow this action',
  LOGIN_LOCKED: 'too many failed logins for this username; wait for Retry-After and try again',
  POSTING_UNAVAILABLE: 'the hub runs without an ERP posting pipeline (start it with --erp-url)',
  DISK_FULL: 'the store database cannot write: the disk is full',
  STORE_MISMATCH: 'the storeId of the topic, the payload and the client disagree',
  UNSUPPORTED_SCHEMA_VERSION: 'the event was written with a schema version this hub cannot read',
  UNKNOWN_KIND: 'the event kind is not known',
  DUPLICATE_CONFLICT: 'an id was seen before with different content',
  NOT_FOUND: 'the requested item does not exist',
  HUB_LINK_UNAVAILABLE: 'this agent runs without a hub link, so it cannot sync now',
  INTERNAL: 'an unexpected error; the operation may be retried',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** Dotted path with array indexes, e.g. `lines[0].unitPrice`. */
  path: string;
  message: string;
}

/** Base of every storesync error: a stable code, structured fields and a cause. */
export class StoresyncError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoresyncError';
    this.code = code;
    this.details = details;
  }
}
