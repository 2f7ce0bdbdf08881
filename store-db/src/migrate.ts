import type Database from 'better-sqlite3';
import { writeOrDiskFull } from './disk-errors.js';
import { StoreDbSchemaError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

const HISTORY_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`;

/**
 * Brings the file up to the newest schema: each missing migration in its own
 * IMMEDIATE transaction, recorded in `schema_migrations` and `user_version`.
 * Returns the versions it applied. A file newer than this build is refused.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  writeOrDiskFull(() => db.exec(HISTORY_TABLE));

  const newestKnown = Math.max(0, ...migrations.map((m) => m.version));
  const current = schemaVersion(db);
  if (current > newestKnown) throw new StoreDbSchemaError(current, newestKnown);

  const pending = [...migrations]
    .filter((m) => m.version > current)
    .sort((a, b) => a.version - b.version);
  const applied: number[] = [];
  for (const migration of pending) {
    if (writeOrDiskFull(() => applyOne(db, migration))) applied.push(migration.version);
  }
  return applied;
}

/** The highest applied migration, 0 for a new file. */
export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/** Applies one migration unless another process did it first; true if applied here. */
function applyOne(db: Database.Database, migration: Migration): boolean {
  const apply = db.transaction(() => {
    if (schemaVersion(db) >= migration.version) return false;

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
