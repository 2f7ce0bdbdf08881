import type Database from 'better-sqlite3';
import type { OperatorRole } from './operator-role.js';

/** A live session: who is behind a token, with the role the operator has now. */
export interface OperatorPrincipal {
  username: string;
  role: OperatorRole;
  /** ISO 8601; the token is refused from then on. */
  expiresAt: string;
}

/**
 * The `operator_sessions` table, keyed by the SHA-256 of the token. The role
 * is read from `operators` on every request, so a changed role or a disabled
 * account takes effect at once, not at the next login.
 */
export class SessionTable {
  private readonly insertStmt: Database.Statement;
  private readonly findStmt: Database.Statement;
  private readonly deleteStmt: Database.Statement;
  private readonly expireStmt: Database.Statement;
  private readonly revokeStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(`
      INSERT INTO operator_sessions (token_hash, username, created_at, expires_at)
      VALUES (?, ?, ?, ?)`);
    this.findStmt = db.prepare(`
      SELECT s.username, o.role, s.expires_at AS expiresAt
      FROM operator_sessions s JOIN operators o ON o.username = s.username
      WHERE s.token_hash = ? AND s.expires_at > ? AND o.disabled_at IS NULL`);
    this.deleteStmt = db.prepare('DELETE FROM operator_sessions WHERE token_hash = ?');
    this.expireStmt = db.prepare('DELETE FROM operator_sessions WHERE expires_at <= ?');
    this.revokeStmt = db.prepare('DELETE FROM operator_sessions WHERE username = ?');
  }

  insert(tokenHash: string, username: string, createdAt: string, expiresAt: string): void {
    this.insertStmt.run(tokenHash, username, createdAt, expiresAt);
  }

  /** The session of a token hash if it has not expired by `now` and its operator is enabled. */
  findActive(tokenHash: string, now: string): OperatorPrincipal | null {
    return (this.findStmt.get(tokenHash, now) as OperatorPrincipal | undefined) ?? null;
  }

  /** Ends one session; false when it was not there. */
  delete(tokenHash: string): boolean {
    return this.deleteStmt.run(tokenHash).changes > 0;
  }

  /** Drops sessions expired by `now`; returns how many. */
  deleteExpired(now: string): number {
    return this.expireStmt.run(now).changes;
  }

  /** Ends every session of an operator (new password, disabled account). */
  revokeAll(username: string): number {
    return this.revokeStmt.run(username).changes;
  }
}
