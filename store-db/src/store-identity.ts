import { identifier, StoresyncError } from '@storesync/protocol';
import type Database from 'better-sqlite3';
import { writeOrDiskFull } from './disk-errors.js';
import { StoreDbIdentityError } from './errors.js';

/** Refuses a store id the topics and the hub would not accept anyway. */
export function checkStoreId(storeId: string): string {
  const parsed = identifier.safeParse(storeId);
  if (parsed.success) return parsed.data;

  const message = parsed.error.issues[0]?.message ?? 'is not valid';
  throw new StoresyncError('VALIDATION_FAILED', `storeId ${message}`, { path: 'storeId' });
}

/**
 * Stamps a new file with its store id, or checks an existing one: events of one
 * store must never be sent under another store's id.
 */
export function claimStoreIdentity(db: Database.Database, storeId: string): void {
  const claim = db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO store_state (id, store_id, last_seq) VALUES (1, ?, 0)').run(
      storeId,
    );
    return db.prepare<[], string>('SELECT store_id FROM store_state WHERE id = 1').pluck().get();
  });

  const owner = writeOrDiskFull(() => claim.immediate());
  if (owner !== storeId) throw new StoreDbIdentityError(owner ?? '(none)', storeId);
}
