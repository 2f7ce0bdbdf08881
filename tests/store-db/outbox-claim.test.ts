import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  adjustmentRequest,
  dayCloseRequest,
  manualClock,
  readCommitted,
  saleRequest,
  tempStoreDb,
} from './helpers.js';

const HUGE = 1e9;

describe('claimBatch', () => {
  it('takes the highest class with due events, in seq order, marks them in flight', async () => {
    const store = tempStoreDb();
    await store.db.captureMany([
      dayCloseRequest('2026-11-27'),
      adjustmentRequest('ADJ-1'),
      saleRequest('S-1'),
      adjustmentRequest('ADJ-2'),
      saleRequest('S-2'),
    ]);
    await store.db.captureHeartbeat({ agentVersion: '0.1.0', uptimeSeconds: 1 }, 'hb');

    const batches = [1, 2, 3, 4, 5].map(() =>
      store.db.claimBatch({ maxEvents: 10, maxBytes: HUGE }).map((e) => [e.class, e.seq]),
    );
    await store.done();

    assert.deepEqual(batches, [
      [
        ['critical', 3],
        ['critical', 5],
      ],
      [
        ['inventory', 2],
        ['inventory', 4],
      ],
      [['finance', 1]],
      [['telemetry', 6]],
      [],
    ]);
  });

  it('takes only the class asked for', async () => {
    const store = tempStoreDb();
    await store.db.captureMany([saleRequest('S-1'), adjustmentRequest('ADJ-1')]);

    const inventory = store.db.claimBatch({ maxEvents: 10, maxBytes: HUGE, class: 'inventory' });
    const finance = store.db.claimBatch({ maxEvents: 10, maxBytes: HUGE, class: 'finance' });
    await store.done();

    assert.deepEqual(
      inventory.map((e) => e.kind),
      ['inventory_adjustment'],
    );
    assert.deepEqual(finance, []);
  });

  it('stops at maxEvents and maxBytes, but always takes one event', async () => {
    const store = tempStoreDb();
    await store.db.captureMany(Array.from({ length: 6 }, (_, i) => saleRequest(`S-${i}`)));

    const [first] = store.db.claimBatch({ maxEvents: 1, maxBytes: HUGE });
    const size = first?.bytes ?? 0;
    const byBytes = store.db.claimBatch({ maxEvents: 10, maxBytes: size * 2 + 1 });
    const tooSmall = store.db.claimBatch({ maxEvents: 10, maxBytes: 1 });
    const byCount = store.db.claimBatch({ maxEvents: 1, maxBytes: HUGE });
    const none = store.db.claimBatch({ maxEvents: 0, maxBytes: HUGE });
    await store.done();

    assert.equal(first?.seq, 1);
    assert.equal(first?.attempts, 1);
    assert.equal(first?.bytes, Buffer.byteLength(first?.envelope ?? ''));
    assert.deepEqual(
      byBytes.map((e) => e.seq),
      [2, 3],
    );
    assert.deepEqual(
      tooSmall.map((e) => e.seq),
      [4],
    );
    assert.deepEqual(
      byCount.map((e) => e.seq),
      [5],
    );
    assert.deepEqual(none, []);
  });

  it('skips events whose retry is not yet due, and takes them once it is', async () => {
    const clock = manualClock();
    const store = tempStoreDb({ now: clock.now, random: () => 0.5 });
    await store.db.captureMany([saleRequest('S-1'), saleRequest('S-2')]);

    const [one] = store.db.claimBatch({ maxEvents: 1, maxBytes: HUGE });
    store.db.releaseForRetry([one?.eventId ?? '']);
    const meanwhile = store.db.claimBatch({ maxEvents: 10, maxBytes: HUGE });
    clock.advance(500);
    const later = store.db.claimBatch({ maxEvents: 10, maxBytes: HUGE });
    await store.done();

    assert.deepEqual(
      meanwhile.map((e) => e.seq),
      [2],
    );
    assert.deepEqual(
      later.map((e) => [e.seq, e.attempts]),
      [[1, 2]],
    );
  });

  it('leaves an event not yet due inside the claimed seq range untouched', async () => {
    const clock = manualClock();
    const store = tempStoreDb({ now: clock.now, random: () => 0.5 });
    await store.db.captureMany([1, 2, 3, 4].map((n) => saleRequest(`S-${n}`)));

    const [, second] = store.db.claimBatch({ maxEvents: 2, maxBytes: HUGE });
    store.db.releaseForRetry([second?.eventId ?? '']);
    const around = store.db.claimBatch({ maxEvents: 10, maxBytes: HUGE });
    const attempts = readCommitted<{ seq: number; state: string; attempts: number }>(
      store.path,
      'SELECT seq, state, attempts FROM outbox ORDER BY seq',
    );
    clock.advance(500);
    const later = store.db.claimBatch({ maxEvents: 10, maxBytes: HUGE });
    await store.done();

    assert.deepEqual(
      around.map((e) => e.seq),
      [3, 4],
    );
    assert.deepEqual(attempts, [
      { seq: 1, state: 'in_flight', attempts: 1 },
      { seq: 2, state: 'pending', attempts: 1 },
      { seq: 3, state: 'in_flight', attempts: 1 },
      { seq: 4, state: 'in_flight', attempts: 1 },
    ]);
    assert.deepEqual(
      later.map((e) => [e.seq, e.attempts]),
      [[2, 2]],
    );
  });

  it('marks only the claimed events in flight when maxBytes cuts the batch', async () => {
    const store = tempStoreDb();
    await store.db.captureMany([1, 2, 3].map((n) => saleRequest(`S-${n}`)));

    const claimed = store.db.claimBatch({ maxEvents: 10, maxBytes: 1 });
    const inFlight = readCommitted<{ seq: number }>(
      store.path,
      `SELECT seq FROM outbox WHERE state = 'in_flight' ORDER BY seq`,
    );
    await store.done();

    assert.deepEqual(
      claimed.map((e) => e.seq),
      [1],
    );
    assert.deepEqual(inFlight, [{ seq: 1 }]);
  });

  it('reads the claim through the outbox_claim index without a scan or a sort', async () => {
    const store = tempStoreDb();
    await store.db.close();

    const db = new Database(store.path, { readonly: true });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT seq, envelope FROM outbox INDEXED BY outbox_claim
         WHERE state = 'pending' AND class_rank = 0 AND next_attempt_at <= 1
         ORDER BY seq LIMIT 500`,
      )
      .all() as Array<{ detail: string }>;
    db.close();
    await store.done();

    const details = plan.map((row) => row.detail).join('\n');
    assert.match(details, /SEARCH outbox USING INDEX outbox_claim \(state=\? AND class_rank=\?\)/);
    assert.doesNotMatch(details, /TEMP B-TREE|SCAN/);
  });
});
