import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestAgent, sale, type TestAgent, tillHeaders } from './agent-fixture.js';

describe('agent on a full disk', () => {
  let agent: TestAgent;
  before(() => {
    // A store file capped at a few pages fills after some sales: a real SQLITE_FULL.
    agent = createTestAgent({ maxPageCount: 40 });
  });
  after(() => agent.close());

  const post = (id: string) =>
    agent.app.inject({
      method: 'POST',
      url: '/v1/transactions',
      headers: tillHeaders(),
      payload: JSON.stringify(sale(id)),
    });

  it('answers 507 DISK_FULL once the store cannot write, and keeps answering reads', async () => {
    let last = await post('R01-000000');
    for (let i = 1; i < 2000 && last.statusCode === 201; i++) {
      last = await post(`R01-${String(i).padStart(6, '0')}`);
    }

    assert.equal(last.statusCode, 507);
    assert.equal(last.json().code, 'DISK_FULL');
    assert.ok(agent.logs.some((l) => l.msg === 'request failed' && l.level === 50));

    const status = await agent.app.inject({ method: 'GET', url: '/v1/status' });
    assert.equal(status.statusCode, 200);
    assert.ok(status.json().outbox.critical.depth > 0);

    const metrics = (await agent.app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(metrics, /storesync_agent_http_errors_total\{status="507",code="DISK_FULL"\} 1/);
  });
});
