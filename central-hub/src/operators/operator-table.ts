import type Database from 'better-sqlite3';
import type { OperatorRole } from './operator-role.js';

/** One console operator as hub.db keeps it. */
export interface OperatorAccount {
  username: string;
  passwordHash: string;
  role: OperatorRole;
  createdAt: string;
  /** When the account was disabled; null while it may log in. */
  disabledAt: string | null;
}

interface OperatorRow {
  username: string;
  password_hash: string;
  role: OperatorRole;
  created_at: string;
  disabled_at: string | null;
}

/** The `operators` table: who may log in to the console, with which role. */
export class OperatorTable {
  private readonly getStmt: Database.Statement;
  private readonly saveStmt: Database.Statement;
  private readonly disableStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare('SELECT * FROM operators WHERE username = ?');
    this.saveStmt = db.prepare(`
      INSERT INTO operators (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (username) DO UPDATE SET
        password_hash = excluded.password_hash, role = excluded.role, disabled_at = NULL`);
    this.disableStmt = db.prepare(
      'UPDATE operators SET disabled_at = ? WHERE username = ? AND disabled_at IS NULL',
    );
  }

  get(username: string): OperatorAccount | null {
    const row = this.getStmt.get(username) as OperatorRow | undefined;
    if (row === undefined) return null;
    return {
      username: row.username,
      passwordHash: row.password_hash,
      role: row.role,
      createdAt: row.created_at,
      disabledAt: row.disabled_at,
    };
  }

  /** Adds an operator, or gives an existing one a new password and role and enables it. */
  save(username: string, passwordHash: string, role: OperatorRole, now: string): void {
    this.saveStmt.run(username, passwordHash, role, now);
  }

  /** Stops the operator from logging in; false when there is no such enabled operator. */
  disable(username: string, now: string): boolean {
    return this.disableStmt.run(now, username).changes > 0;
  }
}
