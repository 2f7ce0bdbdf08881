import type Database from 'better-sqlite3';
import { type Clock, isoAt } from './clock.js';
import { writeOrDiskFull } from './disk-errors.js';
import type { PriceEntry, StoreDb } from './types.js';

type PriceBook = Parameters<StoreDb['applyPriceBook']>[0];

/** The local price book the store answers from, online or not. */
export interface PriceBookStore {
  getPrice(sku: string): PriceEntry | null;
  applyPriceBook(book: PriceBook): boolean;
  priceBookVersion(): number | null;
}

/**
 * Versioned: a book not newer than the stored one is ignored, so a late or
 * replayed delta never rolls prices back. A snapshot replaces every price; a
 * delta upserts its items. Each book applies in one transaction or not at all.
 */
export function createPriceBook(db: Database.Database, clock: Clock): PriceBookStore {
  const get = db.prepare<[string], PriceEntry>(
    'SELECT sku, price, currency, description, version FROM prices WHERE sku = ?',
  );
  const version = db
    .prepare<[], number>('SELECT version FROM price_book_state WHERE id = 1')
    .pluck();
  const clear = db.prepare('DELETE FROM prices');
  const upsert = db.prepare(
    `INSERT INTO prices (sku, price, currency, description, version) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sku) DO UPDATE SET price = excluded.price, currency = excluded.currency,
       description = excluded.description, version = excluded.version`,
  );
  const setState = db.prepare(
    `INSERT INTO price_book_state (id, version, currency, applied_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, currency = excluded.currency,
       applied_at = excluded.applied_at`,
  );

  const apply = db.transaction((book: PriceBook): boolean => {
    const current = version.get();
    if (current !== undefined && book.version <= current) return false;

    if (book.snapshot) clear.run();
    for (const item of book.items) {
      upsert.run(item.sku, item.price, book.currency, item.description ?? null, book.version);
    }
    setState.run(book.version, book.currency, isoAt(clock.now()));
    return true;
  });

  return {
    getPrice: (sku) => get.get(sku) ?? null,
    applyPriceBook: (book) => writeOrDiskFull(() => apply.immediate(book)),
    priceBookVersion: () => version.get() ?? null,
  };
}
