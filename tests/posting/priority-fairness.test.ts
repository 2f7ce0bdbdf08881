import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { startStubServer } from '../erp/erp-stub-server.js';
import { waitFor } from '../support/wait-for.js';
import { adjustmentEvent, dayCloseEvent, ingest, sales } from './event-factory.js';
import { batches, postedCount } from './hub-db-reads.js';
import { type PostingRig, startPostingRig } from './posting-rig.js';

const WAIT = { timeout: 30_000 };
let rig: PostingRig | undefined;
let stub: Awaited<ReturnType<typeof startStubServer>> | undefined;
afterEach(async () => {
  await rig?.close();
  await stub?.close();
  rig = undefined;
  stub = undefined;
});

test('sales, returns and voids go before inventory, inventory before day close', WAIT, async () => {
  rig = await startPostingRig({
    posting: { concurrency: 1, batchSize: 10, batchWindowMs: 0 },
    manualStart: true,
  });
  const { store, calls } = rig;
  // Arrived first: a day close and stock adjustments; the sales came after them.
  ingest(store, [dayCloseEvent('S1', '2026-11-27', 1)]);
  ingest(
    store,
    Array.from({ length: 20 }, (_, i) => adjustmentEvent('S1', `ADJ-${i}`, { seq: 10 + i })),
  );
  ingest(store, sales('S1', 30, { firstSeq: 100 }));

  rig.pipeline.start();
  await waitFor('all posted', () => postedCount(store) === 51);

  const order = calls.map((c) => c.operation);
  assert.deepEqual(order, [
    'postSales',
    'postSales',
    'postSales',
    'postInventoryMovements',
    'postInventoryMovements',
    'postDayCloses',
  ]);
});

test('a store with a backlog of 5,000 does not starve a store with 10', WAIT, async () => {
  rig = await startPostingRig({
    sandbox: { latencyMs: 5 },
    posting: { concurrency: 1, batchSize: 100, batchWindowMs: 0, rateLimit: 500 },
    manualStart: true,
  });
  const { store, calls } = rig;
  ingest(store, sales('SA', 5000));
  ingest(store, sales('SB', 10));

  rig.pipeline.start();
  await waitFor('store B posted', () => calls.some((c) => c.storeId === 'SB' && c.outcome));

  const turn = calls.findIndex((c) => c.storeId === 'SB');
  assert.ok(turn <= 3, `store B went as request ${turn + 1} of 51`);
  const waitingA = batches(store).filter((b) => b.store_id === 'SA' && b.state !== 'posted');
  assert.ok(waitingA.length >= 40, `store A still had ${waitingA.length} batches to post`);
  await waitFor('all posted', () => postedCount(store) === 5010);
});

test('a day close waits until the sales of its day are posted', WAIT, async () => {
  stub = await startStubServer();
  let salesRefused = 0;
  stub.respond((request, res) => {
    const isSales = request.url === '/api/sales-documents';
    const fail = isSales && salesRefused < 3;
    if (fail) salesRefused += 1;
    res.writeHead(fail ? 503 : 201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ erpReference: 'X-1', storeId: 'S1', documentCount: 1 }));
  });
  rig = await startPostingRig({
    erpUrl: stub.url,
    posting: { batchWindowMs: 0, retryBaseMs: 100, retryMaxMs: 100 },
    manualStart: true,
  });
  const { store } = rig;
  ingest(store, sales('S1', 5));
  ingest(store, [dayCloseEvent('S1', '2026-11-27', 50)]);

  rig.pipeline.start();
  await waitFor('all posted', () => postedCount(store) === 6);

  const urls = stub.seen.map((r) => r.url);
  assert.deepEqual(urls, [
    '/api/sales-documents',
    '/api/sales-documents',
    '/api/sales-documents',
    '/api/sales-documents',
    '/api/day-closes',
  ]);
});
