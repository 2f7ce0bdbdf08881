import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  MIGRATIONS,
  type Migration,
  migrate,
  openStoreDb,
  StoreDbIdentityError,
  StoreDbPragmaError,
  StoreDbSchemaError,
  schemaVersion,
} from '@storesync/store-db';
import Database from 'better-sqlite3';
import { readCommitted, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
after(cleanup);

describe('opening the store database', () => {
  it('asserts WAL, synchronous=FULL, foreign keys, busy timeout on every open', async () => {
    const path = join(dir, 'reopen.db');
    const first = openStoreDb({ path, storeId: 'S001' });
    await first.close();

    // A plain connection to the same WAL file gets better-sqlite3's NORMAL default
    // (FACTS.md): this is what a reopen would run with if the pragmas were not set.
    const plain = new Database(path);
    assert.equal(plain.pragma('synchronous', { simple: true }), 1);
    plain.close();

    const reopened = openStoreDb({ path, storeId: 'S001' });
    assert.deepEqual(reopened.durability(), {
      journalMode: 'wal',
      synchronous: 2,
      foreignKeys: 1,
      busyTimeoutMs: 5000,
    });
    await reopened.close();
  });

  it('refuses with StoreDbPragmaError when a pragma does not read back (no WAL in memory)', () => {
    assert.throws(
      () => openStoreDb({ path: ':memory:', storeId: 'S001' }),
      (error: unknown) =>
        error instanceof StoreDbPragmaError &&
        error.details.pragma === 'journal_mode' &&
        error.details.actual === 'memory',
    );
  });

  it('applies each migration once and records it', async () => {
    const path = join(dir, 'migrated.db');
    await openStoreDb({ path, storeId: 'S001' }).close();
    await openStoreDb({ path, storeId: 'S001' }).close();

    const rows = readCommitted<{ version: number }>(path, 'SELECT version FROM schema_migrations');
    assert.deepEqual(
      rows.map((r) => r.version),
      MIGRATIONS.map((m) => m.version),
    );
    const [userVersion] = readCommitted<{ user_version: number }>(path, 'PRAGMA user_version');
    assert.equal(userVersion?.user_version, MIGRATIONS.at(-1)?.version);
  });

  it('rolls back a migration that fails half way and keeps the earlier ones', () => {
    const db = new Database(join(dir, 'broken-migration.db'));
    const broken: Migration = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);',
    };
    const good: Migration = { version: 1, name: 'good', sql: 'CREATE TABLE good (id INTEGER);' };

    assert.throws(() => migrate(db, [good, broken]), /no such table/);

    assert.equal(schemaVersion(db), 1);
    const halfDone = db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").all();
    assert.deepEqual(halfDone, []);
    db.close();
  });

  it('refuses a file written by a newer schema', async () => {
    const path = join(dir, 'newer.db');
    await openStoreDb({ path, storeId: 'S001' }).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'from the future', 'x')").run();
    db.close();

    assert.throws(
      () => openStoreDb({ path, storeId: 'S001' }),
      (error: unknown) => error instanceof StoreDbSchemaError && error.details.fileVersion === 999,
    );
  });

  it("refuses another store's file", async () => {
    const path = join(dir, 'owned.db');
    await openStoreDb({ path, storeId: 'S001' }).close();

    assert.throws(
      () => openStoreDb({ path, storeId: 'S002' }),
      (error: unknown) => error instanceof StoreDbIdentityError && error.code === 'STORE_MISMATCH',
    );
  });

  it('refuses a store id the topics cannot carry', () => {
    assert.throws(
      () => openStoreDb({ path: join(dir, 'bad-id.db'), storeId: 'S 001/#' }),
      (error: unknown) => (error as { code?: string }).code === 'VALIDATION_FAILED',
    );
  });

  it('creates the folder of the file', async () => {
    const db = openStoreDb({ path: join(dir, 'nested', 'deeper', 'store.db'), storeId: 'S001' });
    assert.equal(db.storeId, 'S001');
    await db.close();
  });
});
