import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createRestErpAdapter,
  type ErpAdapter,
  ErpError,
  ErpPermanentError,
  ErpRetryableError,
  parseRetryAfter,
  salesBatch,
} from '@storesync/central-hub';
import { posSale, STORE } from './erp-fixtures.js';
import { startStubServer } from './erp-stub-server.js';

const posting = { storeId: STORE, transactions: [posSale('R01-000001')] };
const close = {
  businessDate: '2026-11-27',
  closedAt: '2026-11-27T23:00:00.000Z',
  currency: 'USD',
  transactionCount: 1,
  totals: [{ method: 'card' as const, amount: 4318 }],
};

async function failureOf(promise: Promise<unknown>): Promise<ErpError> {
  const outcome = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  assert.ok(outcome instanceof ErpError, `expected an ErpError, got ${String(outcome)}`);
  return outcome;
}

describe('REST ERP adapter', () => {
  let stub: Awaited<ReturnType<typeof startStubServer>>;
  let adapter: ErpAdapter;

  before(async () => {
    stub = await startStubServer();
    adapter = createRestErpAdapter({ baseUrl: stub.url, timeoutMs: 1000 });
  });
  after(() => stub.close());
  beforeEach(() => {
    stub.seen.length = 0;
  });

  it('posts the mapped batch with the idempotency key and reads the receipt', async () => {
    stub.answer(201, { erpReference: 'SD-000009', storeId: STORE, documentCount: 1 });

    const result = await adapter.postSales(posting, 'batch-42');

    const [request] = stub.seen;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url, '/api/sales-documents');
    assert.equal(request?.headers['idempotency-key'], 'batch-42');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.equal(salesBatch.safeParse(request?.body).success, true);
    assert.deepEqual(
      { status: result.status, replayed: result.replayed, erpReference: result.erpReference },
      { status: 201, replayed: false, erpReference: 'SD-000009' },
    );
  });

  const retryable: [string, number, Record<string, string>, string, number | undefined][] = [
    ['429 with Retry-After', 429, { 'retry-after': '3' }, 'ERP_RATE_LIMITED', 3000],
    ['503 with Retry-After', 503, { 'retry-after': '2' }, 'ERP_UNAVAILABLE', 2000],
    ['500', 500, {}, 'ERP_UNAVAILABLE', undefined],
    ['502', 502, {}, 'ERP_UNAVAILABLE', undefined],
    ['408', 408, {}, 'ERP_TIMEOUT', undefined],
  ];
  for (const [name, status, headers, code, retryAfterMs] of retryable) {
    it(`maps ${name} to a retryable ${code}`, async () => {
      stub.answer(status, { code: 'X' }, headers);

      const err = await failureOf(adapter.postSales(posting, 'batch-1'));

      assert.ok(err instanceof ErpRetryableError);
      assert.deepEqual(
        [err.retryable, err.code, err.status, err.retryAfterMs, err.idempotencyKey],
        [true, code, status, retryAfterMs, 'batch-1'],
      );
    });
  }

  const permanent: [number, string][] = [
    [400, 'ERP_REJECTED'],
    [401, 'ERP_AUTH_FAILED'],
    [403, 'ERP_AUTH_FAILED'],
    [404, 'ERP_REJECTED'],
    [409, 'ERP_REJECTED'],
  ];
  for (const [status, code] of permanent) {
    it(`maps ${status} to a permanent ${code}`, async () => {
      stub.answer(status, { code: 'X', message: 'no' });

      const err = await failureOf(adapter.postDayCloses({ storeId: STORE, closes: [close] }, 'k'));

      assert.ok(err instanceof ErpPermanentError);
      assert.deepEqual([err.retryable, err.code, err.status], [false, code, status]);
    });
  }

  it('carries the per-document errors of a 422', async () => {
    const errors = [
      { documentId: 'R01-000001', path: 'documents[0].lines[0].sku', message: 'unknown' },
    ];
    stub.answer(422, { code: 'UNKNOWN_SKU', errors });

    const err = await failureOf(adapter.postSales(posting, 'batch-1'));

    assert.ok(err instanceof ErpPermanentError);
    assert.equal(err.code, 'ERP_VALIDATION_FAILED');
    assert.deepEqual(err.documentErrors, errors);
    assert.deepEqual(err.body, { code: 'UNKNOWN_SKU', errors });
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    const at = new Date(Date.now() + 10_000).toUTCString();
    stub.answer(429, {}, { 'retry-after': at });

    const err = await failureOf(adapter.postSales(posting, 'batch-1'));

    assert.ok(
      err.retryAfterMs !== undefined && err.retryAfterMs > 7000 && err.retryAfterMs <= 10_000,
    );
  });

  it('sends a bearer token', async () => {
    stub.answer(200, { version: 1, currency: 'USD', items: [] });
    const withToken = createRestErpAdapter({
      baseUrl: stub.url,
      auth: { type: 'bearer', token: 'erp-token-1' },
    });

    await withToken.fetchPrices();

    assert.equal(stub.seen[0]?.headers.authorization, 'Bearer erp-token-1');
  });

  it('sends basic credentials, a custom key header, custom paths and a base path', async () => {
    stub.answer(201, {});
    const custom = createRestErpAdapter({
      baseUrl: `${stub.url}/erp/v2/`,
      auth: { type: 'basic', username: 'hub', password: 'pa:ss wörd' },
      paths: { inventory: '/stock-moves' },
      idempotencyHeader: 'X-NetSuite-Idempotency-Key',
    });
    const adjustment = {
      adjustmentId: 'A1',
      reason: 'receipt' as const,
      occurredAt: '2026-11-27T08:00:00.000Z',
      lines: [{ sku: 'SKU-0001', quantity: 5 }],
      counterpartyStoreId: null,
      reference: null,
    };

    await custom.postInventoryMovements({ storeId: STORE, adjustments: [adjustment] }, 'b-9');

    const [request] = stub.seen;
    const expected = `Basic ${Buffer.from('hub:pa:ss wörd', 'utf8').toString('base64')}`;
    assert.equal(request?.headers.authorization, expected);
    assert.equal(request?.headers['x-netsuite-idempotency-key'], 'b-9');
    assert.equal(request?.headers['idempotency-key'], undefined);
    assert.equal(request?.url, '/erp/v2/stock-moves');
  });

  it('sends no Authorization header without auth', async () => {
    stub.answer(200, { version: 1, currency: 'USD', items: [] });

    await adapter.fetchPrices();

    assert.equal(stub.seen[0]?.headers.authorization, undefined);
  });

  it('times out a silent ERP as a retryable ERP_TIMEOUT', async () => {
    stub.respond(() => {});
    const impatient = createRestErpAdapter({ baseUrl: stub.url, timeoutMs: 100 });

    const err = await failureOf(impatient.postSales(posting, 'batch-1'));

    assert.ok(err instanceof ErpRetryableError);
    assert.equal(err.code, 'ERP_TIMEOUT');
  });

  it('treats a reset connection as a retryable ERP_UNREACHABLE', async () => {
    stub.respond((_req, res) => res.socket?.destroy());

    const err = await failureOf(adapter.postSales(posting, 'batch-1'));

    assert.ok(err instanceof ErpRetryableError);
    assert.equal(err.code, 'ERP_UNREACHABLE');
    assert.ok(err.cause instanceof Error);
  });

  it('treats a refused connection as a retryable ERP_UNREACHABLE', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const nobody = createRestErpAdapter({ baseUrl: `http://127.0.0.1:${port}` });

    const err = await failureOf(nobody.fetchPrices());

    assert.ok(err instanceof ErpRetryableError);
    assert.equal(err.code, 'ERP_UNREACHABLE');
    assert.equal(err.operation, 'fetchPrices');
  });

  it('refuses a read answer it cannot use as a permanent ERP_BAD_RESPONSE', async () => {
    stub.answer(200, { prices: 'none' });

    const err = await failureOf(adapter.fetchPrices());

    assert.ok(err instanceof ErpPermanentError);
    assert.equal(err.code, 'ERP_BAD_RESPONSE');
  });

  it('asks for on-hand in chunks and merges the answers', async () => {
    stub.respond((req, res) => {
      const skus = new URL(req.url, 'http://x').searchParams.get('skus')?.split(',') ?? [];
      const items = skus.filter((s) => s !== 'X').map((sku) => ({ sku, onHand: 5 }));
      const unknownSkus = skus.filter((s) => s === 'X');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ storeId: STORE, items, unknownSkus }));
    });
    const chunked = createRestErpAdapter({ baseUrl: stub.url, onHandChunkSize: 2 });

    const answer = await chunked.fetchOnHand(STORE, ['A', 'B', 'X', 'C', 'D']);

    assert.equal(stub.seen.length, 3);
    assert.match(stub.seen[0]?.url ?? '', /^\/api\/on-hand\?storeId=S001&skus=A%2CB$/);
    assert.deepEqual(
      answer.items.map((i) => i.sku),
      ['A', 'B', 'C', 'D'],
    );
    assert.deepEqual(answer.unknownSkus, ['X']);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T12:00:00.000Z');

  it('reads seconds and HTTP dates, never negative', () => {
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter(' 120 ', now), 120_000);
    assert.equal(parseRetryAfter('Fri, 27 Nov 2026 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now), 0);
  });

  it('ignores what it cannot read', () => {
    for (const junk of [undefined, null, '', '1.5', '-3', 'soon', 'Fri, 99 Nov 2026 GMT']) {
      assert.equal(parseRetryAfter(junk, now), undefined, String(junk));
    }
  });
});
