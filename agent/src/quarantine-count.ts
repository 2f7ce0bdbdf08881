import type { StoreDb } from '@storesync/store-db';

/**
 * How many inputs were ever quarantined. The StoreDb contract has no count and
 * no delete: entry ids count up from 1 and entries stay, so the newest id is
 * the count, read in O(1) instead of listing megabytes of raw bodies.
 */
export function quarantineCount(db: StoreDb): number {
  return db.listQuarantine(1)[0]?.id ?? 0;
}
