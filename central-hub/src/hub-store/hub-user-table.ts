import type Database from 'better-sqlite3';

/** MQTT users of the hub itself (not stores): their scrypt password hashes. */
export class HubUserTable {
  private readonly hashStmt: Database.Statement;
  private readonly saveStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.hashStmt = db.prepare('SELECT password_hash FROM hub_users WHERE username = ?').pluck();
    this.saveStmt = db.prepare(`
      INSERT INTO hub_users (username, password_hash, created_at) VALUES (?, ?, ?)
      ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash`);
  }

  passwordHashOf(username: string): string | null {
    return (this.hashStmt.get(username) as string | undefined) ?? null;
  }

  save(username: string, passwordHash: string, now: string): void {
    this.saveStmt.run(username, passwordHash, now);
  }
}
