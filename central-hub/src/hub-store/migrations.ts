import { POSTING_MIGRATION } from './migration-002-posting.js';
import { OPERATORS_MIGRATION } from './migration-003-operators.js';

/** One step of the hub.db schema; applied once, in version order, in its own transaction. */
export interface HubMigration {
  version: number;
  name: string;
  sql: string;
}

const INITIAL_SCHEMA = `
  CREATE TABLE stores (
    store_id TEXT PRIMARY KEY,
    name TEXT,
    -- scrypt parameters, salt and derived key in one string (credentials/passwords.ts)
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT,
    state TEXT NOT NULL DEFAULT 'offline' CHECK (state IN ('online', 'offline')),
    status_at TEXT,
    agent_version TEXT,
    backlog_json TEXT,
    events_received INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    class TEXT NOT NULL,
    kind TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    captured_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    envelope TEXT NOT NULL,
    posting_state TEXT NOT NULL DEFAULT 'unposted'
  ) STRICT;
  CREATE INDEX events_by_store_seq ON events (store_id, seq);
  -- the posting pipeline reads unposted events in arrival (rowid) order
  CREATE INDEX events_unposted ON events (posting_state) WHERE posting_state = 'unposted';

  CREATE TABLE rejected_events (
    id INTEGER PRIMARY KEY,
    event_id TEXT,
    store_id TEXT,
    batch_id TEXT,
    topic TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    raw TEXT NOT NULL,
    raw_truncated INTEGER NOT NULL DEFAULT 0,
    rejected_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX rejected_events_by_store ON rejected_events (store_id, id);

  CREATE TABLE hub_users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
`;

/** Every hub.db migration; a new one is appended with the next version, never edited. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [
  { version: 1, name: 'stores, events, rejected events, hub users', sql: INITIAL_SCHEMA },
  POSTING_MIGRATION,
  OPERATORS_MIGRATION,
];
