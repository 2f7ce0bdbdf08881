import type { StoreDb } from '@storesync/store-db';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { AgentConfig } from './config.js';
import type { AppContext } from './http/app-context.js';
import { createTokenCheck } from './http/auth.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerJsonBody } from './http/json-body.js';
import { createRequestIdGenerator } from './http/request-ids.js';
import { registerRequestLog } from './http/request-log.js';
import { registerDayCloseRoutes } from './http/routes/day-close.js';
import { registerInventoryAdjustmentRoutes } from './http/routes/inventory-adjustments.js';
import { registerMetricsRoutes } from './http/routes/metrics.js';
import { registerPriceRoutes } from './http/routes/prices.js';
import { registerStatusRoutes } from './http/routes/status.js';
import { registerSyncRoutes } from './http/routes/sync.js';
import { registerTransactionRoutes } from './http/routes/transactions.js';
import type { AgentLink } from './link-contract.js';
import { type AgentMetrics, createAgentMetrics } from './metrics.js';

/** What the HTTP API is built from; the caller owns (and closes) the db and the link. */
export interface AgentAppOptions {
  config: AgentConfig;
  db: StoreDb;
  logger: Logger;
  /** The hub link; absent means the store trades offline. */
  link?: AgentLink | null;
  /** A registry of the caller's; by default the app creates its own. */
  metrics?: AgentMetrics;
  /** When the agent started (ms since epoch); default now. */
  startedAt?: number;
}

function createFastify(options: AgentAppOptions): FastifyInstance {
  return Fastify({
    // Typed as fastify's base logger so routes take the plain FastifyInstance.
    loggerInstance: options.logger as FastifyBaseLogger,
    // One line per refused or failed request comes from our error handler instead.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    bodyLimit: options.config.bodyLimitBytes,
    genReqId: createRequestIdGenerator(),
    return503OnClosing: true,
  });
}

/**
 * The agent's HTTP API as a fastify instance that is not listening yet:
 * `startAgent` listens on it, tests call `app.inject()`.
 */
export function buildAgentApp(options: AgentAppOptions): FastifyInstance {
  const ctx: AppContext = {
    config: options.config,
    db: options.db,
    link: options.link ?? null,
    metrics: options.metrics ?? createAgentMetrics(options.db),
    tokenCheck: createTokenCheck(options.config.terminalTokens),
    startedAt: options.startedAt ?? Date.now(),
  };
  const app = createFastify(options);

  registerJsonBody(app);
  registerRequestLog(app, options.logger.isLevelEnabled('debug'));
  registerErrorHandler(app, ctx);
  for (const register of [
    registerTransactionRoutes,
    registerInventoryAdjustmentRoutes,
    registerDayCloseRoutes,
    registerStatusRoutes,
    registerPriceRoutes,
    registerSyncRoutes,
    registerMetricsRoutes,
  ]) {
    register(app, ctx);
  }
  return app;
}
