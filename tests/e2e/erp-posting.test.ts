import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runTills } from '@storesync/agent';
import type { PosTransaction } from '@storesync/protocol';
import {
  type AgentProcess,
  agentStatus,
  provisionStore,
  startAgentProcess,
  startHubProcess,
} from '../support/chain.js';
import { type RunningCli, runCli, startCli } from '../support/child-process.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';

const STORES = ['S101', 'S102', 'S103', 'S104', 'S105'];
const TILLS = 8;
const PER_TILL = 500;
const UNKNOWN_SKU = 'SKU-9999';

const running: RunningCli[] = [];
const folders: Array<{ remove(): void }> = [];
after(async () => {
  await Promise.all(running.map((p) => p.kill()));
  for (const folder of folders) folder.remove();
});

function folder(prefix: string): string {
  const dir = tempDir(prefix);
  folders.push(dir);
  return dir.path;
}

interface LedgerEntry {
  storeId: string;
  transactionId: string;
  count: number;
}

async function ledger(erpUrl: string): Promise<Map<string, number>> {
  const res = await fetch(`${erpUrl}/_sandbox/ledger`);
  const body = (await res.json()) as { transactions: LedgerEntry[] };
  return new Map(body.transactions.map((t) => [`${t.storeId}/${t.transactionId}`, t.count]));
}

async function api<T>(hubUrl: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${hubUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `${path} answered ${res.status}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

async function operatorToken(hubDir: string, hubUrl: string): Promise<string> {
  const out = await runCli(['hub', 'add-operator', 'night-ops', '--data-dir', hubDir]);
  const { username, password } = JSON.parse(out.trim()) as { username: string; password: string };
  const res = await fetch(`${hubUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** A sale of an item the ERP does not know yet: it must end as a dead letter. */
function unknownSkuSale(n: number): PosTransaction {
  return {
    transactionId: `R99-${String(n).padStart(6, '0')}`,
    terminalId: 'R99',
    type: 'sale',
    occurredAt: new Date().toISOString(),
    currency: 'USD',
    lines: [{ sku: UNKNOWN_SKU, quantity: 1, unitPrice: 500, discount: 0, tax: 0 }],
    tenders: [{ method: 'cash', amount: 500 }],
    total: 500,
    originalTransactionId: null,
  };
}

async function postUnknownSkuSales(agent: AgentProcess, count: number): Promise<string[]> {
  const sales = Array.from({ length: count }, (_, i) => unknownSkuSale(i + 1));
  const res = await fetch(`${agent.url}/v1/transactions`, {
    method: 'POST',
    headers: { authorization: 'Bearer till-token', 'content-type': 'application/json' },
    body: JSON.stringify(sales),
  });
  assert.equal(res.status, 201);
  return sales.map((s) => s.transactionId);
}

test('20,000 sales from five stores reach a faulty ERP once each; dead letters replay once', {
  timeout: 600_000,
}, async () => {
  const erp = await startCli(
    [
      'erp-sandbox',
      '--port',
      '0',
      '--latency-ms',
      '50',
      '--rate-limit',
      '20',
      '--error-rate',
      '0.2',
    ],
    'erp sandbox listening',
    { STORESYNC_LOG_LEVEL: 'info' },
  );
  running.push(erp);
  const erpUrl = String(erp.ready.url);

  const hubDir = folder('storesync-e2e-posting-hub-');
  const credentials = await Promise.all(STORES.map((id) => provisionStore(hubDir, id)));
  const hub = await startHubProcess(hubDir, { mqttPort: 0 }, ['--erp-url', erpUrl]);
  running.push(hub);

  // One at a time: five cold starts at once can take a minute on two cores.
  const agents: AgentProcess[] = [];
  for (const [i, id] of STORES.entries()) {
    const dir = folder(`storesync-e2e-${id}-`);
    const agent = await startAgentProcess(dir, id, hub.mqttUrl, credentials[i] ?? null);
    running.push(agent);
    agents.push(agent);
  }

  // The ERP goes down for 30 seconds while the stores are selling.
  const outage = fetch(`${erpUrl}/_sandbox/outage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ durationMs: 30_000 }),
  });
  const results = await Promise.all(
    agents.map((agent, i) =>
      runTills({
        baseUrl: agent.url,
        token: 'till-token',
        tills: TILLS,
        transactionsPerTill: PER_TILL,
        seed: 100 + i,
      }),
    ),
  );
  assert.equal((await outage).status < 300, true, 'the outage started');
  const firstAgent = agents[0];
  assert.ok(firstAgent);
  const deadOnes = await postUnknownSkuSales(firstAgent, 5);

  const expected = new Set<string>();
  results.forEach((result, i) => {
    for (const answer of result.answers) {
      assert.equal(answer.status, 201, `${STORES[i]} ${answer.transactionId} answered 201`);
      expected.add(`${STORES[i]}/${answer.transactionId}`);
    }
  });
  assert.equal(expected.size, STORES.length * TILLS * PER_TILL);

  const booked = await waitFor(
    'every known-SKU transaction booked in the ERP',
    async () => {
      const entries = await ledger(erpUrl);
      return [...expected].every((key) => entries.has(key)) ? entries : null;
    },
    420_000,
    1_000,
  );
  for (const key of expected) assert.equal(booked.get(key), 1, `${key} booked once`);
  for (const id of deadOnes) assert.equal(booked.has(`${STORES[0]}/${id}`), false);
  assert.equal(booked.size, expected.size, 'nothing booked that the tills did not sell');
  for (const agent of agents)
    assert.equal((await agentStatus(agent.url)).outbox.critical?.depth, 0);

  // Operators see the dead letters, fix the cause, and replay them.
  const token = await operatorToken(hubDir, hub.httpUrl);
  const { deadLetters } = await waitFor('five dead letters', async () => {
    const page = await api<{ deadLetters: Array<{ id: number; documentId: string }> }>(
      hub.httpUrl,
      '/api/dead-letters?state=open',
      token,
    );
    return page.deadLetters.length >= deadOnes.length ? page : null;
  });
  assert.deepEqual(deadLetters.map((d) => d.documentId).sort(), [...deadOnes].sort());

  await fetch(`${erpUrl}/_sandbox/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ sku: UNKNOWN_SKU, price: 500, onHand: 50 }]),
  });
  await api(hub.httpUrl, '/api/dead-letters/replay', token, { ids: deadLetters.map((d) => d.id) });

  const afterReplay = await waitFor(
    'the replayed sales booked',
    async () => {
      const entries = await ledger(erpUrl);
      return deadOnes.every((id) => entries.has(`${STORES[0]}/${id}`)) ? entries : null;
    },
    120_000,
    500,
  );
  for (const id of deadOnes) assert.equal(afterReplay.get(`${STORES[0]}/${id}`), 1);
  assert.equal(afterReplay.size, expected.size + deadOnes.length);
});
