import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { eventEnvelope, posTransaction } from '@storesync/protocol';
import { openStoreDb } from '@storesync/store-db';
import {
  adjustmentRequest,
  dayCloseRequest,
  manualClock,
  readCommitted,
  sale,
  saleRequest,
  tempStoreDb,
} from './helpers.js';

describe('capture', () => {
  const clock = manualClock();
  const store = tempStoreDb({ now: clock.now });
  after(() => store.done());

  it('writes the transaction and its outbox event in the same commit', async () => {
    const outcome = await store.db.capture(saleRequest('R01-000123'));
    assert.equal(outcome.status, 'created');
    assert.equal(outcome.seq, 1);

    const [txn] = readCommitted<{ raw_json: string; event_id: string; seq: number }>(
      store.path,
      'SELECT raw_json, event_id, seq FROM transactions WHERE transaction_id = ?',
      'R01-000123',
    );
    assert.deepEqual(JSON.parse(txn?.raw_json ?? 'null'), sale('R01-000123'));
    assert.equal(txn?.event_id, outcome.eventId);

    const [event] = readCommitted<{ envelope: string; state: string }>(
      store.path,
      'SELECT envelope, state FROM outbox WHERE event_id = ?',
      outcome.eventId,
    );
    assert.equal(event?.state, 'pending');
    const envelope = eventEnvelope.parse(JSON.parse(event?.envelope ?? 'null'));
    assert.deepEqual(
      { ...envelope, body: undefined },
      {
        eventId: outcome.eventId,
        storeId: 'S001',
        seq: 1,
        class: 'critical',
        kind: 'sale',
        occurredAt: '2026-11-27T14:03:11.123Z',
        capturedAt: '2026-11-27T14:00:00.000Z',
        correlationId: 'req-R01-000123',
        schemaVersion: 1,
        body: undefined,
      },
    );
    assert.deepEqual(posTransaction.parse(envelope.body), sale('R01-000123'));
  });

  it('takes the event kind from the transaction type', async () => {
    const original = 'R01-000123';
    const ret = await store.db.capture(
      saleRequest('R01-000124', { type: 'return', originalTransactionId: original }),
    );
    const voided = await store.db.capture(
      saleRequest('R01-000125', { type: 'void', originalTransactionId: original }),
    );

    const kinds = readCommitted<{ kind: string }>(
      store.path,
      'SELECT kind FROM outbox WHERE event_id IN (?, ?) ORDER BY seq',
      ret.eventId,
      voided.eventId,
    );
    assert.deepEqual(
      kinds.map((k) => k.kind),
      ['return', 'void'],
    );
  });

  it('answers a repeated transactionId as duplicate, original event, nothing written', async () => {
    const first = await store.db.capture(saleRequest('R01-000200'));
    const again = await store.db.capture(saleRequest('R01-000200', { total: 1 }));

    assert.deepEqual(again, { ...first, status: 'duplicate' });
    const events = readCommitted(
      store.path,
      `SELECT 1 FROM outbox WHERE envelope LIKE '%"transactionId":"R01-000200"%'`,
    );
    assert.equal(events.length, 1);
  });

  it('stores one row when the same transactionId comes twice in one group', async () => {
    const [a, b] = await Promise.all([
      store.db.capture(saleRequest('R01-000300')),
      store.db.capture(saleRequest('R01-000300')),
    ]);

    assert.equal(a?.status, 'created');
    assert.equal(b?.status, 'duplicate');
    assert.equal(b?.eventId, a?.eventId);
    assert.equal(b?.seq, a?.seq);
    const rows = readCommitted(
      store.path,
      'SELECT 1 FROM transactions WHERE transaction_id = ?',
      'R01-000300',
    );
    assert.equal(rows.length, 1);
  });

  it('is idempotent on adjustmentId and on the business date of a day close', async () => {
    const adj = await store.db.captureMany([
      adjustmentRequest('ADJ-1'),
      adjustmentRequest('ADJ-1'),
    ]);
    const close = await store.db.captureMany([
      dayCloseRequest('2026-11-27'),
      dayCloseRequest('2026-11-27'),
      dayCloseRequest('2026-11-28'),
    ]);

    assert.deepEqual(
      adj.map((o) => o.status),
      ['created', 'duplicate'],
    );
    assert.deepEqual(
      close.map((o) => o.status),
      ['created', 'duplicate', 'created'],
    );
    const classes = readCommitted<{ kind: string; class_rank: number }>(
      store.path,
      `SELECT kind, class_rank FROM outbox WHERE kind IN ('inventory_adjustment', 'day_close')`,
    );
    assert.deepEqual(classes, [
      { kind: 'inventory_adjustment', class_rank: 1 },
      { kind: 'day_close', class_rank: 2 },
      { kind: 'day_close', class_rank: 2 },
    ]);
  });

  it('returns captureMany results in request order with increasing seq', async () => {
    const outcomes = await store.db.captureMany([
      saleRequest('R02-000001'),
      saleRequest('R02-000002'),
      saleRequest('R02-000003'),
    ]);
    const seqs = outcomes.map((o) => o.seq);
    assert.deepEqual(seqs, [seqs[0], (seqs[0] ?? 0) + 1, (seqs[0] ?? 0) + 2]);
  });

  it('captures a sale whose totals do not add up and lists it for review', async () => {
    const outcome = await store.db.capture(
      saleRequest('R03-000001', { total: 5000, originalTransactionId: null }),
    );
    const ret = await store.db.capture(saleRequest('R03-000002', { type: 'return' }));

    assert.equal(outcome.status, 'created');
    assert.deepEqual(outcome.reviewFlags, ['lines_total_mismatch', 'tenders_total_mismatch']);
    assert.deepEqual(ret.reviewFlags, ['return_unlinked']);
    const again = await store.db.capture(saleRequest('R03-000001', { total: 5000 }));
    assert.deepEqual(again.reviewFlags, outcome.reviewFlags);

    const items = store.db.reviewItems();
    assert.deepEqual(
      items.map((i) => [i.transactionId, i.flags]),
      [
        ['R03-000002', ['return_unlinked']],
        ['R03-000001', ['lines_total_mismatch', 'tenders_total_mismatch']],
      ],
    );
    assert.equal(items[0]?.at, '2026-11-27T14:00:00.000Z');
  });

  it('records a heartbeat as a telemetry event with no idempotency key', async () => {
    const a = await store.db.captureHeartbeat({ agentVersion: '0.1.0', uptimeSeconds: 5 }, 'hb-1');
    const b = await store.db.captureHeartbeat({ agentVersion: '0.1.0', uptimeSeconds: 5 }, 'hb-2');

    assert.equal(a.status, 'created');
    assert.equal(b.status, 'created');
    assert.equal(store.db.backlog().telemetry.depth, 2);
  });
});

describe('the outbox sequence', () => {
  it('keeps counting across a reopen even when every event was acked and pruned', async () => {
    const store = tempStoreDb();
    const first = await store.db.captureMany([saleRequest('T1'), saleRequest('T2')]);
    const ids = store.db.claimBatch({ maxEvents: 10, maxBytes: 1e6 }).map((e) => e.eventId);
    store.db.markAcked(ids);
    store.db.pruneAcked(-1);
    await store.db.close();

    const reopened = openStoreDb({ path: store.path, storeId: 'S001' });
    const next = await reopened.capture(saleRequest('T3'));
    await reopened.close();
    await store.done();

    assert.deepEqual(
      first.map((o) => o.seq),
      [1, 2],
    );
    assert.equal(next.seq, 3);
  });
});
