export { RETRY_BASE_MS, RETRY_CAP_MS, retryDelayMs } from './backoff.js';
export {
  StoreCaptureError,
  StoreDbClosedError,
  StoreDbIdentityError,
  StoreDbPragmaError,
  StoreDbSchemaError,
  StoreDiskFullError,
} from './errors.js';
export { migrate, schemaVersion } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
export { openStoreDb } from './open-store-db.js';
export { QUARANTINE_MAX_BODY_BYTES } from './quarantine.js';
export type * from './types.js';
