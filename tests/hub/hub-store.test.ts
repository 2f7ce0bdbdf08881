import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { addStore, HUB_MQTT_USERNAME, openHubStore } from '@storesync/central-hub';
import { StoresyncError } from '@storesync/protocol';
import { HUB_MIGRATIONS } from '../../central-hub/src/hub-store/migrations.js';
import { tempDir } from '../support/temp-dir.js';

const dirs: Array<{ remove(): void }> = [];
after(() => {
  for (const dir of dirs) dir.remove();
});

function freshDir(): string {
  const dir = tempDir('hub-store-');
  dirs.push(dir);
  return dir.path;
}

test('every open of hub.db is WAL with synchronous=FULL, including reopens', () => {
  const dataDir = freshDir();
  for (let open = 0; open < 2; open++) {
    const store = openHubStore(dataDir);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    // better-sqlite3 reopens a WAL file at NORMAL unless told otherwise (FACTS.md).
    assert.equal(store.db.pragma('synchronous', { simple: true }), 2);
    store.close();
  }
});

test('migrations run once and a hub.db from a newer build is refused', () => {
  const dataDir = freshDir();
  const first = openHubStore(dataDir);
  const versions = first.db.prepare('SELECT version FROM schema_migrations').pluck().all();
  assert.deepEqual(
    versions,
    HUB_MIGRATIONS.map((m) => m.version),
  );
  first.db
    .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'x', 'now')")
    .run();
  first.close();

  assert.throws(
    () => openHubStore(dataDir),
    (err: unknown) => err instanceof StoresyncError && /schema version 99/.test(err.message),
  );
});

test('add-store keeps only a scrypt hash and gives a re-added store a new password', () => {
  const dataDir = freshDir();

  const first = addStore(dataDir, 'S001', 'Downtown');
  const second = addStore(dataDir, 'S001');

  assert.deepEqual(Object.keys(first), ['storeId', 'mqttUsername', 'mqttPassword']);
  assert.equal(first.mqttUsername, 'S001');
  assert.notEqual(first.mqttPassword, second.mqttPassword);
  const store = openHubStore(dataDir);
  const hash = store.stores.passwordHashOf('S001') ?? '';
  assert.match(hash, /^scrypt\$16384\$8\$1\$/);
  assert.ok(!hash.includes(second.mqttPassword));
  assert.equal(store.stores.get('S001')?.name, 'Downtown');
  store.close();
});

test('add-store refuses ids that cannot be one MQTT topic level or are the hub user', () => {
  const dataDir = freshDir();
  for (const bad of ['S/001', '', 'S 001', HUB_MQTT_USERNAME]) {
    assert.throws(
      () => addStore(dataDir, bad),
      (err: unknown) => err instanceof StoresyncError && err.code === 'VALIDATION_FAILED',
      `accepted ${JSON.stringify(bad)}`,
    );
  }
});
