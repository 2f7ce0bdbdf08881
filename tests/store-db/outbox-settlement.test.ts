import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RETRY_CAP_MS, retryDelayMs } from '@storesync/store-db';
import Database from 'better-sqlite3';
import {
  adjustmentRequest,
  manualClock,
  readCommitted,
  saleRequest,
  tempStoreDb,
} from './helpers.js';

const ALL = { maxEvents: 100, maxBytes: 1e9 };

function states(path: string): Record<number, string> {
  const rows = readCommitted<{ seq: number; state: string }>(path, 'SELECT seq, state FROM outbox');
  return Object.fromEntries(rows.map((r) => [r.seq, r.state]));
}

describe('acks and rejections', () => {
  it('acks in-flight events once; a repeated or unknown ack changes nothing', async () => {
    const clock = manualClock();
    const store = tempStoreDb({ now: clock.now });
    await store.db.captureMany([saleRequest('S-1'), saleRequest('S-2')]);
    const ids = store.db.claimBatch(ALL).map((e) => e.eventId);
    assert.equal(store.db.lastAckAt(), null);

    clock.advance(1000);
    const first = store.db.markAcked(ids);
    clock.advance(1000);
    const again = store.db.markAcked([...ids, 'no-such-event']);

    assert.equal(first, 2);
    assert.equal(again, 0);
    assert.equal(store.db.lastAckAt(), '2026-11-27T14:00:01.000Z');
    assert.deepEqual(states(store.path), { 1: 'acked', 2: 'acked' });
    assert.equal(store.db.backlog().critical.depth, 0);
    await store.done();
  });

  it('acks a list mixing in-flight, pending, settled, repeated and unknown ids', async () => {
    const store = tempStoreDb();
    await store.db.captureMany([1, 2, 3, 4].map((n) => saleRequest(`S-${n}`)));
    const [one, two] = store.db.claimBatch({ maxEvents: 2, maxBytes: 1e9 });
    const all = readCommitted<{ eventId: string }>(
      store.path,
      'SELECT event_id AS eventId FROM outbox ORDER BY seq',
    ).map((r) => r.eventId);
    store.db.markAcked([one?.eventId ?? '']);

    const changed = store.db.markAcked([
      one?.eventId ?? '',
      two?.eventId ?? '',
      two?.eventId ?? '',
      all[2] ?? '',
      'no-such-event',
    ]);
    const none = store.db.markAcked([]);

    assert.equal(changed, 2);
    assert.equal(none, 0);
    assert.deepEqual(states(store.path), { 1: 'acked', 2: 'acked', 3: 'acked', 4: 'pending' });
    await store.done();
  });

  it('finds acked events through the event_id index, not by walking the backlog', async () => {
    const store = tempStoreDb();
    await store.db.close();

    const db = new Database(store.path, { readonly: true });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN UPDATE outbox SET state = 'acked', settled_at = 1
         WHERE event_id IN (SELECT value FROM json_each('[]'))
           AND +state IN ('pending', 'in_flight')`,
      )
      .all() as Array<{ detail: string }>;
    db.close();
    await store.done();

    const details = plan.map((row) => row.detail).join('\n');
    assert.match(details, /SEARCH outbox USING INDEX sqlite_autoindex_outbox_\d \(event_id=\?\)/);
    assert.doesNotMatch(details, /outbox_claim|SCAN outbox/);
  });

  it('rejects for good, lists it as a problem; a later ack does not revive it', async () => {
    const clock = manualClock();
    const store = tempStoreDb({ now: clock.now });
    await store.db.captureMany([saleRequest('S-1'), saleRequest('S-2')]);
    const [a, b] = store.db.claimBatch(ALL);
    const rejection = { eventId: a?.eventId ?? '', code: 'VALIDATION_FAILED', message: 'bad sku' };

    assert.equal(store.db.markRejected([rejection]), 1);
    assert.equal(store.db.markRejected([rejection]), 0);
    assert.equal(store.db.markAcked([a?.eventId ?? '', b?.eventId ?? '']), 1);

    assert.deepEqual(store.db.problems(), [
      { ...rejection, seq: 1, kind: 'sale', rejectedAt: '2026-11-27T14:00:00.000Z' },
    ]);
    assert.deepEqual(states(store.path), { 1: 'rejected', 2: 'acked' });
    await store.done();
  });

  it('acks a pending event never claimed (the hub saw it in an earlier run)', async () => {
    const store = tempStoreDb();
    const { eventId } = await store.db.capture(saleRequest('S-1'));

    assert.equal(store.db.markAcked([eventId]), 1);
    assert.deepEqual(store.db.claimBatch(ALL), []);
    await store.done();
  });
});

describe('retry', () => {
  it('backs off exponentially with full jitter, from 1 s up to a 5 min cap', () => {
    assert.equal(retryDelayMs(1, 0.999), 999);
    assert.equal(retryDelayMs(2, 0.5), 1000);
    assert.equal(retryDelayMs(4, 0.5), 4000);
    assert.equal(retryDelayMs(30, 0.5), RETRY_CAP_MS / 2);
    assert.equal(retryDelayMs(1000, 0), 0);
  });

  it('makes a released event due after the backoff of its attempts', async () => {
    const clock = manualClock();
    const store = tempStoreDb({ now: clock.now, random: () => 0.75 });
    await store.db.capture(saleRequest('S-1'));

    const dueAfter: number[] = [];
    let [event] = store.db.claimBatch(ALL);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      assert.equal(event?.attempts, attempt);
      store.db.releaseForRetry([event?.eventId ?? '']);

      let waited = 0;
      let batch = store.db.claimBatch(ALL);
      while (batch.length === 0) {
        clock.advance(250);
        waited += 250;
        batch = store.db.claimBatch(ALL);
      }
      dueAfter.push(waited);
      event = batch[0];
    }
    await store.done();

    // 0.75 of 1 s, 2 s, 4 s, 8 s, rounded up to the 250 ms the clock moves by.
    assert.deepEqual(dueAfter, [750, 1500, 3000, 6000]);
  });

  it('leaves an event acked while its retry was being decided', async () => {
    const store = tempStoreDb();
    const { eventId } = await store.db.capture(saleRequest('S-1'));
    store.db.claimBatch(ALL);
    store.db.markAcked([eventId]);
    store.db.releaseForRetry([eventId]);

    assert.deepEqual(states(store.path), { 1: 'acked' });
    await store.done();
  });

  it('puts every in-flight event back, due now, on resetInFlight', async () => {
    const clock = manualClock();
    const store = tempStoreDb({ now: clock.now, random: () => 0.99 });
    await store.db.captureMany([saleRequest('S-1'), saleRequest('S-2'), saleRequest('S-3')]);
    const [first] = store.db.claimBatch({ ...ALL, maxEvents: 1 });
    store.db.releaseForRetry([first?.eventId ?? '']);
    store.db.claimBatch(ALL);

    assert.equal(store.db.resetInFlight(), 2);
    assert.equal(store.db.resetInFlight(), 0);
    const again = store.db.claimBatch(ALL);
    await store.done();

    // seq 1 is still waiting for its backoff; 2 and 3 come back at once.
    assert.deepEqual(
      again.map((e) => [e.seq, e.attempts]),
      [
        [2, 2],
        [3, 2],
      ],
    );
  });
});

describe('backlog and pruning', () => {
  it('reports depth and oldest age of queued events for all four classes', async () => {
    const clock = manualClock();
    const store = tempStoreDb({ now: clock.now });
    await store.db.capture(saleRequest('S-1'));
    clock.advance(5000);
    await store.db.captureMany([saleRequest('S-2'), adjustmentRequest('ADJ-1')]);
    store.db.claimBatch({ ...ALL, maxEvents: 1 });
    clock.advance(2000);

    assert.deepEqual(store.db.backlog(), {
      critical: { depth: 2, oldestAgeMs: 7000 },
      inventory: { depth: 1, oldestAgeMs: 2000 },
      finance: { depth: 0, oldestAgeMs: null },
      telemetry: { depth: 0, oldestAgeMs: null },
    });
    await store.done();
  });

  it('prunes settled events and stale telemetry, never other unsent events', async () => {
    const clock = manualClock();
    const store = tempStoreDb({ now: clock.now });
    const old = await store.db.captureMany([
      saleRequest('OLD-ACKED'),
      saleRequest('OLD-REJECTED'),
      saleRequest('OLD-PENDING'),
      saleRequest('OLD-IN-FLIGHT'),
    ]);
    await store.db.captureHeartbeat({ agentVersion: '0.1.0', uptimeSeconds: 1 }, 'hb-old');
    store.db.markAcked([old[0]?.eventId ?? '']);
    store.db.markRejected([{ eventId: old[1]?.eventId ?? '', code: 'X', message: 'no' }]);
    store.db.claimBatch({ ...ALL, class: 'critical' });
    store.db.resetInFlight();
    store.db.claimBatch({ ...ALL, maxEvents: 2 });

    clock.advance(60_000);
    const recent = await store.db.capture(saleRequest('NEW-ACKED'));
    await store.db.captureHeartbeat({ agentVersion: '0.1.0', uptimeSeconds: 61 }, 'hb-new');
    store.db.markAcked([recent.eventId]);
    clock.advance(1000);

    assert.equal(store.db.pruneAcked(30_000), 3);
    assert.deepEqual(states(store.path), {
      3: 'in_flight',
      4: 'in_flight',
      6: 'acked',
      7: 'pending',
    });
    await store.done();
  });
});

describe('pruning in slices', () => {
  it('deletes at most maxRows a call', async () => {
    const clock = manualClock();
    const store = tempStoreDb({ now: clock.now });
    await store.db.captureMany([saleRequest('S-1'), saleRequest('S-2'), saleRequest('S-3')]);
    await store.db.captureHeartbeat({ agentVersion: '0.1.0', uptimeSeconds: 1 }, 'hb');
    store.db.markAcked(store.db.claimBatch({ ...ALL, class: 'critical' }).map((e) => e.eventId));
    clock.advance(10_000);

    const slices = [2, 2, 2].map(() => store.db.pruneAcked(1000, 2));
    await store.done();

    assert.deepEqual(slices, [2, 2, 0]);
  });
});
