import type Database from 'better-sqlite3';
import { HubStoreSchemaError } from './errors.js';
import { HUB_MIGRATIONS, type HubMigration } from './migrations.js';

const HISTORY_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`;

/**
 * Brings hub.db up to the newest schema, each missing migration in its own
 * IMMEDIATE transaction (a second process opening the file at the same time,
 * such as `storesync hub add-store`, waits and then finds it done). Returns the
 * versions applied here; a file newer than this build is refused.
 */
export function migrateHubStore(
  db: Database.Database,
  migrations: readonly HubMigration[] = HUB_MIGRATIONS,
): number[] {
  db.exec(HISTORY_TABLE);

  const newestKnown = Math.max(0, ...migrations.map((m) => m.version));
  const current = appliedVersion(db);
  if (current > newestKnown) throw new HubStoreSchemaError(current, newestKnown);

  const pending = migrations.filter((m) => m.version > current);
  pending.sort((a, b) => a.version - b.version);
  return pending.filter((m) => applyOne(db, m)).map((m) => m.version);
}

/** The highest applied migration; 0 for a new file. */
export function appliedVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

function applyOne(db: Database.Database, migration: HubMigration): boolean {
  const apply = db.transaction(() => {
    if (appliedVersion(db) >= migration.version) return false;

    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      migration.version,
      migration.name,
      new Date().toISOString(),
    );
    db.pragma(`user_version = ${migration.version}`);
    return true;
  });

  return apply.immediate();
}
