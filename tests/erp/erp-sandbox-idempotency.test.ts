import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createRestErpAdapter,
  type RunningErpSandbox,
  startErpSandbox,
} from '@storesync/central-hub';
import { posSale, postJson, STORE, saleDocument, salesBatchOf } from './erp-fixtures.js';

describe('ERP sandbox idempotency', () => {
  let sandbox: RunningErpSandbox;
  let salesUrl: string;

  before(async () => {
    sandbox = await startErpSandbox({ seed: 1 });
    salesUrl = `${sandbox.url}/api/sales-documents`;
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('answers a repeated key with the first answer and posts once', async () => {
    const batch = salesBatchOf(saleDocument('R01-000001'));

    const first = await postJson(salesUrl, batch, 'batch-1');
    const second = await postJson(salesUrl, batch, 'batch-1');

    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.deepEqual(second.body, first.body);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(sandbox.ledger().transactions, [
      { storeId: STORE, transactionId: 'R01-000001', type: 'sale', count: 1 },
    ]);
    assert.equal(sandbox.onHand(STORE, 'SKU-0042'), 98);
  });

  it('replays the first answer even when the repeat carries another body', async () => {
    await postJson(salesUrl, salesBatchOf(saleDocument('R01-000001')), 'batch-1');
    const repeat = await postJson(salesUrl, salesBatchOf(saleDocument('R01-000002')), 'batch-1');

    assert.equal(repeat.status, 201);
    assert.deepEqual(
      sandbox.ledger().transactions.map((t) => t.transactionId),
      ['R01-000001'],
    );
  });

  it('counts a transaction twice when it is posted under two keys', async () => {
    const batch = salesBatchOf(saleDocument('R01-000001'));

    await postJson(salesUrl, batch, 'batch-1');
    await postJson(salesUrl, batch, 'batch-2');

    const [entry] = sandbox.ledger().transactions;
    assert.equal(entry?.count, 2, 'the ledger must reveal the double posting');
    assert.equal(sandbox.onHand(STORE, 'SKU-0042'), 96);
  });

  it('applies once when two requests with one key overlap in flight', async () => {
    sandbox.configure({ latencyMs: 40 });
    const batch = salesBatchOf(saleDocument('R01-000001'));

    const [a, b] = await Promise.all([
      postJson(salesUrl, batch, 'batch-1'),
      postJson(salesUrl, batch, 'batch-1'),
    ]);

    assert.deepEqual([a.status, b.status], [201, 201]);
    assert.deepEqual(a.body, b.body);
    assert.equal(sandbox.ledger().transactions[0]?.count, 1);
  });

  it('does not remember a 5xx, so the retry with the same key posts', async () => {
    const batch = salesBatchOf(saleDocument('R01-000001'));
    sandbox.configure({ errorRate: 1 });

    const failed = await postJson(salesUrl, batch, 'batch-1');
    sandbox.configure({ errorRate: 0 });
    const retried = await postJson(salesUrl, batch, 'batch-1');

    assert.ok(failed.status === 500 || failed.status === 503, `got ${failed.status}`);
    assert.equal(retried.status, 201);
    assert.equal(retried.headers.get('idempotent-replayed'), null);
    assert.equal(sandbox.ledger().transactions[0]?.count, 1);
  });

  it('does not remember a 429, so the retry with the same key posts', async () => {
    sandbox.configure({ rateLimit: 1 });
    await postJson(salesUrl, salesBatchOf(saleDocument('R01-000009')), 'other');

    const limited = await postJson(salesUrl, salesBatchOf(saleDocument('R01-000001')), 'batch-1');
    sandbox.configure({ rateLimit: 0 });
    const retried = await postJson(salesUrl, salesBatchOf(saleDocument('R01-000001')), 'batch-1');

    assert.equal(limited.status, 429);
    assert.equal(retried.status, 201);
    assert.equal(sandbox.ledger().transactions.length, 2);
  });

  it('keeps keys apart per endpoint', async () => {
    await postJson(salesUrl, salesBatchOf(saleDocument('R01-000001')), 'batch-1');
    const close = await postJson(
      `${sandbox.url}/api/day-closes`,
      {
        storeId: STORE,
        closes: [
          {
            storeId: STORE,
            businessDate: '2026-11-27',
            closedAt: '2026-11-27T23:00:00.000Z',
            currency: 'USD',
            transactionCount: 1,
            totals: [{ method: 'card', amount: 4318 }],
          },
        ],
      },
      'batch-1',
    );

    assert.equal(close.status, 201);
    assert.equal(close.headers.get('idempotent-replayed'), null);
    assert.deepEqual(sandbox.ledger().dayCloses, [
      { storeId: STORE, businessDate: '2026-11-27', count: 1 },
    ]);
  });

  it('tells the adapter that a repeated posting was a replay', async () => {
    const adapter = createRestErpAdapter({ baseUrl: sandbox.url, timeoutMs: 2000 });
    const posting = { storeId: STORE, transactions: [posSale('R01-000001')] };

    const first = await adapter.postSales(posting, 'batch-7');
    const second = await adapter.postSales(posting, 'batch-7');

    assert.equal(first.replayed, false);
    assert.equal(second.replayed, true);
    assert.match(first.erpReference ?? '', /^SD-\d{6}$/);
    assert.equal(second.erpReference, first.erpReference);
    assert.equal(sandbox.ledger().transactions[0]?.count, 1);
  });
});
