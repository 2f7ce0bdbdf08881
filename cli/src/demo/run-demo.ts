import { join } from 'node:path';
import { type StartedAgent, startAgent } from '@storesync/agent';
import {
  addStore,
  type RunningErpSandbox,
  type RunningHub,
  startErpSandbox,
  startHub,
} from '@storesync/central-hub';
import { type DemoStore, keepTillsRinging, type TillTally } from './demo-tills.js';
import { onPreferredPort } from './port-fallback.js';

export interface DemoOptions {
  dataDir: string;
  hubPort: number;
  erpPort: number;
  firstAgentPort: number;
  logLevel: string;
}

export interface RunningDemo {
  sandbox: RunningErpSandbox;
  hub: RunningHub;
  agents: StartedAgent[];
  tally: TillTally;
  close(): Promise<void>;
}

const STORES = [
  { storeId: 'S001', name: 'Downtown' },
  { storeId: 'S002', name: 'Riverside Mall' },
  { storeId: 'S003', name: 'Airport' },
];
const TILL_TOKEN = 'demo-till';

/**
 * A whole chain on one machine: the ERP sandbox, the hub with its embedded
 * broker, and three stores whose simulated tills keep selling.
 */
export async function runDemo(options: DemoOptions): Promise<RunningDemo> {
  const hubDir = join(options.dataDir, 'hub');
  const sandbox = await onPreferredPort(options.erpPort, (port) =>
    startErpSandbox({ port, logLevel: options.logLevel }),
  );
  const credentials = STORES.map((s) => addStore(hubDir, s.storeId, s.name));

  const hub = await onPreferredPort(options.hubPort, (httpPort) =>
    startHub({
      dataDir: hubDir,
      httpPort,
      httpHost: '127.0.0.1',
      mqttPort: 0,
      mqttUrl: null,
      mqttUsername: null,
      mqttPassword: null,
      erpUrl: sandbox.url,
      logLevel: options.logLevel,
    }),
  );

  const agents: StartedAgent[] = [];
  for (const [i, creds] of credentials.entries()) {
    const agent = await onPreferredPort(options.firstAgentPort + i, (httpPort) =>
      startAgent({
        storeId: creds.storeId,
        dataDir: join(options.dataDir, creds.storeId),
        httpPort,
        httpHost: '127.0.0.1',
        terminalTokens: [TILL_TOKEN],
        mqttUrl: hub.mqttUrl,
        mqttUsername: creds.mqttUsername,
        mqttPassword: creds.mqttPassword,
        bodyLimitBytes: 1_048_576,
        logLevel: options.logLevel,
      }),
    );
    agents.push(agent);
  }

  const tally: TillTally = new Map();
  const stop = new AbortController();
  const stores: DemoStore[] = agents.map((a, i) => ({
    storeId: STORES[i]?.storeId ?? '',
    url: a.url,
    token: TILL_TOKEN,
  }));
  const tills = keepTillsRinging(stores, tally, stop.signal);

  const close = async () => {
    stop.abort();
    await tills;
    for (const agent of agents) await agent.close();
    await hub.close();
    await sandbox.close();
  };
  return { sandbox, hub, agents, tally, close };
}
