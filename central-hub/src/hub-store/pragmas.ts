import type Database from 'better-sqlite3';
import { HubStorePragmaError } from './errors.js';

const BUSY_TIMEOUT_MS = 5000;
const SYNCHRONOUS_FULL = 2;
/** Keeps the WAL from staying large after a burst such as a store's drained backlog. */
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

const REQUIRED: ReadonlyArray<{ pragma: string; value: string | number }> = [
  { pragma: 'journal_mode', value: 'wal' },
  { pragma: 'synchronous', value: SYNCHRONOUS_FULL },
  { pragma: 'foreign_keys', value: 1 },
  { pragma: 'busy_timeout', value: BUSY_TIMEOUT_MS },
];

/**
 * Sets the durability pragmas and reads them back. They are per connection, and
 * better-sqlite3 opens an existing WAL file with synchronous=NORMAL (FACTS.md), so
 * this runs on every open and refuses to go on if one did not stick: an ack sent
 * after a commit that a power cut can undo would lose the store's sale.
 */
export function applyDurabilityPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);

  for (const { pragma, value } of REQUIRED) {
    const actual = db.pragma(pragma, { simple: true });
    if (actual !== value) throw new HubStorePragmaError(pragma, value, actual);
  }
}
