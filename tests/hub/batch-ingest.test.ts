import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { addStore, type HubStore, openHubStore } from '@storesync/central-hub';
import { topics } from '@storesync/protocol';
import { tempDir } from '../support/temp-dir.js';
import { batchOf, ingestRig, readHubDb, saleEvent, statusOf } from './hub-fixtures.js';

const TOPIC = topics.events('S001', 'critical');
const dirs: Array<{ remove(): void }> = [];
let dataDir: string;
let store: HubStore;
let rig: ReturnType<typeof ingestRig>;

beforeEach(() => {
  const dir = tempDir('hub-ingest-');
  dirs.push(dir);
  dataDir = dir.path;
  addStore(dataDir, 'S001', 'Downtown');
  addStore(dataDir, 'S002', 'Uptown');
  store = openHubStore(dataDir);
  rig = ingestRig(store);
});

after(() => {
  store.close();
  for (const dir of dirs) dir.remove();
});

function ingest(batch: unknown, topic = TOPIC, clientStoreId: string | null = null) {
  const payload = typeof batch === 'string' ? batch : JSON.stringify(batch);
  return rig.batches.ingest(topic, Buffer.from(payload), clientStoreId);
}

async function metric(name: string): Promise<string> {
  return rig.context.metrics.registry.getSingleMetricAsString(name);
}

describe('batch ingest', () => {
  test('a valid batch is stored, committed and acked with every eventId', () => {
    const events = [saleEvent('S001', 1), saleEvent('S001', 2), saleEvent('S001', 3)];
    const batch = batchOf('S001', events);

    const outcome = ingest(batch);

    assert.equal(outcome.refusal, null);
    assert.deepEqual(
      outcome.ack?.accepted,
      events.map((e) => e.eventId),
    );
    assert.deepEqual(outcome.ack?.rejected, []);
    assert.equal(outcome.ack?.batchId, batch.batchId);
    assert.equal(outcome.ack?.storeId, 'S001');
    // Another connection sees the rows once ingest returns: the ack follows the commit.
    const stored = readHubDb(dataDir, (db) => db.events.get(String(events[0]?.eventId)));
    assert.equal(stored?.postingState, 'unposted');
    assert.equal(stored?.batchId, batch.batchId);
    assert.equal(stored?.receivedAt, '2026-11-27T15:00:00.000Z');
    assert.deepEqual(JSON.parse(stored?.envelope ?? 'null'), events[0]);
    assert.equal(store.stores.get('S001')?.eventsReceived, 3);
  });

  test('a repeated eventId is acked again but stored once', async () => {
    const events = [saleEvent('S001', 1), saleEvent('S001', 2)];
    ingest(batchOf('S001', events));

    const again = ingest(batchOf('S001', [...events, events[0]]));

    assert.deepEqual(
      again.ack?.accepted,
      events.map((e) => e.eventId),
    );
    assert.equal(again.stored, 0);
    assert.equal(again.duplicates, 3);
    assert.equal(store.events.count('S001'), 2);
    assert.equal(store.stores.get('S001')?.eventsReceived, 2);
    assert.match(await metric('storesync_hub_events_duplicate_total'), / 3$/m);
  });

  test('a bad event is rejected naming the field while its batch-mates are accepted', async () => {
    const good = [saleEvent('S001', 1), saleEvent('S001', 3)];
    const bad = saleEvent('S001', 2);
    (bad.body as { lines: Array<{ unitPrice: number }> }).lines[0] = {
      ...(bad.body as { lines: object[] }).lines[0],
      unitPrice: 19.99,
    } as { unitPrice: number };

    const outcome = ingest(batchOf('S001', [good[0], bad, good[1]]));

    assert.deepEqual(
      outcome.ack?.accepted,
      good.map((e) => e.eventId),
    );
    assert.equal(outcome.ack?.rejected.length, 1);
    const rejection = outcome.ack?.rejected[0];
    assert.equal(rejection?.eventId, bad.eventId);
    assert.equal(rejection?.code, 'VALIDATION_FAILED');
    assert.match(rejection?.message ?? '', /^body\.lines\[0\]\.unitPrice: /);
    assert.equal(store.events.get(String(bad.eventId)), null);

    const [logged] = store.rejected.list(10, 'S001');
    assert.equal(logged?.eventId, bad.eventId);
    assert.deepEqual(JSON.parse(logged?.raw ?? 'null'), bad);
    assert.match(
      await metric('storesync_hub_events_rejected_total'),
      /code="VALIDATION_FAILED"} 1/,
    );
  });

  test('unknown kinds, newer schema versions and foreign events get their own codes', () => {
    const unknownKind = saleEvent('S001', 1, { kind: 'layaway' });
    const newer = saleEvent('S001', 2, { schemaVersion: 2, body: { reshaped: true } });
    const foreign = saleEvent('S002', 3);
    const wrongClass = saleEvent('S001', 4, { class: 'finance' });
    const noId = saleEvent('S001', 5, { eventId: 42 });

    const outcome = ingest(batchOf('S001', [unknownKind, newer, foreign, wrongClass, noId]));

    const codes = Object.fromEntries(outcome.ack?.rejected.map((r) => [r.eventId, r]) ?? []);
    assert.equal(codes[String(unknownKind.eventId)]?.code, 'UNKNOWN_KIND');
    assert.equal(codes[String(newer.eventId)]?.code, 'UNSUPPORTED_SCHEMA_VERSION');
    assert.equal(codes[String(foreign.eventId)]?.code, 'STORE_MISMATCH');
    assert.equal(codes[String(wrongClass.eventId)]?.code, 'VALIDATION_FAILED');
    assert.match(codes[String(wrongClass.eventId)]?.message ?? '', /^class: /);
    // No string eventId: nothing to ack, but the operator still sees it.
    assert.equal(outcome.ack?.rejected.length, 4);
    assert.equal(store.rejected.list(10).length, 5);
    assert.equal(store.events.count(), 0);
  });

  test('a batch claiming another store is refused: no ack to either store, logged', async () => {
    const outcome = ingest(batchOf('S002', [saleEvent('S002', 1)]));

    assert.equal(outcome.ack, null);
    assert.equal(outcome.refusal?.code, 'STORE_MISMATCH');
    assert.equal(store.events.count(), 0);
    const [logged] = store.rejected.list(10);
    assert.equal(logged?.code, 'STORE_MISMATCH');
    assert.equal(logged?.storeId, 'S001');
    assert.equal(logged?.eventId, null);
    const refused = await metric('storesync_hub_messages_refused_total');
    assert.match(refused, /channel="events",code="STORE_MISMATCH"} 1/);
  });

  test("a client publishing on another store's topic is refused", () => {
    const outcome = ingest(batchOf('S001', [saleEvent('S001', 1)]), TOPIC, 'S002');

    assert.equal(outcome.ack, null);
    assert.equal(outcome.refusal?.code, 'STORE_MISMATCH');
    assert.equal(store.events.count(), 0);
  });

  test('a batch whose class is not its topic class is refused', () => {
    const outcome = ingest(batchOf('S001', [saleEvent('S001', 1)], 'inventory'));

    assert.equal(outcome.ack, null);
    assert.equal(outcome.refusal?.code, 'VALIDATION_FAILED');
    assert.match(outcome.refusal?.message ?? '', /^class: /);
  });

  test('bad JSON is logged and refused, and the next batch is still taken', () => {
    const outcome = ingest('{"batchId": "b1", "events": [');

    assert.equal(outcome.ack, null);
    assert.equal(outcome.refusal?.code, 'INVALID_JSON');
    const [logged] = store.rejected.list(10);
    assert.equal(logged?.raw, '{"batchId": "b1", "events": [');

    const next = ingest(batchOf('S001', [saleEvent('S001', 1)]));
    assert.equal(next.ack?.accepted.length, 1);
  });

  test('a batch that breaks the batch schema is refused naming the field', () => {
    const batch: Record<string, unknown> = batchOf('S001', [saleEvent('S001', 1)]);
    batch.sentAt = 'yesterday';

    const outcome = ingest(batch);

    assert.equal(outcome.refusal?.code, 'VALIDATION_FAILED');
    assert.match(outcome.refusal?.message ?? '', /^sentAt: /);
    assert.equal(store.rejected.list(10)[0]?.batchId, batch.batchId);
  });

  test('a batch from a store never added is not acked and not stored', async () => {
    const topic = topics.events('S999', 'critical');

    const outcome = ingest(batchOf('S999', [saleEvent('S999', 1)]), topic);

    assert.equal(outcome.ack, null);
    assert.equal(outcome.refusal, null);
    assert.equal(store.events.count(), 0);
    assert.match(await metric('storesync_hub_batches_unknown_store_total'), / 1$/m);
  });

  test('a commit that fails (disk full) sends no ack and leaves nothing half written', () => {
    const pages = Number(store.db.pragma('page_count', { simple: true }));
    store.db.pragma(`max_page_count = ${pages}`);
    const events = Array.from({ length: 200 }, (_, i) => saleEvent('S001', i + 1));

    const outcome = ingest(batchOf('S001', events));

    assert.equal(outcome.ack, null);
    assert.equal(outcome.refusal?.code, 'DISK_FULL');
    assert.equal(
      readHubDb(dataDir, (db) => db.events.count()),
      0,
    );
    assert.equal(store.stores.get('S001')?.eventsReceived, 0);
  });
});

describe('stored envelopes', () => {
  test('an event is stored byte for byte as the store sent it', () => {
    const event = saleEvent('S001', 1, { correlationId: 'till "R01" ],{ said: \\ ok' });
    const eventText = JSON.stringify(event, null, 2);
    const batch = batchOf('S001', []);
    const payload = `{ "batchId": "${batch.batchId}", "storeId": "S001",
      "class": "critical", "sentAt": "${batch.sentAt}",
      "events": [ ${eventText} ,${JSON.stringify(saleEvent('S001', 2))} ] }`;

    const outcome = ingest(payload);

    assert.equal(outcome.ack?.accepted.length, 2);
    assert.equal(store.events.get(String(event.eventId))?.envelope, eventText);
  });

  test('with a repeated events key the stored text is the event that was validated', () => {
    // JSON.parse keeps the last key, also when it is spelled with an escape.
    const batch = batchOf('S001', []);
    const head = JSON.stringify({ ...batch, events: undefined }).slice(1, -1);
    for (const lastKey of ['events', 'ev\\u0065nts']) {
      const eventId = String(saleEvent('S001', 1).eventId);
      const first = JSON.stringify(saleEvent('S001', 1, { eventId, body: { forged: true } }));
      const last = saleEvent('S001', 1, { eventId });
      const payload = `{"events":[${first}],${head},"${lastKey}":[${JSON.stringify(last)}]}`;

      const outcome = ingest(payload);

      assert.deepEqual(outcome.ack?.accepted, [eventId]);
      assert.deepEqual(JSON.parse(store.events.get(eventId)?.envelope ?? 'null'), last);
    }
  });
});

describe('status ingest', () => {
  test('a heartbeat marks the store online with its backlog, its will offline', () => {
    const topic = topics.status('S001');
    const online = statusOf('S001', 'online');

    assert.equal(rig.statuses.ingest(topic, JSON.stringify(online), null), 'recorded');
    const seen = store.stores.get('S001');
    assert.equal(seen?.online, true);
    assert.equal(seen?.agentVersion, '0.1.0');
    assert.deepEqual(seen?.backlog, online.backlog);
    assert.equal(seen?.lastSeen, '2026-11-27T15:00:00.000Z');

    // A will carries the time the agent connected: it still wins, being the newest news.
    const will = { ...statusOf('S001', 'offline'), at: '2026-11-27T08:00:00.000Z' };
    assert.equal(rig.statuses.ingest(topic, JSON.stringify(will), null), 'recorded');
    const gone = store.stores.get('S001');
    assert.equal(gone?.online, false);
    assert.deepEqual(gone?.backlog, online.backlog);
    assert.equal(gone?.lastSeen, '2026-11-27T15:00:00.000Z');
  });

  test('a status naming another store, or not JSON, is refused and logged', () => {
    const topic = topics.status('S001');

    assert.equal(
      rig.statuses.ingest(topic, JSON.stringify(statusOf('S002', 'online')), null),
      'refused',
    );
    assert.equal(rig.statuses.ingest(topic, 'offline', null), 'refused');
    assert.equal(
      rig.statuses.ingest(topics.status('S999'), JSON.stringify(statusOf('S999', 'online')), null),
      'unknown_store',
    );

    assert.deepEqual(
      store.rejected.list(10).map((r) => r.code),
      ['INVALID_JSON', 'STORE_MISMATCH'],
    );
    assert.equal(store.stores.get('S002')?.online, false);
  });
});
