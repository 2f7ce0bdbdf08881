import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type RunningCli, runCli, startCli } from './child-process.js';

export interface StoreCredentials {
  storeId: string;
  mqttUsername: string;
  mqttPassword: string;
}

export interface HubProcess extends RunningCli {
  httpUrl: string;
  mqttUrl: string;
}

export interface AgentProcess extends RunningCli {
  url: string;
}

/** `storesync hub add-store`: the credentials a new store is installed with. */
export async function provisionStore(hubDir: string, storeId: string): Promise<StoreCredentials> {
  const out = await runCli(['hub', 'add-store', storeId, '--data-dir', hubDir]);
  return JSON.parse(out.trim()) as StoreCredentials;
}

export async function startHubProcess(
  hubDir: string,
  broker: { mqttPort: number } | { mqttUrl: string },
  extra: string[] = [],
): Promise<HubProcess> {
  const brokerArgs =
    'mqttUrl' in broker ? ['--mqtt-url', broker.mqttUrl] : ['--mqtt-port', String(broker.mqttPort)];
  const args = ['hub', '--data-dir', hubDir, '--http-port', '0', ...brokerArgs, ...extra];
  const hub = await startCli(args, 'hub listening');
  return { ...hub, httpUrl: String(hub.ready.httpUrl), mqttUrl: String(hub.ready.mqttUrl) };
}

export async function startAgentProcess(
  agentDir: string,
  storeId: string,
  mqttUrl: string,
  credentials: StoreCredentials | null,
  token = 'till-token',
): Promise<AgentProcess> {
  const auth = credentials
    ? ['--mqtt-username', credentials.mqttUsername, '--mqtt-password', credentials.mqttPassword]
    : [];
  const args = [
    'agent',
    ...['--store-id', storeId, '--data-dir', agentDir, '--http-port', '0'],
    ...['--terminal-token', token, '--mqtt-url', mqttUrl, ...auth],
  ];
  const agent = await startCli(args, 'agent listening');
  return { ...agent, url: String(agent.ready.url) };
}

/** A port nothing listens on right now, for a broker that is to come later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface HubLedger {
  events: number;
  /** transactionId -> how many stored events carry it. */
  transactions: Map<string, number>;
}

/** What the hub committed for a store, read from hub.db through a read-only connection. */
export function hubLedger(hubDir: string, storeId: string): HubLedger {
  const db = new Database(join(hubDir, 'hub.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT json_extract(envelope, '$.body.transactionId') AS id, COUNT(*) AS n
         FROM events WHERE store_id = ? AND class = 'critical' GROUP BY id`,
      )
      .all(storeId) as Array<{ id: string; n: number }>;
    const events = rows.reduce((sum, r) => sum + r.n, 0);
    return { events, transactions: new Map(rows.map((r) => [r.id, r.n])) };
  } finally {
    db.close();
  }
}

export async function agentStatus(agentUrl: string): Promise<{
  online: boolean;
  outbox: Record<string, { depth: number }>;
}> {
  const res = await fetch(`${agentUrl}/v1/status`);
  return (await res.json()) as { online: boolean; outbox: Record<string, { depth: number }> };
}
