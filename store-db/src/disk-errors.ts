import { StoreDiskFullError } from './errors.js';

/** SQLite result codes that mean the write could not reach the disk. */
export function diskErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;

  return code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') ? code : null;
}

/** Runs a write and turns a full disk into `StoreDiskFullError`; other errors pass through. */
export function writeOrDiskFull<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw asDiskFull(error);
  }
}

/** `StoreDiskFullError` for a disk error, the error itself otherwise. */
export function asDiskFull(error: unknown): unknown {
  const code = diskErrorCode(error);
  return code === null ? error : new StoreDiskFullError(code, { cause: error });
}
