import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { addStore, HUB_CREDENTIALS_FILE, type RunningHub } from '@storesync/central-hub';
import type { ErrorWithReasonCode, MqttClient } from 'mqtt';
import { tempDir } from '../support/temp-dir.js';
import {
  batchOf,
  connectStore,
  publishForAck,
  readHubDb,
  saleEvent,
  startTestHub,
  viewerSession,
} from './hub-fixtures.js';

/** A broken ACL or a lost ack shows as a failure, not a hang. */
const WAIT = { timeout: 20_000 };

const dirs: Array<{ remove(): void }> = [];
const running: RunningHub[] = [];
const clients: MqttClient[] = [];

after(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await Promise.all(running.map((h) => h.close()));
  for (const dir of dirs) dir.remove();
});

function freshDir(): string {
  const dir = tempDir('hub-life-');
  dirs.push(dir);
  return dir.path;
}

async function hubOn(dataDir: string, overrides = {}): Promise<RunningHub> {
  const hub = await startTestHub(dataDir, overrides);
  running.push(hub);
  return hub;
}

async function client(hub: RunningHub, user: string, password: string): Promise<MqttClient> {
  const connected = await connectStore(hub, user, password);
  clients.push(connected);
  return connected;
}

function hubCredentials(dataDir: string): { mqttUsername: string; mqttPassword: string } {
  return JSON.parse(readFileSync(join(dataDir, HUB_CREDENTIALS_FILE), 'utf8'));
}

test('a restarted hub keeps its stores and events', WAIT, async () => {
  const dataDir = freshDir();
  const { mqttPassword } = addStore(dataDir, 'S001', 'Downtown');
  const batch = batchOf('S001', [saleEvent('S001', 1), saleEvent('S001', 2)]);
  const first = await hubOn(dataDir);
  await publishForAck(await client(first, 'S001', mqttPassword), 'S001', batch);
  await first.close();

  const second = await hubOn(dataDir);
  // The same password still logs in, and a resend (the store lost our ack) is acked again.
  const ack = await publishForAck(await client(second, 'S001', mqttPassword), 'S001', batch);

  assert.equal(ack.accepted.length, 2);
  const headers = await viewerSession(second.httpUrl, dataDir);
  const res = await fetch(`${second.httpUrl}/api/stores`, { headers });
  const { stores } = (await res.json()) as { stores: Array<Record<string, unknown>> };
  assert.equal(stores.length, 1);
  assert.equal(stores[0]?.name, 'Downtown');
  assert.equal(stores[0]?.eventsReceived, 2);
  assert.equal(
    readHubDb(dataDir, (db) => db.events.count()),
    2,
  );
});

test(
  'the hub user is generated once, kept owner-only, and reads every store topic',
  WAIT,
  async () => {
    const dataDir = freshDir();
    await (await hubOn(dataDir)).close();
    const generated = hubCredentials(dataDir);
    assert.equal(statSync(join(dataDir, HUB_CREDENTIALS_FILE)).mode & 0o777, 0o600);

    const hub = await hubOn(dataDir);
    assert.deepEqual(hubCredentials(dataDir), generated);
    const tool = await connectStore(hub, generated.mqttUsername, generated.mqttPassword, {
      clientId: 'ops-tool',
    });
    clients.push(tool);
    const granted = await tool.subscribeAsync('storesync/v1/stores/+/acks', { qos: 1 });
    assert.equal(granted[0]?.qos, 1);
    await hub.close();

    // Removing the file rotates the password: the old one no longer logs in.
    rmSync(join(dataDir, HUB_CREDENTIALS_FILE));
    const rotated = await hubOn(dataDir);
    assert.notEqual(hubCredentials(dataDir).mqttPassword, generated.mqttPassword);
    const stale = connectStore(rotated, generated.mqttUsername, generated.mqttPassword);
    await assert.rejects(stale, (err: ErrorWithReasonCode) => err.code === 4);
  },
);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('/healthz is 200 when hub.db and MQTT are up and 503 naming what is down', WAIT, async () => {
  const up = await hubOn(freshDir());
  const ok = await fetch(`${up.httpUrl}/healthz`);
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { status: 'ok' });

  const mqttUrl = `mqtt://127.0.0.1:${await closedPort()}`;
  const down = await hubOn(freshDir(), { mqttUrl });
  const res = await fetch(`${down.httpUrl}/healthz`);
  assert.equal(res.status, 503);
  const body = (await res.json()) as { status: string; problems: string[] };
  assert.equal(body.status, 'unavailable');
  assert.deepEqual(body.problems, [`the hub is not subscribed on ${mqttUrl}`]);
});

test('/metrics counts ingest by outcome and the stores online', WAIT, async () => {
  const dataDir = freshDir();
  const { mqttPassword } = addStore(dataDir, 'S001');
  const hub = await hubOn(dataDir);
  const bad = saleEvent('S001', 2, { kind: 'layaway' });
  const store = await client(hub, 'S001', mqttPassword);
  await publishForAck(store, 'S001', batchOf('S001', [saleEvent('S001', 1), bad]));

  const res = await fetch(`${hub.httpUrl}/metrics`);
  const text = await res.text();

  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  assert.match(text, /^storesync_hub_batches_ingested_total 1$/m);
  assert.match(text, /^storesync_hub_events_accepted_total 1$/m);
  assert.match(text, /^storesync_hub_events_rejected_total\{code="UNKNOWN_KIND"\} 1$/m);
  assert.match(text, /^storesync_hub_ingest_commit_seconds_count 1$/m);
  assert.match(text, /^storesync_hub_stores_online 0$/m);
});

test('operators see what the hub refused, with the reason and the raw event', WAIT, async () => {
  const dataDir = freshDir();
  const { mqttPassword } = addStore(dataDir, 'S001');
  const hub = await hubOn(dataDir);
  const bad = saleEvent('S001', 2, { kind: 'layaway' });
  const store = await client(hub, 'S001', mqttPassword);
  await publishForAck(store, 'S001', batchOf('S001', [saleEvent('S001', 1), bad]));

  const anonymous = await fetch(`${hub.httpUrl}/api/rejected-events`);
  assert.equal(anonymous.status, 401);

  const headers = await viewerSession(hub.httpUrl, dataDir);
  const res = await fetch(`${hub.httpUrl}/api/rejected-events?storeId=S001`, { headers });
  const body = (await res.json()) as {
    rejectedEvents: Array<{ eventId: string | null; code: string; raw: string }>;
  };
  assert.equal(res.status, 200);
  assert.equal(body.rejectedEvents.length, 1);
  assert.equal(body.rejectedEvents[0]?.code, 'UNKNOWN_KIND');
  assert.match(body.rejectedEvents[0]?.raw ?? '', /layaway/);

  const badQuery = await fetch(`${hub.httpUrl}/api/rejected-events?limit=0`, { headers });
  assert.equal(badQuery.status, 400);
});
