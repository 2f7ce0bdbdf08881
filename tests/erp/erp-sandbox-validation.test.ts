import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type RunningErpSandbox, startErpSandbox } from '@storesync/central-hub';
import { getJson, postJson, STORE, saleDocument, salesBatchOf } from './erp-fixtures.js';

const line = (sku: string, quantity = 1) => ({
  sku,
  quantity,
  unitPrice: 500,
  discount: 0,
  tax: 0,
});

describe('ERP sandbox validation and books', () => {
  let sandbox: RunningErpSandbox;
  let salesUrl: string;
  let movementsUrl: string;

  before(async () => {
    sandbox = await startErpSandbox({ seed: 3 });
    salesUrl = `${sandbox.url}/api/sales-documents`;
    movementsUrl = `${sandbox.url}/api/inventory-movements`;
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('refuses unknown SKUs with 422 naming each document and applies nothing', async () => {
    const batch = salesBatchOf(
      saleDocument('T1', { lines: [line('SKU-0001')] }),
      saleDocument('T2', { lines: [line('SKU-0002'), line('NOPE-1')] }),
      saleDocument('T3', { lines: [line('SKU-0003')] }),
      saleDocument('T4', { lines: [line('NOPE-2'), line('NOPE-3')] }),
    );

    const answer = await postJson(salesUrl, batch, 'batch-1');

    assert.equal(answer.status, 422);
    assert.equal(answer.body.code, 'UNKNOWN_SKU');
    assert.deepEqual(
      answer.body.errors.map((e: { documentId: string; path: string }) => [e.documentId, e.path]),
      [
        ['T2', 'documents[1].lines[1].sku'],
        ['T4', 'documents[3].lines[0].sku'],
        ['T4', 'documents[3].lines[1].sku'],
      ],
    );
    assert.match(answer.body.errors[0].message, /NOPE-1/);
    assert.deepEqual(sandbox.ledger().transactions, []);
    assert.equal(sandbox.onHand(STORE, 'SKU-0001'), 100, 'valid documents were not applied');
  });

  it('remembers a 422 under its key, and posts under a new key once the SKU exists', async () => {
    const batch = salesBatchOf(saleDocument('T1', { lines: [line('NEW-SKU', 3)] }));
    const refused = await postJson(salesUrl, batch, 'batch-1');

    const added = await postJson(`${sandbox.url}/_sandbox/items`, [
      { sku: 'NEW-SKU', price: 1250, onHand: 10 },
    ]);
    const replayed = await postJson(salesUrl, batch, 'batch-1');
    const posted = await postJson(salesUrl, batch, 'batch-2');

    assert.equal(refused.status, 422);
    assert.deepEqual(added.body, { added: 1, updated: 0, priceVersion: 2 });
    assert.equal(replayed.status, 422);
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    assert.equal(posted.status, 201);
    assert.equal(sandbox.onHand(STORE, 'NEW-SKU'), 7);
  });

  it('refuses schema errors with 422, tied to the document or to the batch', async () => {
    const badPrice = saleDocument('T2', { lines: [{ ...line('SKU-0001'), unitPrice: 19.99 }] });
    const inDocument = await postJson(salesUrl, salesBatchOf(saleDocument('T1'), badPrice));
    const inBatch = await postJson(salesUrl, { businessDate: '2026-11-27', documents: [] });

    assert.equal(inDocument.status, 422);
    assert.equal(inDocument.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      inDocument.body.errors.map((e: { documentId: string; path: string }) => [
        e.documentId,
        e.path,
      ]),
      [['T2', 'documents[1].lines[0].unitPrice']],
    );
    assert.equal(inBatch.status, 422);
    assert.ok(inBatch.body.errors.some((e: { path: string }) => e.path === 'storeId'));
    assert.ok(inBatch.body.errors.every((e: { documentId: unknown }) => e.documentId === null));
    assert.deepEqual(sandbox.ledger().transactions, []);
  });

  it('refuses a document filed under another store than its batch', async () => {
    const batch = salesBatchOf(saleDocument('T1'), saleDocument('T2', { storeId: 'S002' }));

    const answer = await postJson(salesUrl, batch);

    assert.equal(answer.status, 422);
    assert.equal(answer.body.code, 'STORE_MISMATCH');
    assert.equal(answer.body.errors[0].documentId, 'T2');
    assert.deepEqual(sandbox.ledger().transactions, []);
  });

  it('moves stock for sales, returns and voids', async () => {
    const sale = saleDocument('T1', { lines: [line('SKU-0010', 4)] });
    const ret = saleDocument('T2', { type: 'return', lines: [line('SKU-0010', 1)] });
    const voided = saleDocument('T3', { type: 'void', lines: [], originalTransactionId: 'T1' });

    await postJson(salesUrl, salesBatchOf(sale, ret));
    const afterSaleAndReturn = sandbox.onHand(STORE, 'SKU-0010');
    await postJson(salesUrl, salesBatchOf(voided));

    assert.equal(afterSaleAndReturn, 97);
    assert.equal(sandbox.onHand(STORE, 'SKU-0010'), 101);
    assert.equal(sandbox.onHand('S002', 'SKU-0010'), 100, 'other stores are untouched');
    const otherStore = await getJson(`${sandbox.url}/_sandbox/ledger?storeId=S002`);
    assert.deepEqual(otherStore.body.transactions, []);
    assert.deepEqual(
      sandbox.ledger().transactions.map((t) => [t.transactionId, t.type, t.count]),
      [
        ['T1', 'sale', 1],
        ['T2', 'return', 1],
        ['T3', 'void', 1],
      ],
    );
  });

  it('applies a movement batch all or nothing, counts setting on-hand', async () => {
    const movement = (adjustmentId: string, reason: string, sku: string, quantity: number) => ({
      storeId: STORE,
      adjustmentId,
      reason,
      occurredAt: '2026-11-27T08:00:00.000Z',
      lines: [{ sku, quantity }],
      counterpartyStoreId: null,
      reference: null,
    });
    const refused = await postJson(movementsUrl, {
      storeId: STORE,
      movements: [movement('A1', 'receipt', 'SKU-0020', 10), movement('A2', 'shrink', 'X', 1)],
    });
    const posted = await postJson(movementsUrl, {
      storeId: STORE,
      movements: [
        movement('A1', 'receipt', 'SKU-0020', 10),
        movement('A2', 'shrink', 'SKU-0020', 3),
        movement('A3', 'count', 'SKU-0021', 7),
      ],
    });

    assert.equal(refused.status, 422);
    assert.equal(refused.body.errors[0].documentId, 'A2');
    assert.equal(posted.status, 201);
    assert.equal(posted.body.documentCount, 3);
    assert.equal(sandbox.onHand(STORE, 'SKU-0020'), 107);
    assert.equal(sandbox.onHand(STORE, 'SKU-0021'), 7);
    assert.deepEqual(
      sandbox.ledger().movements.map((m) => [m.adjustmentId, m.reason, m.count]),
      [
        ['A1', 'receipt', 1],
        ['A2', 'shrink', 1],
        ['A3', 'count', 1],
      ],
    );
  });

  it('answers on-hand per store and the price list', async () => {
    await postJson(salesUrl, salesBatchOf(saleDocument('T1', { lines: [line('SKU-0005', 2)] })));
    await postJson(`${sandbox.url}/_sandbox/items`, [{ sku: 'SKU-0005', price: 777, onHand: 50 }]);

    const one = await getJson(`${sandbox.url}/api/items/SKU-0005/on-hand?storeId=${STORE}`);
    const many = await getJson(`${sandbox.url}/api/on-hand?storeId=${STORE}&skus=SKU-0005,X`);
    const unknown = await getJson(`${sandbox.url}/api/items/X/on-hand?storeId=${STORE}`);
    const storeless = await getJson(`${sandbox.url}/api/on-hand?skus=SKU-0005`);
    const prices = await getJson(`${sandbox.url}/api/prices`);

    assert.deepEqual(one.body, { sku: 'SKU-0005', storeId: STORE, onHand: 48 });
    assert.deepEqual(many.body, {
      storeId: STORE,
      items: [{ sku: 'SKU-0005', onHand: 48 }],
      unknownSkus: ['X'],
    });
    assert.equal(unknown.status, 404);
    assert.equal(storeless.status, 400);
    assert.equal(prices.body.version, 2);
    assert.equal(prices.body.items.length, 1000);
    assert.deepEqual(
      prices.body.items.find((i: { sku: string }) => i.sku === 'SKU-0005'),
      { sku: 'SKU-0005', price: 777 },
    );
  });

  it('knows SKU-0001 to SKU-1000 and nothing else by default', async () => {
    const answer = await getJson(
      `${sandbox.url}/api/on-hand?storeId=${STORE}&skus=SKU-0001,SKU-1000,SKU-1001,SKU-0000`,
    );

    assert.deepEqual(
      answer.body.items.map((i: { sku: string }) => i.sku),
      ['SKU-0001', 'SKU-1000'],
    );
    assert.deepEqual(answer.body.unknownSkus, ['SKU-1001', 'SKU-0000']);
  });

  it('refuses invalid JSON and invalid items with a code', async () => {
    const response = await fetch(salesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"storeId":',
    });
    const items = await postJson(`${sandbox.url}/_sandbox/items`, [{ sku: 'A', price: 1.5 }]);

    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code: string }).code, 'INVALID_JSON');
    assert.equal(items.status, 400);
    assert.equal(items.body.code, 'VALIDATION_FAILED');
  });
});
