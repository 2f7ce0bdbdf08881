import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { waitFor } from '../support/wait-for.js';
import {
  adjustmentEvent,
  dayCloseEvent,
  heartbeatEvent,
  ingest,
  saleEvent,
  sales,
} from './event-factory.js';
import { batches, membersOf, postingStates } from './hub-db-reads.js';
import { type PostingRig, startPostingRig } from './posting-rig.js';

const WAIT = { timeout: 20_000 };
let rig: PostingRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

test(
  'batches are cut by store, kind and business date, at N documents or after T',
  WAIT,
  async () => {
    let clockMs = Date.now();
    rig = await startPostingRig({
      posting: { batchSize: 10, batchWindowMs: 60_000 },
      now: () => new Date(clockMs),
      manualStart: true,
    });
    const { store } = rig;
    const longAgo = new Date(clockMs - 120_000).toISOString();
    ingest(store, sales('S1', 25));
    ingest(
      store,
      [1, 2, 3].map((i) =>
        saleEvent('S1', `S1-D2-${i}`, { seq: 100 + i, occurredAt: `2026-11-28T09:00:0${i}.000Z` }),
      ),
      longAgo,
    );
    ingest(store, sales('S2', 5));
    ingest(store, [
      adjustmentEvent('S1', 'ADJ-1', { seq: 200 }),
      dayCloseEvent('S1', '2026-11-27', 201),
    ]);
    ingest(store, [heartbeatEvent('S1', 300)]);

    rig.pipeline.start();
    await waitFor(
      'full batches and the overdue one posted',
      () => postingStates(store).posted === 23,
    );

    const cut = batches(store).map((b) => [b.store_id, b.kind, b.business_date, b.size]);
    assert.deepEqual(cut, [
      ['S1', 'sales', '2026-11-27', 10],
      ['S1', 'sales', '2026-11-27', 10],
      ['S1', 'sales', '2026-11-28', 3],
    ]);
    assert.deepEqual(postingStates(store), { posted: 23, unposted: 12, not_postable: 1 });
    const summary = rig.overview.summary();
    assert.deepEqual(summary.queueDepthByKind, { sales: 10, inventory: 1, day_close: 1 });
    assert.equal(summary.postedTransactions, 23);
    assert.ok((summary.oldestUnpostedAgeMs ?? -1) >= 0);
    const recent = rig.overview.recentBatches(2);
    assert.deepEqual(
      recent.map((b) => [b.businessDate, b.size, b.state, b.attempts]),
      [
        ['2026-11-28', 3, 'posted', 1],
        ['2026-11-27', 10, 'posted', 1],
      ],
    );

    clockMs += 61_000;
    await waitFor('the window closes the rest', () => postingStates(store).posted === 35);
    const late = batches(store)
      .slice(3)
      .map((b) => [b.store_id, b.kind, b.business_date, b.size]);
    assert.deepEqual(
      late.sort(),
      [
        ['S1', 'day_close', '2026-11-27', 1],
        ['S1', 'inventory', '2026-11-27', 1],
        ['S1', 'sales', '2026-11-27', 5],
        ['S2', 'sales', '2026-11-27', 5],
      ].sort(),
    );
    const ledger = rig.sandbox.ledger();
    assert.equal(ledger.transactions.length, 33);
    assert.ok(ledger.transactions.every((t) => t.count === 1));
    assert.deepEqual(
      ledger.movements.map((m) => m.adjustmentId),
      ['ADJ-1'],
    );
    assert.deepEqual(
      ledger.dayCloses.map((d) => d.businessDate),
      ['2026-11-27'],
    );
  },
);

test('a batch and its members are written down before its first send', WAIT, async () => {
  rig = await startPostingRig({ posting: { batchSize: 10 }, manualStart: true });
  const { store, adapter } = rig;
  const seen: string[] = [];
  adapter.beforeSend = (call) => {
    const batch = batches(store).find((b) => b.batch_id === call.idempotencyKey);
    assert.ok(batch, `batch ${call.idempotencyKey} is in hub.db before it is sent`);
    assert.equal(batch.state, 'sending');
    assert.equal(batch.attempts, 1);
    const members = membersOf(store, batch.batch_id).map(
      (eventId) => JSON.parse(store.events.get(eventId)?.envelope ?? '{}').body.transactionId,
    );
    assert.deepEqual(members, call.documentIds);
    seen.push(call.idempotencyKey);
  };
  ingest(store, sales('S1', 30));

  rig.pipeline.start();
  await waitFor('all posted', () => postingStates(store).posted === 30);

  assert.equal(seen.length, 3);
  assert.deepEqual(new Set(seen), new Set(batches(store).map((b) => b.batch_id)));
  assert.ok(batches(store).every((b) => b.state === 'posted'));
});
