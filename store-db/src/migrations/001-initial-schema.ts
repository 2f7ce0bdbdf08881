import type { Migration } from './migration.js';

/**
 * The first store schema. Tables are STRICT so that a fractional amount of money
 * or a text where an integer belongs is refused by SQLite itself.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
    CREATE TABLE store_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      store_id TEXT NOT NULL,
      last_seq INTEGER NOT NULL,
      last_ack_at INTEGER
    ) STRICT;

    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL UNIQUE,
      class_rank INTEGER NOT NULL CHECK (class_rank BETWEEN 0 AND 3),
      kind TEXT NOT NULL,
      correlation_id TEXT NOT NULL,
      envelope TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'acked', 'rejected')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      settled_at INTEGER,
      reject_code TEXT,
      reject_message TEXT
    ) STRICT;

    -- The drain walks one class in seq order and skips rows not yet due from the
    -- index itself; next_attempt_at last so the walk never sorts (see outbox.ts).
    CREATE INDEX outbox_claim ON outbox (state, class_rank, seq, next_attempt_at);

    CREATE TABLE transactions (
      transaction_id TEXT PRIMARY KEY,
      type TEXT NOT NULL CHECK (type IN ('sale', 'return', 'void')),
      terminal_id TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      currency TEXT NOT NULL,
      total INTEGER NOT NULL,
      original_transaction_id TEXT,
      raw_json TEXT NOT NULL,
      review_flags TEXT NOT NULL,
      event_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      captured_at TEXT NOT NULL
    ) STRICT;

    CREATE INDEX transactions_review ON transactions (seq) WHERE review_flags <> '[]';

    CREATE TABLE inventory_adjustments (
      adjustment_id TEXT PRIMARY KEY,
      reason TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      raw_json TEXT NOT NULL,
      event_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      captured_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE day_closes (
      business_date TEXT PRIMARY KEY,
      closed_at TEXT NOT NULL,
      currency TEXT NOT NULL,
      raw_json TEXT NOT NULL,
      event_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      captured_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE quarantine (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      source TEXT NOT NULL,
      reason TEXT NOT NULL,
      raw_body TEXT NOT NULL,
      raw_bytes INTEGER NOT NULL,
      received_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE prices (
      sku TEXT PRIMARY KEY,
      price INTEGER NOT NULL,
      currency TEXT NOT NULL,
      description TEXT,
      version INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE price_book_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,
      currency TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT;
  `,
};
