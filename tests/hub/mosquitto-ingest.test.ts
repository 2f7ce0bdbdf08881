import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { addStore } from '@storesync/central-hub';
import { topics } from '@storesync/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import { requireService } from '../support/services.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';
import {
  type AckMessage,
  batchOf,
  publishForAck,
  readHubDb,
  saleEvent,
  startTestHub,
  statusOf,
} from './hub-fixtures.js';

/** A broken ACL or a lost ack shows as a failure, not a hang. */
const WAIT = { timeout: 20_000 };

const MOSQUITTO = 'mqtt://127.0.0.1:1883';

function connect(clientId: string, clean = true): Promise<MqttClient> {
  return mqtt.connectAsync(MOSQUITTO, { clientId, clean, protocolVersion: 4, reconnectPeriod: 0 });
}

/** Ends the hub's persistent session so the shared broker stops queueing for it. */
async function dropSession(clientId: string): Promise<void> {
  const session = await connect(clientId, true);
  await session.endAsync();
}

test('the hub ingests and acks through an external Mosquitto', WAIT, async (t) => {
  if (!(await requireService(t, 'Mosquitto', 1883))) return;

  // The broker is shared with other test runs: ids of this run only.
  const run = randomUUID().slice(0, 8);
  const storeId = `T${run}`;
  const otherId = `U${run}`;
  const hubClientId = `storesync-hub-test-${run}`;
  const dir = tempDir('hub-mosquitto-');
  addStore(dir.path, storeId);
  addStore(dir.path, otherId);
  const hub = await startTestHub(dir.path, { mqttUrl: MOSQUITTO, mqttClientId: hubClientId });
  const store = await connect(`storesync-agent-${storeId}`);
  const other = await connect(`storesync-agent-${otherId}`);
  t.after(async () => {
    await store.publishAsync(topics.status(storeId), '', { qos: 1, retain: true });
    await Promise.all([store.endAsync(), other.endAsync(), hub.close()]);
    await dropSession(hubClientId);
    dir.remove();
  });
  assert.equal(hub.mqttUrl, MOSQUITTO);

  await t.test('a valid batch is acked after it is in hub.db', WAIT, async () => {
    const events = [saleEvent(storeId, 1), saleEvent(storeId, 2)];

    const ack = await publishForAck(store, storeId, batchOf(storeId, events));

    assert.deepEqual(
      ack.accepted,
      events.map((e) => e.eventId),
    );
    assert.equal(
      readHubDb(dir.path, (db) => db.events.count(storeId)),
      2,
    );
  });

  await t.test(
    "a batch claiming another store on this store's topic is never acked",
    WAIT,
    async () => {
      // No broker ACL to lean on here: the hub itself must refuse the mismatch.
      await other.subscribeAsync(topics.acks(otherId), { qos: 1 });
      const otherAcks: AckMessage[] = [];
      other.on('message', (_topic, payload) => otherAcks.push(JSON.parse(payload.toString())));
      const forged = batchOf(otherId, [saleEvent(otherId, 1)]);
      await store.publishAsync(topics.events(storeId, 'critical'), JSON.stringify(forged), {
        qos: 1,
      });

      // Same topic, so the hub takes the forged batch before this one.
      await publishForAck(store, storeId, batchOf(storeId, [saleEvent(storeId, 3)]));

      const rejected = readHubDb(dir.path, (db) => db.rejected.list(10, storeId));
      assert.deepEqual(
        rejected.map((r) => [r.code, r.batchId]),
        [['STORE_MISMATCH', forged.batchId]],
      );
      assert.equal(
        readHubDb(dir.path, (db) => db.events.count(otherId)),
        0,
      );
      assert.deepEqual(otherAcks, []);
    },
  );

  await t.test("a heartbeat updates the store's registry entry", WAIT, async () => {
    const status = JSON.stringify(statusOf(storeId, 'online'));
    await store.publishAsync(topics.status(storeId), status, { qos: 1, retain: true });

    const seen = await waitFor('store online', () =>
      readHubDb(dir.path, (db) => db.stores.get(storeId)?.online),
    );
    assert.equal(seen, true);
  });
});
