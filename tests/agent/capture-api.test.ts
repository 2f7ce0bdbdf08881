import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestAgent, sale, type TestAgent, tillHeaders } from './agent-fixture.js';

describe('agent capture API', () => {
  let agent: TestAgent;
  before(() => {
    agent = createTestAgent();
  });
  after(() => agent.close());

  const post = (url: string, payload: unknown) =>
    agent.app.inject({
      method: 'POST',
      url,
      headers: tillHeaders(),
      payload: JSON.stringify(payload),
    });

  it('answers a new sale 201 after the commit and a repeat 200 with duplicate:true', async () => {
    const first = await post('/v1/transactions', sale('R01-000001'));
    assert.equal(first.statusCode, 201);
    const created = first.json();
    assert.equal(created.transactionId, 'R01-000001');
    assert.equal(created.duplicate, false);
    assert.deepEqual(created.reviewFlags, []);
    assert.match(created.eventId, /^[0-9a-f-]{36}$/);
    assert.ok(Number.isInteger(created.seq));

    const repeat = await post('/v1/transactions', sale('R01-000001'));
    assert.equal(repeat.statusCode, 200);
    assert.equal(repeat.json().duplicate, true);
    assert.equal(repeat.json().eventId, created.eventId);
    assert.equal(agent.db.backlog().critical.depth, 1);
  });

  it('answers an array with results in order: 201 if any is new, 200 if all repeat', async () => {
    const batch = [sale('R01-000001'), sale('R01-000002'), sale('R01-000003')];
    const mixed = await post('/v1/transactions', batch);
    assert.equal(mixed.statusCode, 201);
    const flags = mixed.json().results.map((r: { duplicate: boolean }) => r.duplicate);
    assert.deepEqual(flags, [true, false, false]);
    assert.deepEqual(
      mixed.json().results.map((r: { transactionId: string }) => r.transactionId),
      ['R01-000001', 'R01-000002', 'R01-000003'],
    );

    const again = await post('/v1/transactions', batch);
    assert.equal(again.statusCode, 200);
    assert.ok(again.json().results.every((r: { duplicate: boolean }) => r.duplicate));
    assert.equal(agent.db.backlog().critical.depth, 3);
  });

  it('refuses a whole array when one element is bad, naming every bad path', async () => {
    const bad = [
      sale('R01-000010'),
      sale('R01-000011', { total: '12.00' }),
      sale('R01-000012', { lines: [{ sku: 'SKU-1', quantity: -1, unitPrice: 19.99 }] }),
    ];
    const res = await post('/v1/transactions', bad);
    assert.equal(res.statusCode, 400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    assert.deepEqual(paths.sort(), [
      '[1].total',
      '[2].lines[0].quantity',
      '[2].lines[0].unitPrice',
    ]);

    const status = await agent.app.inject({ method: 'GET', url: '/v1/status' });
    assert.equal(status.json().outbox.critical.depth, 3, 'nothing of the refused array was stored');
  });

  it('refuses arrays over 500 items', async () => {
    const many = Array.from({ length: 501 }, (_, i) => sale(`R09-${String(i).padStart(6, '0')}`));
    const res = await post('/v1/transactions', many);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].path, '(body)');
    assert.match(res.json().errors[0].message, /at most 500/);
  });

  it('stores a sale whose totals do not add up, flags it and shows it in the status', async () => {
    const res = await post('/v1/transactions', sale('R01-000020', { total: 5000 }));
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json().reviewFlags, ['lines_total_mismatch', 'tenders_total_mismatch']);

    const status = (await agent.app.inject({ method: 'GET', url: '/v1/status' })).json();
    const item = status.review.find(
      (r: { transactionId: string }) => r.transactionId === 'R01-000020',
    );
    assert.deepEqual(item?.flags, ['lines_total_mismatch', 'tenders_total_mismatch']);
    const warned = agent.logs.find((l) => l.msg === 'capture flagged');
    assert.equal(warned?.transactionId, 'R01-000020');
    assert.equal(warned?.storeId, 'S001');
  });

  it('captures inventory adjustments and a day close, each once', async () => {
    const adjustment = {
      adjustmentId: 'ADJ-000001',
      reason: 'receipt',
      occurredAt: '2026-11-27T08:00:00.000Z',
      lines: [{ sku: 'SKU-0042', quantity: 24 }],
    };
    const adj = await post('/v1/inventory/adjustments', adjustment);
    assert.equal(adj.statusCode, 201);
    assert.equal(adj.json().adjustmentId, 'ADJ-000001');
    assert.equal((await post('/v1/inventory/adjustments', [adjustment])).statusCode, 200);

    const close = {
      businessDate: '2026-11-27',
      closedAt: '2026-11-27T22:00:00.000Z',
      currency: 'USD',
      transactionCount: 4,
      totals: [{ method: 'card', amount: 17272 }],
    };
    const dc = await post('/v1/day-close', close);
    assert.equal(dc.statusCode, 201);
    assert.equal(dc.json().businessDate, '2026-11-27');
    assert.equal((await post('/v1/day-close', close)).json().duplicate, true);

    const backlog = agent.db.backlog();
    assert.equal(backlog.inventory.depth, 1);
    assert.equal(backlog.finance.depth, 1);
  });

  it("carries the till's x-request-id as the event's correlation id", async () => {
    const res = await agent.app.inject({
      method: 'POST',
      url: '/v1/transactions',
      headers: { ...tillHeaders(), 'x-request-id': 'R01-req-77' },
      payload: JSON.stringify(sale('R01-000030')),
    });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers['x-request-id'], 'R01-req-77');

    const events = agent.db.claimBatch({ maxEvents: 100, maxBytes: 10_000_000 });
    const event = events.find((e) => e.eventId === res.json().eventId);
    assert.equal(JSON.parse(event?.envelope ?? '{}').correlationId, 'R01-req-77');
    agent.db.resetInFlight();
  });

  it('refuses an adjustment that moves zero stock, naming the line', async () => {
    const res = await post('/v1/inventory/adjustments', {
      adjustmentId: 'ADJ-000002',
      reason: 'shrink',
      occurredAt: '2026-11-27T08:00:00.000Z',
      lines: [{ sku: 'SKU-0042', quantity: 0 }],
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].path, 'lines[0].quantity');
  });
});
