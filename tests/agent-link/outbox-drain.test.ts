import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { eventBatch } from '@storesync/protocol';
import { OutboxDrain } from '../../agent/src/link/outbox-drain.js';
import {
  captureSales,
  drainStore,
  linkOptions,
  type PublishedBatch,
  parseBatch,
  silentLogger,
} from './fixtures.js';

function drainWith(
  db: ReturnType<typeof drainStore>['db'],
  windowSize: number,
  ackTimeoutMs = 60_000,
) {
  const published: PublishedBatch[] = [];
  const payloads: string[] = [];
  const drain = new OutboxDrain({
    db,
    storeId: 'S001',
    logger: silentLogger,
    options: linkOptions({ windowSize, maxBatchEvents: 10, ackTimeoutMs }),
    publish: async (topic, payload) => {
      payloads.push(payload);
      published.push(parseBatch(topic, payload));
    },
  });
  return { drain, published, payloads };
}

function ackAll(drain: OutboxDrain, batch: PublishedBatch): void {
  drain.handleAck({
    batchId: batch.batchId,
    storeId: 'S001',
    accepted: batch.eventIds,
    rejected: [],
    ackedAt: new Date().toISOString(),
  });
}

test('critical events go before inventory and finance', async () => {
  const store = drainStore();
  await store.db.capture({
    kind: 'day_close',
    correlationId: 'dc',
    dayClose: {
      businessDate: '2026-11-27',
      closedAt: '2026-11-27T22:00:00.000Z',
      currency: 'USD',
      transactionCount: 3,
      totals: [{ method: 'card', amount: 5997 }],
    },
  });
  await store.db.capture({
    kind: 'inventory_adjustment',
    correlationId: 'adj',
    adjustment: {
      adjustmentId: 'ADJ-1',
      reason: 'receipt',
      occurredAt: '2026-11-27T10:00:00.000Z',
      lines: [{ sku: 'SKU-0001', quantity: 12 }],
      counterpartyStoreId: null,
      reference: null,
    },
  });
  await captureSales(store.db, 1, 3);

  const { drain, published } = drainWith(store.db, 1);
  drain.linkUp();
  await tick();
  for (let i = 0; i < 3; i++) {
    const last = published.at(-1);
    assert.ok(last);
    ackAll(drain, last);
    await tick();
    await tick();
  }

  assert.deepEqual(
    published.map((b) => b.class),
    ['critical', 'inventory', 'finance'],
  );
  assert.match(published[0]?.topic ?? '', /^storesync\/v1\/stores\/S001\/events\/critical$/);
  drain.linkDown();
  await store.done();
});

test('a batch on the wire is a valid eventBatch built from the stored envelopes', async () => {
  const store = drainStore();
  await captureSales(store.db, 1, 5);
  const { drain, payloads } = drainWith(store.db, 1);

  drain.linkUp();
  await tick();

  const batch = eventBatch.parse(JSON.parse(payloads[0] ?? 'null'));
  assert.equal(batch.storeId, 'S001');
  assert.equal(batch.events.length, 5);
  drain.linkDown();
  await store.done();
});

test('events leave the outbox on the hub ack, not on the broker PUBACK', async () => {
  const store = drainStore();
  await captureSales(store.db, 1, 25);
  const { drain, published } = drainWith(store.db, 8);

  drain.linkUp();
  await tick();
  assert.equal(published.length, 3, '25 events in batches of 10');
  assert.equal(store.db.backlog().critical.depth, 25, 'published but unacked: still queued');

  for (const batch of published) ackAll(drain, batch);
  assert.equal(store.db.backlog().critical.depth, 0);
  drain.linkDown();
  await store.done();
});

test('the window bounds unacknowledged batches', async () => {
  const store = drainStore();
  await captureSales(store.db, 1, 100);
  const { drain, published } = drainWith(store.db, 2);

  drain.linkUp();
  await tick();
  await tick();
  assert.equal(published.length, 2, 'only two batches before any ack');

  const first = published[0];
  assert.ok(first);
  ackAll(drain, first);
  await tick();
  await tick();
  assert.equal(published.length, 3, 'one ack lets exactly one more batch out');
  drain.linkDown();
  await store.done();
});

test('rejected events become problems and never block the rest', async () => {
  const store = drainStore();
  await captureSales(store.db, 1, 10);
  const { drain, published } = drainWith(store.db, 1);
  drain.linkUp();
  await tick();

  const batch = published[0];
  assert.ok(batch);
  const [bad, ...good] = batch.eventIds;
  drain.handleAck({
    batchId: batch.batchId,
    storeId: 'S001',
    accepted: good,
    rejected: [{ eventId: bad ?? '', code: 'VALIDATION_FAILED', message: 'lines[0].sku: unknown' }],
    ackedAt: new Date().toISOString(),
  });

  assert.equal(store.db.backlog().critical.depth, 0);
  assert.deepEqual(
    store.db.problems().map((p) => [p.eventId, p.code]),
    [[bad, 'VALIDATION_FAILED']],
  );
  drain.linkDown();
  await store.done();
});

test('a batch with no ack in time is released and sent again', async () => {
  const store = drainStore();
  await captureSales(store.db, 1, 5);
  const { drain, published } = drainWith(store.db, 1, 20);

  drain.linkUp();
  await tick();
  assert.equal(published.length, 1);

  await new Promise((resolve) => setTimeout(resolve, 60));
  store.advance(10 * 60_000);
  drain.pump();
  await tick();

  assert.equal(published.length, 2, 'resent after the ack timeout and backoff');
  assert.deepEqual(published[1]?.eventIds, published[0]?.eventIds);
  assert.notEqual(published[1]?.batchId, published[0]?.batchId);
  drain.linkDown();
  await store.done();
});

test('a late ack of the first send still settles the events', async () => {
  const store = drainStore();
  await captureSales(store.db, 1, 5);
  const { drain, published } = drainWith(store.db, 1);

  drain.linkUp();
  await tick();
  drain.linkDown();
  drain.linkUp();
  await tick();
  await tick();
  await tick();
  assert.equal(published.length, 2, 'reconnect resends what was in flight');

  const first = published[0];
  assert.ok(first);
  ackAll(drain, first);
  assert.equal(store.db.backlog().critical.depth, 0);
  drain.linkDown();
  await store.done();
});
