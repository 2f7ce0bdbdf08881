import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import type { MqttClient } from 'mqtt';
import { batchOf, connectStore, publishForAck, saleEvent } from '../hub/hub-fixtures.js';
import { type HubProcess, provisionStore, startHubProcess } from '../support/chain.js';
import { type RunningCli, runCli, startCli } from '../support/child-process.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';

const STORE = 'S001';
const SALES = 30;
const running: RunningCli[] = [];
const dir = tempDir('posting-sigkill-');
after(async () => {
  await Promise.all(running.map((p) => p.kill()));
  dir.remove();
});

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  return (await res.json()) as T;
}

interface Ledger {
  transactions: Array<{ transactionId: string; count: number }>;
}

/** Posting batches as the hub recorded them, through a read-only connection. */
function hubBatches(): Array<{ state: string; erp_replayed: number; attempts: number }> {
  const db = new Database(join(dir.path, 'hub.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT state, erp_replayed, attempts FROM posting_batches').all() as never;
  } finally {
    db.close();
  }
}

async function startHub(erpUrl: string): Promise<HubProcess> {
  const hub = await startHubProcess(dir.path, { mqttPort: 0 }, [
    ...['--mqtt-host', '127.0.0.1', '--erp-url', erpUrl],
    ...['--posting-batch-size', '10', '--posting-batch-window-ms', '50'],
  ]);
  running.push(hub);
  return hub;
}

async function sellThirty(hub: HubProcess, password: string): Promise<void> {
  let client: MqttClient | undefined;
  try {
    client = await connectStore(hub, STORE, password);
    const events = Array.from({ length: SALES }, (_, i) => saleEvent(STORE, i + 1));
    const ack = await publishForAck(client, STORE, batchOf(STORE, events));
    assert.equal(ack.accepted.length, SALES);
  } finally {
    await client?.endAsync(true);
  }
}

test('a hub SIGKILLed between its ERP send and recording the answer posts nothing twice', {
  timeout: 60_000,
}, async () => {
  const [sandbox, { mqttPassword }] = await Promise.all([
    startCli(
      ['erp-sandbox', '--port', '0', '--latency-ms', '500', '--log-level', 'info'],
      'erp sandbox listening',
    ),
    provisionStore(dir.path, STORE),
  ]);
  running.push(sandbox);
  const erpUrl = String(sandbox.ready.url);

  const first = await startHub(erpUrl);
  await sellThirty(first, mqttPassword);
  const stats = () => getJson<{ inFlight: number }>(`${erpUrl}/_sandbox/stats`);
  await waitFor('ERP requests in flight', async () => (await stats()).inFlight >= 1, 10_000, 10);
  await first.kill();

  assert.ok(
    hubBatches().some((b) => b.state === 'sending'),
    'killed with a batch in flight',
  );
  // The ERP goes on with requests whose sender died: it posts what the hub never heard of.
  const ledger = () => getJson<Ledger>(`${erpUrl}/_sandbox/ledger`);
  await waitFor('the ERP applied a request in flight', async () => {
    return (await ledger()).transactions.length > 0;
  });

  const second = await startHub(erpUrl);
  await waitFor('every batch posted', () => hubBatches().every((b) => b.state === 'posted'));
  const posted = (await ledger()).transactions;
  assert.equal(posted.length, SALES);
  assert.ok(
    posted.every((t) => t.count === 1),
    'no transaction posted twice',
  );
  const replayed = hubBatches().filter((b) => b.erp_replayed === 1);
  assert.ok(replayed.length > 0, 'the ERP answered the resend from its idempotency store');
  assert.ok(replayed.every((b) => b.attempts === 2));

  const metrics = await (await fetch(`${second.httpUrl}/metrics`)).text();
  assert.match(metrics, /storesync_hub_erp_replayed_answers_total [1-9]/);
  assert.match(metrics, /storesync_hub_posting_queue_depth\{kind="sales"\} 0/);
  await second.stop();
  assert.equal(second.child.exitCode, 0);
});

test('`storesync hub` documents the posting options and refuses bad ones', {
  timeout: 30_000,
}, async () => {
  const help = await runCli(['hub', '--help']);
  for (const option of [
    '--erp-token',
    '--erp-username',
    '--erp-password',
    '--erp-timeout-ms',
    '--posting-batch-size',
    '--posting-batch-window-ms',
    '--erp-concurrency',
    '--erp-rate-limit',
    'STORESYNC_ERP_RATE_LIMIT',
  ]) {
    assert.ok(help.includes(option), `--help lists ${option}`);
  }

  const base = ['hub', '--data-dir', dir.path, '--http-port', '0', '--mqtt-port', '0'];
  const erp = ['--erp-url', 'http://127.0.0.1:9'];
  await assert.rejects(
    runCli([...base, ...erp], { STORESYNC_POSTING_BATCH_SIZE: '0' }),
    /batchSize: must be an integer from 1 to 5000/,
  );
  await assert.rejects(
    runCli([...base, ...erp, '--erp-token', 't', '--erp-username', 'u']),
    /--erp-token.*cannot be used with/,
  );
});
