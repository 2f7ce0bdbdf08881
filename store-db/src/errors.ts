import { ERROR_CODES, type ErrorCode, StoresyncError } from '@storesync/protocol';

/**
 * The store database could not write because the disk (or the test page cap) is
 * full. Every caller of the failed group commit gets it; nothing of that group
 * was written and the database stays usable once space is freed.
 */
export class StoreDiskFullError extends StoresyncError {
  constructor(sqliteCode: string, options?: { cause?: unknown }) {
    super(
      'DISK_FULL',
      `${ERROR_CODES.DISK_FULL} (${sqliteCode}); free space and retry`,
      {
        sqliteCode,
      },
      options,
    );
    this.name = 'StoreDiskFullError';
  }
}

/** A durability pragma did not read back as set: the store must not take sales like this. */
export class StoreDbPragmaError extends StoresyncError {
  constructor(pragma: string, expected: unknown, actual: unknown) {
    super(
      'INTERNAL',
      `PRAGMA ${pragma} reads ${String(actual)} after setting it to ${String(expected)}`,
      { pragma, expected, actual },
    );
    this.name = 'StoreDbPragmaError';
  }
}

/** The file was written by a newer storesync: opening it could corrupt it. */
export class StoreDbSchemaError extends StoresyncError {
  constructor(fileVersion: number, knownVersion: number) {
    super(
      'INTERNAL',
      `the store database has schema version ${fileVersion}, this build knows up to ` +
        `${knownVersion}; run a newer storesync`,
      { fileVersion, knownVersion },
    );
    this.name = 'StoreDbSchemaError';
  }
}

/** The file belongs to another store: the data dir points at the wrong database. */
export class StoreDbIdentityError extends StoresyncError {
  constructor(fileStoreId: string, requestedStoreId: string) {
    super(
      'STORE_MISMATCH',
      `the store database belongs to store ${fileStoreId}, not ${requestedStoreId}`,
      { fileStoreId, requestedStoreId },
    );
    this.name = 'StoreDbIdentityError';
  }
}

/** The store database was closed; nothing more can be captured through this handle. */
export class StoreDbClosedError extends StoresyncError {
  constructor(storeId: string) {
    super('INTERNAL', `the store database of ${storeId} is closed`, { storeId });
    this.name = 'StoreDbClosedError';
  }
}

/**
 * One capture could not be recorded for a reason of its own (a value the schema
 * refuses, a missing id). Only its caller gets this; the rest of the group commits.
 */
export class StoreCaptureError extends StoresyncError {
  constructor(
    code: Extract<ErrorCode, 'VALIDATION_FAILED' | 'INTERNAL'>,
    message: string,
    details: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
    this.name = 'StoreCaptureError';
  }
}
