import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runTills } from '@storesync/agent';
import mqtt from 'mqtt';
import {
  type AgentProcess,
  agentStatus,
  freePort,
  type HubProcess,
  hubLedger,
  provisionStore,
  startAgentProcess,
  startHubProcess,
} from '../support/chain.js';
import { requireService } from '../support/services.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';

const running: Array<{ kill(): Promise<void> }> = [];
const dirs: Array<{ remove(): void }> = [];
after(async () => {
  await Promise.all(running.map((p) => p.kill()));
  for (const dir of dirs) dir.remove();
});

function track<T extends { kill(): Promise<void> }>(process: T): T {
  running.push(process);
  return process;
}

async function endSession(url: string, clientId: string): Promise<void> {
  const client = await mqtt.connectAsync(url, { clientId, clean: true, reconnectPeriod: 0 });
  await client.endAsync();
}

function folders() {
  const hub = tempDir('storesync-e2e-hub-');
  const agent = tempDir('storesync-e2e-agent-');
  dirs.push(hub, agent);
  return { hubDir: hub.path, agentDir: agent.path };
}

/** Sales only: the ledger check below counts sales by transactionId. */
function postSales(url: string, tills: number, perTill: number, seed = 7) {
  return runTills({
    baseUrl: url,
    token: 'till-token',
    tills,
    transactionsPerTill: perTill,
    returnRate: 0,
    voidRate: 0,
    seed,
  });
}

function answered201(result: Awaited<ReturnType<typeof postSales>>): string[] {
  return result.answers.filter((a) => a.status === 201).map((a) => a.transactionId);
}

/** Every answered sale is in the hub exactly once, and nothing else is. */
async function assertExactlyOnce(
  hubDir: string,
  storeId: string,
  agent: AgentProcess,
  answered: string[],
): Promise<void> {
  await waitFor(
    'the agent outbox to drain into the hub',
    async () => {
      const status = await agentStatus(agent.url);
      return (
        status.outbox.critical?.depth === 0 && hubLedger(hubDir, storeId).events >= answered.length
      );
    },
    90_000,
    250,
  );

  const ledger = hubLedger(hubDir, storeId);
  assert.equal(ledger.events, answered.length, 'one hub event per answered sale');
  for (const transactionId of answered) {
    assert.equal(ledger.transactions.get(transactionId), 1, `${transactionId} stored once`);
  }
}

async function killWhenHubHas(
  hubDir: string,
  storeId: string,
  count: number,
  victim: HubProcess | AgentProcess,
) {
  await waitFor(
    `${count} events at the hub`,
    () => hubLedger(hubDir, storeId).events >= count,
    60_000,
    20,
  );
  await victim.kill();
}

test('5,000 sales reach the hub exactly once through a hub SIGKILL mid-drain', async () => {
  const { hubDir, agentDir } = folders();
  const credentials = await provisionStore(hubDir, 'S001');
  const mqttPort = await freePort();
  let hub = track(await startHubProcess(hubDir, { mqttPort }));
  const agent = track(await startAgentProcess(agentDir, 'S001', hub.mqttUrl, credentials));

  const tills = postSales(agent.url, 8, 625);
  await killWhenHubHas(hubDir, 'S001', 1_000, hub);
  hub = track(await startHubProcess(hubDir, { mqttPort }));
  const result = await tills;

  const answered = answered201(result);
  assert.equal(answered.length, 5_000, 'the tills got 201 for every sale, hub or no hub');
  await assertExactlyOnce(hubDir, 'S001', agent, answered);
});

test('no broker: tills trade; the backlog drains by itself through an agent SIGKILL', async () => {
  const { hubDir, agentDir } = folders();
  const credentials = await provisionStore(hubDir, 'S002');
  const mqttPort = await freePort();
  let agent = track(
    await startAgentProcess(agentDir, 'S002', `mqtt://127.0.0.1:${mqttPort}`, credentials),
  );

  const offline = await postSales(agent.url, 4, 500, 11);
  assert.equal(answered201(offline).length, 2_000, 'every sale answered 201 with no broker');
  assert.equal((await agentStatus(agent.url)).online, false);

  track(await startHubProcess(hubDir, { mqttPort }));
  await killWhenHubHas(hubDir, 'S002', 500, agent);
  agent = track(
    await startAgentProcess(agentDir, 'S002', `mqtt://127.0.0.1:${mqttPort}`, credentials),
  );

  await assertExactlyOnce(hubDir, 'S002', agent, answered201(offline));
});

test('the same drain works through the real Mosquitto (external broker mode)', async (t) => {
  if (!(await requireService(t, 'Mosquitto', 1883))) return;

  const { hubDir, agentDir } = folders();
  const storeId = `E${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const broker = 'mqtt://127.0.0.1:1883';
  // A hub acks only stores it knows: other runs share this broker.
  await provisionStore(hubDir, storeId);
  const hubArgs = ['--mqtt-client-id', `storesync-hub-${storeId}`];
  const hub = track(await startHubProcess(hubDir, { mqttUrl: broker }, hubArgs));
  const agent = track(await startAgentProcess(agentDir, storeId, broker, null));

  const result = await postSales(agent.url, 8, 625, 21);
  const answered = answered201(result);
  assert.equal(answered.length, 5_000);
  await assertExactlyOnce(hubDir, storeId, agent, answered);

  // Persistent sessions outlive the test on the shared broker: end them.
  await Promise.all([hub.stop(), agent.stop()]);
  await endSession(broker, `storesync-hub-${storeId}`);
  await endSession(broker, `storesync-agent-${storeId}`);
});
