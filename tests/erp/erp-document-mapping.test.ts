import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  businessDateOf,
  createRestErpAdapter,
  dayCloseDocument,
  inventoryMovement,
  type RunningErpSandbox,
  salesDocument,
  startErpSandbox,
  toDayCloseDocument,
  toInventoryMovement,
  toSalesBatch,
  toSalesDocument,
} from '@storesync/central-hub';
import { dayClose, inventoryAdjustment, posTransaction } from '@storesync/protocol';
import { posSale, STORE } from './erp-fixtures.js';

/** The POS transaction of DESIGN.md, taken at 23:30 in a store two hours behind UTC. */
const lateSale = posTransaction.parse({
  transactionId: 'R01-000123',
  terminalId: 'R01',
  type: 'sale',
  occurredAt: '2026-11-27T23:30:00.000-02:00',
  currency: 'USD',
  lines: [{ sku: 'SKU-0042', quantity: 2, unitPrice: 1999, discount: 0, tax: 320 }],
  tenders: [{ method: 'card', amount: 4318 }],
  total: 4318,
  originalTransactionId: null,
});

const receipt = inventoryAdjustment.parse({
  adjustmentId: 'ADJ-1',
  reason: 'receipt',
  occurredAt: '2026-11-27T08:00:00.000Z',
  lines: [{ sku: 'SKU-0007', quantity: 1.25 }],
});

const zReport = dayClose.parse({
  businessDate: '2026-11-27',
  closedAt: '2026-11-27T23:59:00.000Z',
  currency: 'USD',
  transactionCount: 120,
  totals: [
    { method: 'cash', amount: 120_000 },
    { method: 'card', amount: 455_050 },
  ],
});

describe('ERP document mapping', () => {
  it('maps a POS transaction to a valid sales document in UTC, money untouched', () => {
    const document = toSalesDocument(STORE, lateSale);

    assert.equal(salesDocument.safeParse(document).success, true);
    assert.equal(document.storeId, STORE);
    assert.equal(document.occurredAt, '2026-11-28T01:30:00.000Z');
    assert.deepEqual(document.lines, lateSale.lines);
    assert.deepEqual([document.total, document.tenders[0]?.amount], [4318, 4318]);
  });

  it('dates a sales batch by its earliest transaction unless told otherwise', () => {
    const batch = toSalesBatch(STORE, [lateSale, posSale('R01-000001')]);
    const dated = toSalesBatch(STORE, [lateSale], '2026-11-27');

    assert.equal(batch.businessDate, '2026-11-27');
    assert.equal(dated.businessDate, '2026-11-27');
    assert.equal(businessDateOf('2026-11-27T23:30:00.000-02:00'), '2026-11-28');
    assert.throws(() => toSalesBatch(STORE, []), RangeError);
  });

  it('maps stock adjustments and Z reports to valid documents', () => {
    const movement = toInventoryMovement(STORE, receipt);
    const close = toDayCloseDocument(STORE, zReport);

    assert.equal(inventoryMovement.safeParse(movement).success, true);
    assert.deepEqual(movement.lines, [{ sku: 'SKU-0007', quantity: 1.25 }]);
    assert.equal(dayCloseDocument.safeParse(close).success, true);
    assert.deepEqual(close.totals, zReport.totals);
  });
});

describe('REST ERP adapter against the sandbox', () => {
  let sandbox: RunningErpSandbox;

  before(async () => {
    sandbox = await startErpSandbox({ seed: 5 });
  });
  after(() => sandbox.close());

  it('posts sales, movements and closes and reads their effect back', async () => {
    const adapter = createRestErpAdapter({ baseUrl: sandbox.url, timeoutMs: 2000 });

    await adapter.postSales({ storeId: STORE, transactions: [lateSale] }, 'p-1');
    await adapter.postInventoryMovements({ storeId: STORE, adjustments: [receipt] }, 'p-2');
    await adapter.postDayCloses({ storeId: STORE, closes: [zReport] }, 'p-3');
    const onHand = await adapter.fetchOnHand(STORE, ['SKU-0042', 'SKU-0007', 'NOPE']);
    const prices = await adapter.fetchPrices();

    assert.deepEqual(onHand.items, [
      { sku: 'SKU-0042', onHand: 98 },
      { sku: 'SKU-0007', onHand: 101.25 },
    ]);
    assert.deepEqual(onHand.unknownSkus, ['NOPE']);
    assert.equal(prices.items.length, 1000);
    assert.deepEqual(sandbox.ledger(), {
      transactions: [{ storeId: STORE, transactionId: 'R01-000123', type: 'sale', count: 1 }],
      movements: [{ storeId: STORE, adjustmentId: 'ADJ-1', reason: 'receipt', count: 1 }],
      dayCloses: [{ storeId: STORE, businessDate: '2026-11-27', count: 1 }],
    });
  });

  it('names the refused transactions of a batch in the error', async () => {
    const adapter = createRestErpAdapter({ baseUrl: sandbox.url, timeoutMs: 2000 });
    const transactions = [posSale('R02-1'), posSale('R02-2', 'SKU-9999'), posSale('R02-3')];

    const err = await adapter.postSales({ storeId: STORE, transactions }, 'p-4').then(
      () => assert.fail('the batch must be refused'),
      (e: unknown) => e as { code: string; retryable: boolean; documentErrors: unknown[] },
    );

    assert.equal(err.code, 'ERP_VALIDATION_FAILED');
    assert.equal(err.retryable, false);
    assert.deepEqual(
      err.documentErrors.map((e) => (e as { documentId: string }).documentId),
      ['R02-2'],
    );
  });
});
