import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createPosClient, type PosClient } from '@storesync/agent';
import { type RunningCli, startCli } from '../support/child-process.js';
import { tempDir } from '../support/temp-dir.js';
import { sale, TOKEN } from './agent-fixture.js';

const BURST = 4000;
const KILL_AFTER_CREATED = 500;
const TILLS = 32;

/** The real CLI on port 0; the agent logs its URL in the `agent listening` line. */
async function startAgentProcess(dataDir: string): Promise<{ cli: RunningCli; url: string }> {
  const args = ['agent', '--store-id', 'S001', '--data-dir', dataDir, '--http-port', '0'];
  const cli = await startCli([...args, '--terminal-token', TOKEN], 'agent listening');
  return { cli, url: String(cli.ready.url) };
}

interface Created {
  transactionId: string;
  eventId: string;
}

/** Tills post until the agent is killed under them; returns every 201 they got. */
async function burstUntilKilled(client: PosClient, cli: RunningCli): Promise<Created[]> {
  const created: Created[] = [];
  let next = 0;
  let killing: Promise<void> | null = null;

  const till = async () => {
    while (next < BURST) {
      const id = `R01-${String(next++).padStart(6, '0')}`;
      const answer = await client.post('/v1/transactions', sale(id)).catch(() => null);
      if (answer?.status === 201)
        created.push({ transactionId: id, eventId: (answer.body as Created).eventId });
      if (created.length >= KILL_AFTER_CREATED) killing ??= cli.kill();
      if (!answer) return;
    }
  };

  await Promise.all(Array.from({ length: TILLS }, till));
  await killing;
  return created;
}

describe('agent killed mid-burst', () => {
  const dir = tempDir('storesync-crash-');
  const running: RunningCli[] = [];
  after(async () => {
    for (const cli of running) await cli.stop();
    dir.remove();
  });

  it('still has every transaction it answered 201 after a SIGKILL and restart', async () => {
    const first = await startAgentProcess(dir.path);
    running.push(first.cli);
    const client = createPosClient({ baseUrl: first.url, token: TOKEN });
    const created = await burstUntilKilled(client, first.cli);
    client.close();

    assert.equal(first.cli.child.signalCode, 'SIGKILL');
    assert.ok(created.length >= KILL_AFTER_CREATED);
    assert.ok(created.length < BURST, 'the kill landed mid-burst');

    const second = await startAgentProcess(dir.path);
    running.push(second.cli);
    const restarted = createPosClient({ baseUrl: second.url, token: TOKEN });
    try {
      // A repeat is answered 200 with the eventId of the stored original: proof it survived.
      for (const { transactionId, eventId } of created) {
        const again = await restarted.post('/v1/transactions', sale(transactionId));
        assert.equal(again.status, 200, `${transactionId} was answered 201 but is gone`);
        assert.equal((again.body as Created).eventId, eventId);
      }

      const status = await restarted.get<{ outbox: { critical: { depth: number } } }>('/v1/status');
      assert.ok(status.body.outbox.critical.depth >= created.length);
    } finally {
      restarted.close();
    }
  });
});
