import type Database from 'better-sqlite3';
import { StoreDbPragmaError } from './errors.js';
import type { DurabilitySettings } from './types.js';

const BUSY_TIMEOUT_MS = 5000;
const SYNCHRONOUS_FULL = 2;
/** Keeps the WAL from staying huge after a burst (a drained backlog of 200k events). */
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Sets the durability pragmas and reads them back. They are per connection and
 * better-sqlite3 defaults a reopened WAL file to synchronous=NORMAL (FACTS.md),
 * so this runs on every open and refuses to go on if any did not stick.
 */
export function applyDurabilityPragmas(db: Database.Database, maxPageCount?: number): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  if (maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.trunc(maxPageCount)}`);

  assertDurability(readDurability(db));
}

/** The live values of the connection, as SQLite reports them. */
export function readDurability(db: Database.Database): DurabilitySettings {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    foreignKeys: Number(db.pragma('foreign_keys', { simple: true })),
    busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
  };
}

/** What each durability pragma must read back as, by the pragma's own name. */
const REQUIRED: ReadonlyArray<{ pragma: string; key: keyof DurabilitySettings; value: unknown }> = [
  { pragma: 'journal_mode', key: 'journalMode', value: 'wal' },
  { pragma: 'synchronous', key: 'synchronous', value: SYNCHRONOUS_FULL },
  { pragma: 'foreign_keys', key: 'foreignKeys', value: 1 },
  { pragma: 'busy_timeout', key: 'busyTimeoutMs', value: BUSY_TIMEOUT_MS },
];

/** Throws `StoreDbPragmaError` naming the first setting that is not what durability needs. */
export function assertDurability(actual: DurabilitySettings): void {
  for (const { pragma, key, value } of REQUIRED) {
    if (actual[key] !== value) throw new StoreDbPragmaError(pragma, value, actual[key]);
  }
}
