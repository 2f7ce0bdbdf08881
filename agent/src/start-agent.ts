import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openStoreDb, type StoreDb } from '@storesync/store-db';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildAgentApp } from './app.js';
import type { AgentConfig, RunningAgent } from './config.js';
import { scheduleHousekeeping } from './housekeeping.js';
import { mqttLinkFactory } from './link/mqtt-link-factory.js';
import type { AgentLink, AgentLinkFactory } from './link-contract.js';
import { createAgentLogger } from './logger.js';
import { AGENT_VERSION } from './version.js';

/** Optional parts of a running agent; tests and the demo inject them. */
export interface AgentDeps {
  /** The hub link, or a factory that builds it once the store db is open; MQTT by default. */
  link?: AgentLink | AgentLinkFactory;
  /** Root logger; by default JSON lines on stdout at `config.logLevel`. */
  logger?: Logger;
}

/** A started agent: the CLI needs `url` and `close`; tests and the demo reach further. */
export interface StartedAgent extends RunningAgent {
  app: FastifyInstance;
  db: StoreDb;
  link: AgentLink | null;
}

function resolveLink(
  config: AgentConfig,
  db: StoreDb,
  logger: Logger,
  link: AgentDeps['link'],
): AgentLink | null {
  // Without a broker URL there is nothing to link to: the store trades offline.
  if (!link || config.mqttUrl === null) return null;
  if (typeof link !== 'function') return link;

  return link({ config, db, logger: logger.child({ part: 'link' }), agentVersion: AGENT_VERSION });
}

/** A URL a till can use: wildcard addresses are reached through loopback. */
function urlOf(app: FastifyInstance): string {
  const { address, family, port } = app.server.address() as AddressInfo;
  if (address === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (address === '::') return `http://[::1]:${port}`;
  return family === 'IPv6' ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

async function listen(app: FastifyInstance, config: AgentConfig, db: StoreDb): Promise<void> {
  try {
    await app.listen({ port: config.httpPort, host: config.httpHost });
  } catch (err) {
    await db.close();
    throw err;
  }
}

/**
 * Runs the store agent: opens `${dataDir}/store.db`, puts any events left in
 * flight by the last run back in the queue, serves the HTTP API and starts the
 * hub link if there is one. Logs `agent listening` with the `url` once ready.
 */
export async function startAgent(config: AgentConfig, deps: AgentDeps = {}): Promise<StartedAgent> {
  const logger = deps.logger ?? createAgentLogger(config);
  const db = openStoreDb({ path: join(config.dataDir, 'store.db'), storeId: config.storeId });
  const requeued = db.resetInFlight();
  logger.info({ requeued, agentVersion: AGENT_VERSION }, 'store database opened');

  const link = resolveLink(config, db, logger, deps.link ?? mqttLinkFactory);
  const app = buildAgentApp({ config, db, logger, link });
  await listen(app, config, db);

  const url = urlOf(app);
  logger.info({ url, online: link !== null }, 'agent listening');
  link?.start();
  const housekeeping = scheduleHousekeeping(db, logger);

  let closing: Promise<void> | null = null;
  const close = () => {
    housekeeping.stop();
    closing ??= shutdown(app, link, db, logger);
    return closing;
  };
  return { url, app, db, link, close };
}

/** Stops intake first, then the link, then the database, so nothing writes to a closed db. */
async function shutdown(
  app: FastifyInstance,
  link: AgentLink | null,
  db: StoreDb,
  logger: Logger,
): Promise<void> {
  await app.close();
  await link?.close();
  await db.close();
  logger.info('agent stopped');
}
