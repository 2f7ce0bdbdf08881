import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CaptureOutcome, StoreDiskFullError } from '@storesync/store-db';
import { readCommitted, saleRequest, tempStoreDb } from './helpers.js';

/** A sale of many lines: a few of them fill the capped test file. */
function bigSale(transactionId: string) {
  const line = { sku: 'SKU-0042', quantity: 1, unitPrice: 100, discount: 0, tax: 0 };
  return saleRequest(transactionId, { lines: Array(400).fill(line), total: 40_000, tenders: [] });
}

describe('a full disk', () => {
  it('rejects the whole group with StoreDiskFullError, writes none, recovers', async () => {
    const store = tempStoreDb({ maxPageCount: 160 });
    let filled = 0;
    let failure: PromiseSettledResult<CaptureOutcome>[] = [];
    while (failure.length === 0 && filled < 100) {
      const group = await Promise.allSettled(
        [0, 1, 2].map((i) => store.db.capture(bigSale(`BIG-${filled}-${i}`))),
      );
      if (group.some((r) => r.status === 'rejected')) failure = group;
      else filled += 1;
    }

    assert.ok(filled > 0, 'some groups fit before the disk filled up');
    for (const result of failure) {
      assert.equal(result.status, 'rejected');
      const error = (result as PromiseRejectedResult).reason;
      assert.ok(error instanceof StoreDiskFullError);
      assert.equal(error.code, 'DISK_FULL');
      assert.equal(error.details.sqliteCode, 'SQLITE_FULL');
    }
    const written = readCommitted(
      store.path,
      'SELECT 1 FROM transactions WHERE transaction_id LIKE ?',
      `BIG-${filled}-%`,
    );
    assert.deepEqual(written, []);

    // Still usable: reads work, and once the hub acked and pruning freed pages,
    // the same sales are captured.
    assert.equal(store.db.backlog().critical.depth, filled * 3);
    const claimed = store.db.claimBatch({ maxEvents: 1000, maxBytes: 1e9 });
    store.db.markAcked(claimed.map((e) => e.eventId));
    assert.equal(store.db.pruneAcked(-1), filled * 3);

    const retried = await Promise.all(
      [0, 1, 2].map((i) => store.db.capture(bigSale(`BIG-${filled}-${i}`))),
    );
    assert.deepEqual(
      retried.map((o) => o.status),
      ['created', 'created', 'created'],
    );
    await store.done();
  });
});
