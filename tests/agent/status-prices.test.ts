import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgentLink } from '@storesync/agent';
import { catalogueAsPriceBook, createCatalogue } from '@storesync/agent';
import { createTestAgent, sale, type TestAgent, TOKEN, tillHeaders } from './agent-fixture.js';

/** A link double that records what the agent asked of it. */
function recordingLink(): AgentLink & { drains: number } {
  return {
    drains: 0,
    start() {},
    drainNow() {
      this.drains += 1;
    },
    state: () => ({ online: true, lastAckAt: null }),
    close: async () => {},
  };
}

describe('agent status, prices and sync without a hub link', () => {
  let agent: TestAgent;
  before(() => {
    agent = createTestAgent();
  });
  after(() => agent.close());

  it('shows the store offline with its backlog, version and uptime', async () => {
    await agent.app.inject({
      method: 'POST',
      url: '/v1/transactions',
      headers: tillHeaders(),
      payload: JSON.stringify(sale('R01-000001')),
    });

    const res = await agent.app.inject({ method: 'GET', url: '/v1/status' });
    assert.equal(res.statusCode, 200);
    const status = res.json();
    assert.equal(status.storeId, 'S001');
    assert.equal(status.online, false);
    assert.equal(status.lastAckAt, null);
    assert.equal(status.priceBookVersion, null);
    assert.equal(status.outbox.critical.depth, 1);
    assert.equal(typeof status.outbox.critical.oldestAgeMs, 'number');
    assert.equal(status.outbox.telemetry.depth, 0);
    assert.deepEqual(status.problems, []);
    assert.deepEqual(status.quarantine, { count: 0, latest: [] });
    assert.equal(status.agentVersion, '0.1.0');
    assert.ok(status.uptimeSeconds >= 0);
  });

  it('answers the status to this machine, and to others only with a terminal token', async () => {
    const remote = { method: 'GET' as const, url: '/v1/status', remoteAddress: '10.0.0.7' };
    assert.equal((await agent.app.inject(remote)).statusCode, 401);

    const withToken = { ...remote, headers: { authorization: `Bearer ${TOKEN}` } };
    assert.equal((await agent.app.inject(withToken)).statusCode, 200);
  });

  it('answers prices from the local price book: 200 if known, else 404 NOT_FOUND', async () => {
    assert.equal(
      (await agent.app.inject({ method: 'GET', url: '/v1/prices/SKU-0042' })).statusCode,
      404,
    );

    const catalogue = createCatalogue();
    agent.db.applyPriceBook(catalogueAsPriceBook(catalogue, 3));
    const res = await agent.app.inject({ method: 'GET', url: '/v1/prices/SKU-0042' });
    assert.equal(res.statusCode, 200);
    const item = catalogue[41];
    assert.deepEqual(res.json(), {
      sku: 'SKU-0042',
      price: item?.price,
      currency: 'USD',
      description: item?.description,
      version: 3,
    });

    const missing = await agent.app.inject({ method: 'GET', url: '/v1/prices/SKU-9999' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'NOT_FOUND');
    const status = (await agent.app.inject({ method: 'GET', url: '/v1/status' })).json();
    assert.equal(status.priceBookVersion, 3);
  });

  it('answers a sync request 503 HUB_LINK_UNAVAILABLE when there is no hub link', async () => {
    const res = await agent.app.inject({ method: 'POST', url: '/v1/sync' });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().code, 'HUB_LINK_UNAVAILABLE');
  });

  it('exposes capture, outbox and quarantine metrics from its own registry', async () => {
    const res = await agent.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/plain/);
    assert.match(
      res.body,
      /storesync_agent_captures_total\{kind="transaction",outcome="created"\} 1/,
    );
    assert.match(res.body, /storesync_agent_outbox_depth\{class="critical"\} 1/);
    assert.match(res.body, /storesync_agent_outbox_oldest_age_seconds\{class="critical"\} /);
    assert.match(res.body, /storesync_agent_quarantine_entries 0/);
    assert.match(
      res.body,
      /storesync_agent_capture_duration_seconds_count\{kind="transaction"\} 1/,
    );
  });
});

describe('agent with a hub link', () => {
  const link = recordingLink();
  let agent: TestAgent;
  before(() => {
    agent = createTestAgent({ link });
  });
  after(() => agent.close());

  it('shows the link state and drains on POST /v1/sync with 202', async () => {
    const status = (await agent.app.inject({ method: 'GET', url: '/v1/status' })).json();
    assert.equal(status.online, true);

    const res = await agent.app.inject({ method: 'POST', url: '/v1/sync' });
    assert.equal(res.statusCode, 202);
    assert.equal(link.drains, 1);
  });
});
