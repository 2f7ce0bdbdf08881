import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type AgentLinkContext, createPosClient, startAgent } from '@storesync/agent';
import { tempDir } from '../support/temp-dir.js';
import { memoryLogger, testConfig } from './agent-fixture.js';

/** A link double that records the calls the agent makes on the hook. */
function linkFactory(calls: string[]) {
  const contexts: AgentLinkContext[] = [];
  const factory = (context: AgentLinkContext) => {
    contexts.push(context);
    return {
      start: () => void calls.push('start'),
      drainNow: () => void calls.push('drainNow'),
      state: () => ({ online: true, lastAckAt: '2026-11-27T14:00:00.000Z' }),
      close: async () => void calls.push('close'),
    };
  };
  return { factory, contexts };
}

describe('startAgent', () => {
  const dir = tempDir('storesync-start-');
  after(() => dir.remove());

  it('trades offline without an MQTT URL even when a link is offered', async () => {
    const calls: string[] = [];
    const { factory, contexts } = linkFactory(calls);
    const logs: Array<Record<string, unknown>> = [];
    const config = testConfig(`${dir.path}/offline`);
    const agent = await startAgent(config, { link: factory, logger: memoryLogger(config, logs) });

    const client = createPosClient({ baseUrl: agent.url, token: null });
    const status = await client.get<{ online: boolean }>('/v1/status');
    client.close();
    await agent.close();

    assert.equal(status.body.online, false);
    assert.equal(contexts.length, 0);
    assert.deepEqual(calls, []);
    const listening = logs.find((l) => l.msg === 'agent listening');
    assert.equal(listening?.url, agent.url);
    assert.equal(listening?.storeId, 'S001');
  });

  it('builds the link once the db is open, starts, drains on request, closes', async () => {
    const calls: string[] = [];
    const { factory, contexts } = linkFactory(calls);
    const config = testConfig(`${dir.path}/linked`, { mqttUrl: 'mqtt://127.0.0.1:1883' });
    const agent = await startAgent(config, { link: factory, logger: memoryLogger(config, []) });

    const client = createPosClient({ baseUrl: agent.url, token: null });
    const status = await client.get<{ online: boolean; lastAckAt: string }>('/v1/status');
    const sync = await client.post('/v1/sync', {});
    client.close();
    await agent.close();

    assert.equal(contexts.length, 1);
    assert.equal(contexts[0]?.db.storeId, 'S001');
    assert.equal(contexts[0]?.config, config);
    assert.equal(status.body.online, true);
    assert.equal(status.body.lastAckAt, '2026-11-27T14:00:00.000Z');
    assert.equal(sync.status, 202);
    assert.deepEqual(calls, ['start', 'drainNow', 'close']);
  });
});
