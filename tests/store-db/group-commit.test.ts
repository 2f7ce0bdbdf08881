import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PosTransaction } from '@storesync/protocol';
import { type CaptureRequest, StoreCaptureError, StoreDbClosedError } from '@storesync/store-db';
import { readCommitted, saleRequest, tempStoreDb } from './helpers.js';

/** A request the agent would never send: money as a decimal amount. */
function fractionalTotal(transactionId: string): CaptureRequest {
  const request = saleRequest(transactionId);
  const transaction = { ...(request as { transaction: PosTransaction }).transaction, total: 43.18 };
  return { ...request, transaction } as CaptureRequest;
}

describe('group commit', () => {
  it('writes 200 concurrent captures in far fewer commits', async () => {
    const store = tempStoreDb();
    const calls = Array.from({ length: 200 }, (_, i) => store.db.capture(saleRequest(`G-${i}`)));
    const outcomes = await Promise.all(calls);
    const stats = store.db.stats();
    await store.done();

    assert.equal(outcomes.filter((o) => o.status === 'created').length, 200);
    assert.deepEqual(stats, { commits: 1, captures: 200 });
  });

  it('never puts more than maxGroupSize requests in one commit', async () => {
    const store = tempStoreDb({ maxGroupSize: 50 });
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.db.capture(saleRequest(`M-${i}`))),
    );
    const stats = store.db.stats();
    await store.done();

    assert.deepEqual(stats, { commits: 4, captures: 200 });
  });

  it('settles a caller only when its group is committed and visible to others', async () => {
    const store = tempStoreDb();
    const seenAtResolve = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.db
          .capture(saleRequest(`V-${i}`))
          .then(
            () =>
              readCommitted(
                store.path,
                'SELECT 1 FROM transactions WHERE transaction_id = ?',
                `V-${i}`,
              ).length,
          ),
      ),
    );
    await store.done();

    assert.deepEqual(seenAtResolve, Array(20).fill(1));
  });

  it('fails only the caller whose request SQLite refuses, undoing its outbox event', async () => {
    const store = tempStoreDb();
    const results = await Promise.allSettled([
      store.db.capture(saleRequest('OK-1')),
      store.db.capture(fractionalTotal('BAD-1')),
      store.db.capture(saleRequest('OK-2')),
    ]);

    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    const error = (results[1] as PromiseRejectedResult).reason;
    assert.ok(error instanceof StoreCaptureError);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.equal(error.details.correlationId, 'req-BAD-1');

    // The outbox row of BAD-1 was inserted before its transaction row failed:
    // the savepoint took it back, so seqs stay contiguous and nothing is queued for it.
    const seqs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.seq] : []));
    assert.deepEqual(seqs, [1, 2]);
    assert.equal(store.db.backlog().critical.depth, 2);
    assert.deepEqual(
      readCommitted(store.path, "SELECT 1 FROM outbox WHERE correlation_id = 'req-BAD-1'"),
      [],
    );

    const retried = await store.db.capture(saleRequest('BAD-1'));
    assert.equal(retried.status, 'created');
    assert.equal(store.db.stats().commits, 2);
    await store.done();
  });

  it('fails only the caller whose request has no usable id or kind', async () => {
    const store = tempStoreDb();
    const noId = saleRequest('');
    const unknownKind = { kind: 'refund', correlationId: 'c-1' } as unknown as CaptureRequest;
    const results = await Promise.allSettled([
      store.db.capture(noId),
      store.db.capture(saleRequest('FINE-1')),
      store.db.capture(unknownKind),
      store.db.capture({ ...saleRequest('FINE-2'), correlationId: '' }),
    ]);
    await store.done();

    assert.deepEqual(
      results.map((r) => (r.status === 'rejected' ? r.reason.details.path : r.value.status)),
      ['transaction.transactionId', 'created', 'kind', 'correlationId'],
    );
  });

  it('records a captureMany all or nothing, without failing the rest of the group', async () => {
    const store = tempStoreDb();
    const [many, single] = await Promise.allSettled([
      store.db.captureMany([saleRequest('MANY-1'), fractionalTotal('MANY-2')]),
      store.db.capture(saleRequest('SINGLE-1')),
    ]);

    assert.equal(many.status, 'rejected');
    assert.equal((many as PromiseRejectedResult).reason.details.index, 1);
    assert.equal(single.status, 'fulfilled');
    const stored = readCommitted<{ id: string }>(
      store.path,
      'SELECT transaction_id AS id FROM transactions',
    );
    assert.deepEqual(
      stored.map((r) => r.id),
      ['SINGLE-1'],
    );
    await store.done();
  });

  it('flushes queued captures on close and refuses captures after it', async () => {
    const store = tempStoreDb();
    const pending = store.db.capture(saleRequest('LAST-1'));
    await store.db.close();

    assert.equal((await pending).status, 'created');
    await assert.rejects(store.db.capture(saleRequest('LATE-1')), StoreDbClosedError);
    assert.equal(
      readCommitted(store.path, "SELECT 1 FROM transactions WHERE transaction_id = 'LAST-1'")
        .length,
      1,
    );
    await store.done();
  });
});
