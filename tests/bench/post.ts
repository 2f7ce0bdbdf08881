// ERP posting benchmark: transactions posted per second by the hub's posting
// pipeline against the ERP sandbox at 50 ms latency and 20 requests/s, beside
// the naive rate of one request per transaction through the same adapter and
// the same sandbox settings, measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createHubLogger,
  createHubMetrics,
  createPendingReader,
  createPostingMetrics,
  createRestErpAdapter,
  type ErpAdapter,
  ErpRetryableError,
  type HubStore,
  type LedgerEvent,
  openHubStore,
  PostingPipeline,
  type RunningErpSandbox,
  startErpSandbox,
} from '@storesync/central-hub';
import { newEventId, type PosTransaction, posTransaction } from '@storesync/protocol';

const STORES = ['S001', 'S002', 'S003', 'S004', 'S005'];
const TRANSACTIONS = 10_000;
const SANDBOX = { latencyMs: 50, rateLimit: 20 };
const NAIVE_SECONDS = 5;
const BATCH_SIZES = [100, 500];
const RUNS = 3;
const OCCURRED_AT = '2026-11-27T14:03:11.123Z';

function transaction(storeId: string, n: number): PosTransaction {
  return posTransaction.parse({
    transactionId: `${storeId}-${String(n).padStart(6, '0')}`,
    terminalId: 'R01',
    type: 'sale',
    occurredAt: OCCURRED_AT,
    currency: 'USD',
    lines: [{ sku: `SKU-${String((n % 1000) + 1).padStart(4, '0')}`, quantity: 1, unitPrice: 999 }],
    tenders: [{ method: 'card', amount: 999 }],
    total: 999,
  });
}

function eventOf(storeId: string, n: number): LedgerEvent {
  const body = transaction(storeId, n);
  const envelope = {
    eventId: newEventId(),
    storeId,
    seq: n,
    class: 'critical' as const,
    kind: 'sale' as const,
    occurredAt: OCCURRED_AT,
    capturedAt: OCCURRED_AT,
    correlationId: `bench-${n}`,
    schemaVersion: 1,
    body,
  };
  const { eventId, seq, class: cls, kind, occurredAt, capturedAt } = envelope;
  const text = JSON.stringify(envelope);
  return { eventId, storeId, seq, class: cls, kind, occurredAt, capturedAt, envelope: text };
}

/** The transactions as ingested events, interleaved by store as they would arrive. */
function ingestAll(store: HubStore): void {
  const perStore = TRANSACTIONS / STORES.length;
  const receivedAt = new Date().toISOString();
  store.transaction(() => {
    for (let n = 1; n <= perStore; n++) {
      for (const storeId of STORES) store.events.insert(eventOf(storeId, n), 'bench', receivedAt);
    }
  });
}

async function postedAll(store: HubStore): Promise<void> {
  const posted = store.db
    .prepare("SELECT COUNT(*) FROM events WHERE posting_state = 'posted'")
    .pluck();
  while ((posted.get() as number) < TRANSACTIONS) await sleep(20);
}

/** Pipeline rate: transactions per second from start until all are posted. */
async function pipelineRate(sandbox: RunningErpSandbox, batchSize: number): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-post-'));
  const store = openHubStore(folder);
  try {
    ingestAll(store);
    const hubMetrics = createHubMetrics(store.stores);
    const metrics = createPostingMetrics(hubMetrics.registry, {
      pending: createPendingReader(store.db),
      openDeadLetters: () => 0,
      now: () => new Date(),
    });
    const adapter = createRestErpAdapter({ baseUrl: sandbox.url });
    const logger = createHubLogger('silent');
    const options = { batchSize };
    const pipeline = new PostingPipeline({ store, adapter, metrics, logger, options });

    const started = performance.now();
    pipeline.start();
    await postedAll(store);
    const seconds = (performance.now() - started) / 1000;
    await pipeline.close();
    return TRANSACTIONS / seconds;
  } finally {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One request per transaction, one at a time, waiting out each 429's Retry-After. */
async function naiveRate(adapter: ErpAdapter): Promise<number> {
  const started = performance.now();
  let posted = 0;
  while (performance.now() - started < NAIVE_SECONDS * 1000) {
    const txn = transaction('S009', posted + 1);
    try {
      await adapter.postSales({ storeId: 'S009', transactions: [txn] }, `naive-${newEventId()}`);
      posted += 1;
    } catch (err) {
      if (!(err instanceof ErpRetryableError)) throw err;
      await sleep(err.retryAfterMs ?? 100);
    }
  }
  return posted / ((performance.now() - started) / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Posts everything RUNS times with one batch size; the ERP is checked for doubles each time. */
async function pipelineRun(sandbox: RunningErpSandbox, batchSize: number): Promise<string> {
  const rates: number[] = [];
  const notes: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    sandbox.reset();
    rates.push(await pipelineRate(sandbox, batchSize));
    const counts = sandbox.ledger().transactions;
    const twice = counts.filter((t) => t.count > 1).length;
    const answers = JSON.stringify(sandbox.stats().byStatus);
    notes.push(`${counts.length} in the ERP, ${twice} posted twice, answers ${answers}`);
  }
  const rounded = rates.map((r) => r.toFixed(0)).join(', ');
  return `${median(rates).toFixed(0)}/s (runs ${rounded}; ${[...new Set(notes)].join(' | ')})`;
}

export async function run(): Promise<void> {
  const sandbox = await startErpSandbox(SANDBOX);
  try {
    console.log(
      `sandbox ${SANDBOX.latencyMs} ms latency, ${SANDBOX.rateLimit} requests/s; ` +
        `${TRANSACTIONS} transactions across ${STORES.length} stores; medians of ${RUNS} runs`,
    );
    const naive = await naiveRate(createRestErpAdapter({ baseUrl: sandbox.url }));
    const answers = JSON.stringify(sandbox.stats().byStatus);
    console.log(
      `naive, one request per transaction for ${NAIVE_SECONDS} s: ` +
        `${naive.toFixed(1)}/s (answers ${answers})`,
    );

    for (const batchSize of BATCH_SIZES) {
      const line = await pipelineRun(sandbox, batchSize);
      const perSecond = Number.parseFloat(line);
      console.log(`pipeline, batch size ${batchSize}: ${line}`);
      console.log(`  ${(perSecond / naive).toFixed(0)}x naive (aim: at least 100x)`);
    }
  } finally {
    await sandbox.close();
  }
}
