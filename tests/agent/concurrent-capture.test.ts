import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPosClient, type PosClient, type StartedAgent, startAgent } from '@storesync/agent';
import { tempDir } from '../support/temp-dir.js';
import { sale, TOKEN, testConfig } from './agent-fixture.js';

describe('1,000 concurrent posts over HTTP', () => {
  const dir = tempDir('storesync-agent-');
  let agent: StartedAgent;
  let client: PosClient;

  before(async () => {
    agent = await startAgent(testConfig(dir.path, { logLevel: 'warn' }));
    client = createPosClient({ baseUrl: agent.url, token: TOKEN });
  });
  after(async () => {
    client.close();
    await agent.close();
    dir.remove();
  });

  const ids = Array.from(
    { length: 1000 },
    (_, i) => `R${String(i % 20).padStart(2, '0')}-${String(i).padStart(6, '0')}`,
  );

  it('answers every one 201 and stores each once', async () => {
    const answers = await Promise.all(ids.map((id) => client.post('/v1/transactions', sale(id))));

    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
    const eventIds = new Set(answers.map((a) => (a.body as { eventId: string }).eventId));
    assert.equal(eventIds.size, 1000);

    const status = await client.get<{ outbox: { critical: { depth: number } } }>('/v1/status');
    assert.equal(status.body.outbox.critical.depth, 1000);
  });

  it('answers the same 1,000 again 200 duplicate:true and stores nothing more', async () => {
    const answers = await Promise.all(ids.map((id) => client.post('/v1/transactions', sale(id))));

    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    assert.ok(answers.every((a) => (a.body as { duplicate: boolean }).duplicate === true));
    const status = await client.get<{ outbox: { critical: { depth: number } } }>('/v1/status');
    assert.equal(status.body.outbox.critical.depth, 1000);
  });
});
