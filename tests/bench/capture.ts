// Capture benchmark: durable captures per second and latency of tills posting
// over real HTTP to an in-process agent, beside the raw rate of single-row
// autocommit inserts (WAL, synchronous=FULL) on the same disk in the same run.
// The tills run in one long-lived child process (its JIT warm after the
// warm-up run) so they share neither the agent's event loop nor its heap; they
// post over plain-socket keep-alive connections (agent/src/simulator/till-connection.ts),
// which cost the load generator a fraction of node:http's CPU per request.
// A bare fastify route answering the same tills without storing anything is
// measured too: it is the ceiling that HTTP alone allows on this machine.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type AgentConfig, type RunTillsOptions, startAgent } from '@storesync/agent';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import type { TillsProcessResult } from './workers/run-tills-process.js';

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
  { tills: 64, transactionsPerTill: 200 },
];

/** The bare-HTTP ceiling is measured with the largest load. */
const BARE_LOAD: Load = { tills: 64, transactionsPerTill: 200 };

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

/** The load generator: a child process that runs one set of tills per call. */
interface TillsProcess {
  run(options: RunTillsOptions): Promise<TillsProcessResult>;
  close(): Promise<void>;
}

/** Forks the tills process; it loads TypeScript through tsx, as the CLI does. */
function forkTillsProcess(): TillsProcess {
  const entry = new URL('./workers/run-tills-process.ts', import.meta.url);
  const child = fork(entry, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  let closing = false;
  const died = new Promise<never>((_, reject) => {
    child.once('exit', (code) => {
      if (!closing) reject(new Error(`the tills process exited with ${code}`));
    });
  });

  return {
    async run(options) {
      const answered = once(child, 'message') as Promise<[TillsProcessResult]>;
      child.send(options);
      const [result] = await Promise.race([answered, died]);
      return result;
    },
    async close() {
      closing = true;
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}

async function tillsSample(
  tills: TillsProcess,
  baseUrl: string,
  load: Load,
  run: number,
): Promise<Sample> {
  const result = await tills.run({ baseUrl, token: TOKEN, seed: run + 1, ...load });
  const { created, sent } = result;
  if (created !== sent) throw new Error(`${sent - created} of ${sent} posts were not answered 201`);

  return {
    perSecond: created / (result.durationMs / 1000),
    p50: percentile(result.requestLatenciesMs, 50),
    p99: percentile(result.requestLatenciesMs, 99),
  };
}

async function captureRun(
  tills: TillsProcess,
  folder: string,
  load: Load,
  run: number,
): Promise<Sample> {
  const agent = await startAgent(agentConfig(join(folder, `agent-${load.tills}-${run}`)));
  try {
    return await tillsSample(tills, agent.url, load, run);
  } finally {
    await agent.close();
  }
}

/** The same tills against a route that answers 201 at once: what HTTP alone costs here. */
async function bareHttpRun(tills: TillsProcess, load: Load, run: number): Promise<Sample> {
  const app = Fastify();
  app.post('/v1/transactions', async (_request, reply) => {
    reply.code(201);
    return { duplicate: false };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.server.address() as AddressInfo;
    return await tillsSample(tills, `http://127.0.0.1:${port}`, load, run);
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

function rawRates(folder: string, first: number): number[] {
  return Array.from({ length: RUNS }, (_, i) => rawInsertRate(folder, first + i));
}

function loadAverage(): string {
  return loadavg()
    .map((n) => fmt(n, 2))
    .join(' ');
}

async function measureLoads(tills: TillsProcess, folder: string): Promise<Map<number, Sample>> {
  const samples = new Map<number, Sample>();
  for (const load of LOADS) {
    samples.set(load.tills, await medianOf((i) => captureRun(tills, folder, load, i)));
  }
  samples.set(0, await medianOf((i) => bareHttpRun(tills, BARE_LOAD, i)));
  return samples;
}

function report(samples: Map<number, Sample>, raw: number): void {
  console.log('load         per second   p50 ms   p99 ms   vs raw');
  for (const load of LOADS) {
    console.log(row(`${load.tills} till(s)`, samples.get(load.tills) as Sample, raw));
  }
  console.log(row('64 bare HTTP', samples.get(0) as Sample, raw), ' (no agent: the HTTP ceiling)');

  const at64 = samples.get(64) as Sample;
  const met = at64.perSecond >= 3 * raw && at64.p99 < 20;
  console.log(`aim at 64 tills (>= 3x raw, p99 < 20 ms): ${met ? 'met' : 'NOT met'}`);
}

export async function run(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'storesync-bench-capture-'));
  const tills = forkTillsProcess();
  try {
    console.log(`load average at start (1, 5, 15 min): ${loadAverage()} on ${cpus().length} cpus`);
    // Warms the JIT of both processes and the disk, so the first measured run is not the slow one.
    await captureRun(tills, folder, { tills: 64, transactionsPerTill: 100 }, 99);

    // The raw rate is sampled before and after the loads, as the disk's speed drifts.
    const rawSamples = rawRates(folder, 0);
    const samples = await measureLoads(tills, folder);
    rawSamples.push(...rawRates(folder, RUNS));
    const raw = median(rawSamples);

    console.log(`folder ${folder}, medians of ${RUNS} runs`);
    const each = rawSamples.map((r) => fmt(r)).join(', ');
    console.log(
      `raw better-sqlite3, WAL + FULL, 300 B autocommit rows: ${fmt(raw)} rows/s (${each})`,
    );
    report(samples, raw);
    console.log(`load average at end (1, 5, 15 min): ${loadAverage()}`);
  } finally {
    await tills.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
