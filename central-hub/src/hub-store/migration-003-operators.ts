import type { HubMigration } from './migrations.js';

/**
 * Console operators, their sessions, and the audit log of what they did.
 *
 * Sessions keep only the SHA-256 of their token: a copy of hub.db does not let
 * anyone act as a logged-in operator. The audit log is append-only; triggers
 * refuse UPDATE and DELETE so that a bug or a hand-typed statement cannot
 * rewrite who replayed or discarded what.
 */
export const OPERATORS_MIGRATION: HubMigration = {
  version: 3,
  name: 'operators, sessions and audit log',
  sql: `
  CREATE TABLE operators (
    username TEXT PRIMARY KEY,
    -- scrypt parameters, salt and derived key in one string (credentials/passwords.ts)
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('operator', 'viewer')),
    created_at TEXT NOT NULL,
    disabled_at TEXT
  ) STRICT;

  CREATE TABLE operator_sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES operators (username) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX operator_sessions_by_expiry ON operator_sessions (expires_at);
  CREATE INDEX operator_sessions_by_username ON operator_sessions (username);

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    -- the operator who acted, or the username tried in a failed login; null for the CLI
    username TEXT,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
    -- JSON array of what was acted on, e.g. dead letter ids
    target_ids TEXT NOT NULL DEFAULT '[]',
    reason TEXT,
    request_id TEXT,
    -- JSON object with the result or the error
    detail TEXT
  ) STRICT;
  CREATE INDEX audit_log_by_action ON audit_log (action, id);

  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
};
