import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestAgent, sale, type TestAgent, TOKEN, tillHeaders } from './agent-fixture.js';

interface Refusal {
  name: string;
  headers?: Record<string, string>;
  payload: string;
  status: number;
  code: string;
  /** A path the 400 must name. */
  path?: string;
  quarantined: boolean;
}

const good = (id: string) => JSON.stringify(sale(id));

const REFUSALS: Refusal[] = [
  {
    name: 'not JSON',
    payload: '{"transactionId": "R01-',
    status: 400,
    code: 'INVALID_JSON',
    quarantined: true,
  },
  { name: 'empty body', payload: '', status: 400, code: 'INVALID_JSON', quarantined: true },
  {
    name: 'wrong types',
    payload: JSON.stringify(sale('R02-000001', { total: '43.18', lines: 'SKU-0042' })),
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'total',
    quarantined: true,
  },
  {
    name: 'missing ids',
    payload: JSON.stringify({ ...sale('x'), transactionId: undefined, terminalId: undefined }),
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'transactionId',
    quarantined: true,
  },
  {
    name: 'float money',
    payload: JSON.stringify(
      sale('R02-000002', { lines: [{ sku: 'SKU-0042', quantity: 1, unitPrice: 19.99 }] }),
    ),
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'lines[0].unitPrice',
    quarantined: true,
  },
  {
    name: 'negative quantity',
    payload: JSON.stringify(
      sale('R02-000003', { lines: [{ sku: 'SKU-0042', quantity: -2, unitPrice: 1999 }] }),
    ),
    status: 400,
    code: 'VALIDATION_FAILED',
    path: 'lines[0].quantity',
    quarantined: true,
  },
  {
    name: 'oversized body',
    payload: JSON.stringify({ ...sale('R02-000004'), padding: 'x'.repeat(5000) }),
    status: 413,
    code: 'BODY_TOO_LARGE',
    quarantined: true,
  },
  {
    name: 'wrong content type',
    headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` },
    payload: good('R02-000005'),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    quarantined: true,
  },
  {
    name: 'wrong token',
    headers: tillHeaders('not-a-till'),
    payload: good('R02-000006'),
    status: 401,
    code: 'UNAUTHORIZED',
    quarantined: false,
  },
  {
    name: 'missing token',
    headers: tillHeaders(null),
    payload: good('R02-000007'),
    status: 401,
    code: 'UNAUTHORIZED',
    quarantined: false,
  },
];

describe('agent refusals', () => {
  let agent: TestAgent;
  before(() => {
    agent = createTestAgent({ bodyLimitBytes: 4096 });
  });
  after(() => agent.close());

  let next = 1;
  for (const refusal of REFUSALS) {
    it(`${refusal.name}: ${refusal.status} ${refusal.code}, still serving`, async () => {
      const before = agent.db.listQuarantine(1)[0]?.id ?? 0;
      const res = await agent.app.inject({
        method: 'POST',
        url: '/v1/transactions',
        headers: refusal.headers ?? tillHeaders(),
        payload: refusal.payload,
      });

      assert.equal(res.statusCode, refusal.status);
      assert.equal(res.json().code, refusal.code);
      assert.ok(res.json().message.length > 0);
      if (refusal.path) {
        assert.ok(
          res.json().errors.some((e: { path: string }) => e.path === refusal.path),
          res.body,
        );
      }

      const latest = agent.db.listQuarantine(1)[0];
      assert.equal((latest?.id ?? 0) > before, refusal.quarantined, 'quarantined?');
      if (refusal.quarantined) {
        assert.equal(latest?.source, 'pos:transactions');
        assert.equal(JSON.parse(latest?.reason ?? '{}').code, refusal.code);
      }

      const goodPost = await agent.app.inject({
        method: 'POST',
        url: '/v1/transactions',
        headers: tillHeaders(),
        payload: good(`R03-${String(next++).padStart(6, '0')}`),
      });
      assert.equal(goodPost.statusCode, 201);
    });
  }

  it('keeps the refused body verbatim and shows the quarantine in the status', async () => {
    const body = JSON.stringify(
      sale('R04-000001', { lines: [{ sku: 'SKU-0042', quantity: 1, unitPrice: 19.99 }] }),
    );
    await agent.app.inject({
      method: 'POST',
      url: '/v1/transactions',
      headers: tillHeaders(),
      payload: body,
    });

    const status = (await agent.app.inject({ method: 'GET', url: '/v1/status' })).json();
    assert.equal(status.quarantine.count, REFUSALS.filter((r) => r.quarantined).length + 1);
    assert.equal(status.quarantine.latest[0].rawBody, body);
    const reason = JSON.parse(status.quarantine.latest[0].reason);
    assert.equal(reason.errors[0].path, 'lines[0].unitPrice');
  });

  it('answers unknown routes 404 NOT_FOUND and does not quarantine them', async () => {
    const res = await agent.app.inject({ method: 'GET', url: '/v1/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'NOT_FOUND');
  });

  it('counts refusals in the metrics by status and code', async () => {
    const metrics = (await agent.app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(
      metrics,
      /storesync_agent_http_errors_total\{status="401",code="UNAUTHORIZED"\} 2/,
    );
    assert.match(
      metrics,
      /storesync_agent_http_errors_total\{status="413",code="BODY_TOO_LARGE"\} 1/,
    );
    assert.match(
      metrics,
      /storesync_agent_captures_total\{kind="transaction",outcome="rejected"\} 9/,
    );
  });
});
