// Capture benchmark: durable captures per second and latency of tills posting
// over real HTTP to an in-process agent, beside the raw rate of single-row
// autocommit inserts (WAL, synchronous=FULL) on the same disk in the same run.
// The tills run on a worker thread so they do not share the agent's event loop.
// A bare fastify route answering the same tills without storing anything is
// measured too: it is the ceiling that HTTP alone allows on this machine.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { type AgentConfig, type RunTillsOptions, startAgent } from '@storesync/agent';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import type { TillsWorkerResult } from './workers/run-tills-worker.js';

const RUNS = 3;
const TOKEN = 'bench-token';

interface Load {
  tills: number;
  transactionsPerTill: number;
}

/** Tills and transactions per till of each load; sized to run a few seconds each. */
const LOADS: readonly Load[] = [
  { tills: 1, transactionsPerTill: 600 },
  { tills: 16, transactionsPerTill: 300 },
  { tills: 64, transactionsPerTill: 120 },
];

interface Sample {
  perSecond: number;
  p50: number;
  p99: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Single-row autocommit inserts of ~300-byte rows, WAL + synchronous=FULL, for ~1.5 s. */
function rawInsertRate(folder: string, run: number): number {
  const db = new Database(join(folder, `raw-${run}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (payload) VALUES (?)');
  const payload = 'x'.repeat(300);

  let rows = 0;
  const started = performance.now();
  while (performance.now() - started < 1500) {
    insert.run(payload);
    rows += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows / seconds;
}

function agentConfig(dataDir: string): AgentConfig {
  return {
    storeId: 'S001',
    dataDir,
    httpPort: 0,
    httpHost: '127.0.0.1',
    terminalTokens: [TOKEN],
    mqttUrl: null,
    mqttUsername: null,
    mqttPassword: null,
    bodyLimitBytes: 1_048_576,
    logLevel: 'warn',
  };
}

/** Runs `runTills` on a worker thread; the worker loads TypeScript through tsx as the CLI does. */
async function runTillsOnWorker(options: RunTillsOptions): Promise<TillsWorkerResult> {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./workers/run-tills-worker.ts', import.meta.url).href);
  const boot = `import(${tsx}).then((m) => { m.register(); return import(${entry}); })`;

  const worker = new Worker(boot, { eval: true, workerData: options });
  const failed = once(worker, 'error').then(([err]) => Promise.reject(err));
  const [result] = (await Promise.race([once(worker, 'message'), failed])) as [TillsWorkerResult];
  await worker.terminate();
  return result;
}

async function tillsSample(baseUrl: string, load: Load, run: number): Promise<Sample> {
  const result = await runTillsOnWorker({ baseUrl, token: TOKEN, seed: run + 1, ...load });
  const { created, sent } = result;
  if (created !== sent) throw new Error(`${sent - created} of ${sent} posts were not answered 201`);

  return {
    perSecond: created / (result.durationMs / 1000),
    p50: percentile(result.requestLatenciesMs, 50),
    p99: percentile(result.requestLatenciesMs, 99),
  };
}

async function captureRun(folder: string, load: Load, run: number): Promise<Sample> {
  const agent = await startAgent(agentConfig(join(folder, `agent-${load.tills}-${run}`)));
  try {
    return await tillsSample(agent.url, load, run);
  } finally {
    await agent.close();
  }
}

/** The same tills against a route that answers 201 at once: what HTTP alone costs here. */
async function bareHttpRun(load: Load, run: number): Promise<Sample> {
  const app = Fastify();
  app.post('/v1/transactions', async (_request, reply) => {
    reply.code(201);
    return { duplicate: false };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.server.address() as AddressInfo;
    return await tillsSample(`http://127.0.0.1:${port}`, load, run);
  } finally {
    await app.close();
  }
}

async function medianOf(runOnce: (run: number) => Promise<Sample>): Promise<Sample> {
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) samples.push(await runOnce(run));
  return {
    perSecond: median(samples.map((s) => s.perSecond)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
  };
}

function fmt(n: number, digits = 0): string {
  const options = { maximumFractionDigits: digits, minimumFractionDigits: digits };
  return n.toLocaleString('en-US', options);
}

function row(label: string, s: Sample, raw: number): string {
  const cells = [
    label.padEnd(12),
    fmt(s.perSecond).padStart(10),
    fmt(s.p50, 2).padStart(8),
    fmt(s.p99, 2).padStart(8),
    `${fmt(s.perSecond / raw, 2)}x`.padStart(8),
  ];
  return cells.join(' ');
}

export async function run(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'storesync-bench-capture-'));
  try {
    // Warms the JIT and the disk so that the first measured run is not the slow one.
    await captureRun(folder, { tills: 16, transactionsPerTill: 50 }, 99);

    const raw = median(Array.from({ length: RUNS }, (_, i) => rawInsertRate(folder, i)));
    console.log(`folder ${folder}, medians of ${RUNS} runs`);
    console.log(`raw better-sqlite3, WAL + FULL, 300 B autocommit rows: ${fmt(raw)} rows/s`);
    console.log('load         per second   p50 ms   p99 ms   vs raw');

    let at64: Sample | null = null;
    for (const load of LOADS) {
      const s = await medianOf((i) => captureRun(folder, load, i));
      if (load.tills === 64) at64 = s;
      console.log(row(`${load.tills} till(s)`, s, raw));
    }

    const bare = await medianOf((i) => bareHttpRun({ tills: 64, transactionsPerTill: 120 }, i));
    console.log(row('64 bare HTTP', bare, raw), ' (no agent: the HTTP ceiling)');

    if (at64) {
      const met = at64.perSecond >= 3 * raw && at64.p99 < 20;
      console.log(`aim at 64 tills (>= 3x raw, p99 < 20 ms): ${met ? 'met' : 'NOT met'}`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
