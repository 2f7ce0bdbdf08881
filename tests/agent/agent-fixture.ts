import { Writable } from 'node:stream';
import {
  type AgentConfig,
  type AgentLink,
  buildAgentApp,
  createAgentLogger,
} from '@storesync/agent';
import { openStoreDb, type StoreDb } from '@storesync/store-db';
import { contractSale } from '../support/pos-fixtures.js';
import { tempDir } from '../support/temp-dir.js';

export const TOKEN = 'till-token-1';

/** A test agent on `app.inject()`: real store db in a temp dir, logs kept in memory. */
export interface TestAgent {
  app: ReturnType<typeof buildAgentApp>;
  db: StoreDb;
  config: AgentConfig;
  /** Parsed JSON log lines written so far. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface TestAgentOptions {
  link?: AgentLink;
  bodyLimitBytes?: number;
  /** Caps the store file (store-db's test hook) to make the disk "full". */
  maxPageCount?: number;
}

export function testConfig(dataDir: string, overrides: Partial<AgentConfig> = {}): AgentConfig {
  return {
    storeId: 'S001',
    dataDir,
    httpPort: 0,
    httpHost: '127.0.0.1',
    terminalTokens: [TOKEN, 'till-token-2'],
    mqttUrl: null,
    mqttUsername: null,
    mqttPassword: null,
    bodyLimitBytes: 1_048_576,
    logLevel: 'info',
    ...overrides,
  };
}

/** The agent's own logger writing parsed JSON lines into `lines`. */
export function memoryLogger(config: AgentConfig, lines: Array<Record<string, unknown>>) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return createAgentLogger(config, sink);
}

export function createTestAgent(options: TestAgentOptions = {}): TestAgent {
  const dir = tempDir('storesync-agent-');
  const config = testConfig(dir.path, { bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576 });
  const db = openStoreDb({
    path: `${dir.path}/store.db`,
    storeId: config.storeId,
    ...(options.maxPageCount ? { maxPageCount: options.maxPageCount } : {}),
  });
  const logs: Array<Record<string, unknown>> = [];
  const app = buildAgentApp({
    config,
    db,
    logger: memoryLogger(config, logs),
    link: options.link ?? null,
  });

  return {
    app,
    db,
    config,
    logs,
    async close() {
      await app.close();
      await db.close();
      dir.remove();
    },
  };
}

/** The headers of a till's JSON post. */
export function tillHeaders(token: string | null = TOKEN): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return headers;
}

/** A valid sale whose lines, tax and tenders add up to the total. */
export function sale(transactionId: string, overrides: Record<string, unknown> = {}) {
  return { ...contractSale(transactionId), ...overrides };
}
