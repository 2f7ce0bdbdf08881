import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addStore, type RunningHub } from '@storesync/central-hub';
import { topics } from '@storesync/protocol';
import type { ErrorWithReasonCode, ErrorWithSubackPacket, MqttClient } from 'mqtt';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';
import {
  batchOf,
  connectStore,
  nextMessage,
  publishForAck,
  readHubDb,
  saleEvent,
  startTestHub,
  statusOf,
  viewerSession,
} from './hub-fixtures.js';

/** A broken ACL or a lost ack shows as a failure, not a hang. */
const WAIT = { timeout: 20_000 };

const dir = tempDir('hub-broker-');
const clients: MqttClient[] = [];
let hub: RunningHub;
let s001: string;
let s002: string;
let api: { authorization: string };

before(async () => {
  s001 = addStore(dir.path, 'S001').mqttPassword;
  s002 = addStore(dir.path, 'S002').mqttPassword;
  hub = await startTestHub(dir.path);
  api = await viewerSession(hub.httpUrl, dir.path);
});

after(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await hub.close();
  dir.remove();
});

async function store(storeId: string, password: string, options = {}): Promise<MqttClient> {
  const client = await connectStore(hub, storeId, password, options);
  clients.push(client);
  return client;
}

async function refusedCode(connecting: Promise<MqttClient>): Promise<number | undefined> {
  const err = await connecting.then(
    (client) => {
      clients.push(client);
      return null;
    },
    (e: ErrorWithReasonCode) => e,
  );
  assert.ok(err, 'the broker accepted the connection');
  return err.code;
}

describe('embedded broker login', () => {
  test('an unknown store cannot connect', WAIT, async () => {
    assert.equal(await refusedCode(connectStore(hub, 'S404', s001)), 4);
  });

  test('a known store with a wrong password cannot connect', WAIT, async () => {
    assert.equal(await refusedCode(connectStore(hub, 'S001', s002)), 4);
  });

  test("a store cannot take over another store's client id (and its session)", WAIT, async () => {
    await store('S002', s002, { clientId: 'shared-till-id' });
    const takeover = connectStore(hub, 'S001', s001, { clientId: 'shared-till-id' });
    assert.equal(await refusedCode(takeover), 2);
  });
});

describe('embedded broker ACL', () => {
  test("a store's publish under another store never reaches the hub", WAIT, async () => {
    const intruder = await store('S001', s001);
    const forged = batchOf('S002', [saleEvent('S002', 1)]);

    // MQTT 3.1.1 has no negative PUBACK: the broker drops the message and the link.
    const dropped = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
    intruder.publish(topics.events('S002', 'critical'), JSON.stringify(forged), { qos: 1 });
    await dropped;

    // The hub commits messages in order: once a later batch is acked, the forged
    // one would have been stored already if the broker had let it through.
    const owner = await store('S002', s002);
    const genuine = batchOf('S002', [saleEvent('S002', 2)]);
    const ack = await publishForAck(owner, 'S002', genuine);
    assert.equal(ack.accepted.length, 1);
    const forgedId = String((forged.events as Array<{ eventId: string }>)[0]?.eventId);
    assert.equal(
      readHubDb(dir.path, (db) => db.events.get(forgedId)),
      null,
    );
  });

  test("a store cannot subscribe to another store's acks", WAIT, async () => {
    const snoop = await store('S001', s001);

    const filters = [topics.acks('S002'), 'storesync/v1/stores/+/acks', topics.acks('S001')];
    const refused = await snoop.subscribeAsync(filters, { qos: 1 }).then(
      () => null,
      (err: ErrorWithSubackPacket) => err,
    );
    // SUBACK failure 0x80 for both foreign filters; its own acks are granted QoS 1.
    assert.deepEqual(refused?.packet?.granted, [0x80, 0x80, 1]);

    // An ack for S002 goes out, then one for S001: S001 gets only its own.
    const owner = await store('S002', s002);
    const seen: string[] = [];
    snoop.on('message', (topic) => seen.push(topic));
    await publishForAck(owner, 'S002', batchOf('S002', [saleEvent('S002', 3)]));
    const own = nextMessage(snoop, topics.acks('S001'));
    await snoop.publishAsync(
      topics.events('S001', 'critical'),
      JSON.stringify(batchOf('S001', [saleEvent('S001', 1)])),
      { qos: 1 },
    );
    await own;
    assert.deepEqual(seen, [topics.acks('S001')]);
  });
});

describe('embedded broker ingest', () => {
  test('a batch from a real client is acked once it is in hub.db', WAIT, async () => {
    const client = await store('S001', s001);
    const events = [saleEvent('S001', 10), saleEvent('S001', 11)];

    const ack = await publishForAck(client, 'S001', batchOf('S001', events));

    assert.deepEqual(
      ack.accepted,
      events.map((e) => e.eventId),
    );
    const stored = readHubDb(dir.path, (db) => events.map((e) => db.events.get(String(e.eventId))));
    assert.ok(stored.every((row) => row?.postingState === 'unposted'));
  });

  test('heartbeats and the last will drive the store registry and /api/stores', WAIT, async () => {
    const status = topics.status('S002');
    const will = {
      topic: status,
      payload: Buffer.from(JSON.stringify(statusOf('S002', 'offline'))),
      qos: 1 as const,
      retain: true,
    };
    const client = await store('S002', s002, { will, clientId: 'storesync-agent-S002-status' });
    await client.publishAsync(status, JSON.stringify(statusOf('S002', 'online')), {
      qos: 1,
      retain: true,
    });

    const online = await waitFor('S002 online', () => storeRow('S002').then((s) => s?.online && s));
    assert.equal(online.backlog?.critical?.depth, 3);
    assert.equal(online.agentVersion, '0.1.0');

    // A power cut: the socket goes away without DISCONNECT, so the broker sends the will.
    client.stream.destroy();
    await waitFor('S002 offline', () => storeRow('S002').then((s) => s?.online === false && s));
  });
});

interface StoreRow {
  storeId: string;
  online: boolean;
  agentVersion: string | null;
  backlog: Record<string, { depth: number }> | null;
  eventsReceived: number;
}

async function storeRow(storeId: string): Promise<StoreRow | undefined> {
  const res = await fetch(`${hub.httpUrl}/api/stores`, { headers: api });
  const body = (await res.json()) as { stores: StoreRow[] };
  return body.stores.find((s) => s.storeId === storeId);
}
