// Drains a 200,000-event backlog from one agent into the hub (embedded broker,
// durable ingest) and prints events/s beside raw mqtt.js QoS 1 messages/s
// through the same broker in the same run, and the agent's peak RSS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PosTransaction } from '@storesync/protocol';
import { openStoreDb } from '@storesync/store-db';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import PQueue from 'p-queue';
import {
  agentStatus,
  provisionStore,
  startAgentProcess,
  startHubProcess,
} from '../support/chain.js';
import { tempDir } from '../support/temp-dir.js';

const BACKLOG = Number(process.env.BENCH_DRAIN_EVENTS ?? 200_000);
const RAW_MESSAGES = 50_000;
const RAW_WINDOW = 100;

function sale(n: number): PosTransaction {
  const id = `R${String(n % 8).padStart(2, '0')}-${String(n).padStart(7, '0')}`;
  return {
    transactionId: id,
    terminalId: `R${String(n % 8).padStart(2, '0')}`,
    type: 'sale',
    occurredAt: new Date(Date.UTC(2026, 10, 27, 9) + n * 100).toISOString(),
    currency: 'USD',
    lines: [
      {
        sku: `SKU-${String((n % 1000) + 1).padStart(4, '0')}`,
        quantity: 1,
        unitPrice: 1999,
        discount: 0,
        tax: 165,
      },
    ],
    tenders: [{ method: 'card', amount: 2164 }],
    total: 2164,
    originalTransactionId: null,
  };
}

/** Writes the backlog straight into the store database, as after a long outage. */
async function fillBacklog(agentDir: string): Promise<void> {
  const db = openStoreDb({ path: join(agentDir, 'store.db'), storeId: 'S001' });
  for (let from = 0; from < BACKLOG; from += 2_000) {
    const chunk = Array.from({ length: Math.min(2_000, BACKLOG - from) }, (_, i) => ({
      kind: 'transaction' as const,
      transaction: sale(from + i),
      correlationId: `bench-${from + i}`,
    }));
    await db.captureMany(chunk);
    process.stdout.write(`\rbacklog ${from + chunk.length}/${BACKLOG}`);
  }
  process.stdout.write('\n');
  await db.close();
}

/** Raw QoS 1: one publisher, one subscriber, 300-byte messages, a window of 100. */
async function rawRate(mqttUrl: string, hubDir: string): Promise<number> {
  const creds = JSON.parse(readFileSync(join(hubDir, 'hub-credentials.json'), 'utf8')) as {
    mqttUsername: string;
    mqttPassword: string;
  };
  const options = {
    username: creds.mqttUsername,
    password: creds.mqttPassword,
    protocolVersion: 4 as const,
  };
  const sub = await mqtt.connectAsync(mqttUrl, { ...options, clientId: 'bench-raw-sub' });
  const pub = await mqtt.connectAsync(mqttUrl, { ...options, clientId: 'bench-raw-pub' });
  await sub.subscribeAsync('storesync/v1/bench/raw', { qos: 1 });

  let received = 0;
  const allIn = new Promise<void>((resolve) => {
    sub.on('message', () => {
      received += 1;
      if (received === RAW_MESSAGES) resolve();
    });
  });

  const payload = Buffer.alloc(300, 'x');
  const window = new PQueue({ concurrency: RAW_WINDOW });
  const started = performance.now();
  for (let i = 0; i < RAW_MESSAGES; i++) {
    await window.onSizeLessThan(RAW_WINDOW);
    void window.add(() => pub.publishAsync('storesync/v1/bench/raw', payload, { qos: 1 }));
  }
  await allIn;
  const seconds = (performance.now() - started) / 1000;

  await Promise.all([pub.endAsync(), sub.endAsync()]);
  return RAW_MESSAGES / seconds;
}

/**
 * Polls how many events hub.db holds, cheaply: MAX(rowid) on one read-only
 * connection while the backlog is on its way, and the exact COUNT only once
 * that says it can be complete (rowids are distinct, so count <= max rowid).
 * A COUNT every 50 ms walks the whole index and took CPU on a 2-core machine
 * from the drain it measures, as reading every envelope did before it.
 */
function storedCounter(hubDir: string): { upperBound(): number; count(): number; close(): void } {
  const db = new Database(join(hubDir, 'hub.db'), { readonly: true, fileMustExist: true });
  const upper = db.prepare('SELECT COALESCE(MAX(rowid), 0) FROM events').pluck();
  const count = db.prepare(`SELECT COUNT(*) FROM events WHERE store_id = 'S001'`).pluck();
  return {
    upperBound: () => upper.get() as number,
    count: () => count.get() as number,
    close: () => db.close(),
  };
}

/** Waits until the hub holds the whole backlog; resolves with the time it did. */
async function drained(hubDir: string): Promise<number> {
  const stored = storedCounter(hubDir);
  try {
    let last = 0;
    for (;;) {
      const upTo = stored.upperBound();
      if (upTo !== last) process.stdout.write(`\rdrained about ${upTo}/${BACKLOG}`);
      last = upTo;
      if (upTo >= BACKLOG && stored.count() >= BACKLOG) return performance.now();
      await sleep(50);
    }
  } finally {
    stored.close();
  }
}

function perSecond(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * The drain rate counts from the agent's "agent listening" (its process start,
 * mostly tsx compiling TypeScript, is shown apart) to the last event committed.
 */
function report(raw: number, times: { startSeconds: number; drainSeconds: number }): void {
  const { startSeconds, drainSeconds } = times;
  const rate = BACKLOG / drainSeconds;
  const withStart = BACKLOG / (startSeconds + drainSeconds);
  const events = BACKLOG.toLocaleString('en-US');
  console.log(`agent process start: ${startSeconds.toFixed(1)} s`);
  console.log(
    `drain of ${events} events into durable ingest: ${drainSeconds.toFixed(1)} s, ` +
      `${perSecond(rate)} events/s (${perSecond(withStart)} events/s counting the agent's start)`,
  );
  console.log(`ratio to raw messages/s: ${(rate / raw).toFixed(2)}x (aim >= 2.5x)`);
}

export async function run(): Promise<void> {
  const hubFolder = tempDir('storesync-bench-hub-');
  const agentFolder = tempDir('storesync-bench-agent-');
  const hubDir = hubFolder.path;

  try {
    const credentials = await provisionStore(hubDir, 'S001');
    await fillBacklog(agentFolder.path);
    const hub = await startHubProcess(hubDir, { mqttPort: 0 });

    const raw = await rawRate(hub.mqttUrl, hubDir);
    console.log(`raw mqtt.js QoS 1, 300 B, window ${RAW_WINDOW}: ${perSecond(raw)} msg/s`);

    const started = performance.now();
    const agent = await startAgentProcess(agentFolder.path, 'S001', hub.mqttUrl, credentials);
    const ready = performance.now();
    const finished = await drained(hubDir);
    const rss = peakRssMb(agent.child.pid ?? 0);
    const outbox = (await agentStatus(agent.url)).outbox.critical?.depth;
    process.stdout.write('\n');

    report(raw, {
      startSeconds: (ready - started) / 1000,
      drainSeconds: (finished - ready) / 1000,
    });
    console.log(
      `agent peak RSS: ${rss.toFixed(0)} MB (aim < 150 MB); agent outbox depth after: ${outbox}`,
    );

    await Promise.all([agent.stop(), hub.stop()]);
  } finally {
    hubFolder.remove();
    agentFolder.remove();
  }
}
