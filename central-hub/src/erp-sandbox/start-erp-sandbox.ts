import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import { registerControlRoutes } from './control-routes.js';
import { registerErrorHandlers } from './error-handlers.js';
import type { SandboxItem } from './item-catalog.js';
import { sandboxItems } from './item-catalog.js';
import { parseInput } from './parse-input.js';
import type { ErpSandboxLedger } from './posting-ledger.js';
import { registerPostingRoutes } from './posting-routes.js';
import { registerReadRoutes } from './read-routes.js';
import type { ErpSandboxStats } from './request-stats.js';
import type { ErpSandboxSettingsPatch, ErpSandboxSettingsView } from './sandbox-settings.js';
import { SandboxState } from './sandbox-state.js';

/** How to start the sandbox; the fault settings may also change at runtime. */
export interface ErpSandboxOptions extends ErpSandboxSettingsPatch {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Currency of the price list; default USD. */
  currency?: string;
  /** Where the sandbox logs; default a JSON logger on stdout at `logLevel`. */
  logger?: Logger;
  /** Level of the default logger; default `silent`, which tests want. */
  logLevel?: string;
  /** Largest request body; default 16 MiB. */
  bodyLimitBytes?: number;
}

/** A running sandbox. The methods do in-process what the `/_sandbox/*` routes do. */
export interface RunningErpSandbox {
  /** e.g. `http://127.0.0.1:8090`, without a trailing slash. */
  url: string;
  port: number;
  settings(): ErpSandboxSettingsView;
  /** Changes fault settings; throws a VALIDATION_FAILED StoresyncError when invalid. */
  configure(patch: ErpSandboxSettingsPatch): ErpSandboxSettingsView;
  startOutage(durationMs: number): ErpSandboxSettingsView;
  addItems(items: SandboxItem[]): void;
  ledger(storeId?: string): ErpSandboxLedger;
  stats(): ErpSandboxStats;
  /** The store's on-hand of a SKU; undefined for an unknown SKU. */
  onHand(storeId: string, sku: string): number | undefined;
  reset(): void;
  /** Stops listening and drops every open connection, hanging ones included. */
  close(): Promise<void>;
}

function createSandboxLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'storesync-erp-sandbox', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

function urlOf(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function countApiTraffic(app: FastifyInstance, state: SandboxState): void {
  const isApi = (url: string) => url.startsWith('/api/');
  app.addHook('onRequest', async (request) => {
    if (isApi(request.url)) state.stats.arrived(Date.now());
  });
  app.addHook('onResponse', async (request, reply) => {
    if (isApi(request.url)) state.stats.answered(reply.statusCode);
  });
}

/** The in-process handle of a listening sandbox. */
function handleOf(
  app: FastifyInstance,
  state: SandboxState,
  url: string,
  logger: Logger,
): RunningErpSandbox {
  return {
    url,
    port: Number(new URL(url).port),
    settings: () => state.settings.view(Date.now()),
    configure: (patch) => state.settings.apply(patch, Date.now()),
    startOutage: (durationMs) => state.settings.startOutage(durationMs, Date.now()),
    addItems: (items) => void state.books.catalog.upsert(parseInput(sandboxItems, items, 'items')),
    ledger: (storeId) => state.books.ledger.snapshot(storeId),
    stats: () => state.stats.snapshot(Date.now()),
    onHand: (storeId, sku) => state.books.stock.onHand(storeId, sku),
    reset: () => state.reset(),
    close: async () => {
      await app.close();
      logger.info({ url }, 'erp sandbox closed');
    },
  };
}

/**
 * Starts the ERP sandbox: a small in-memory HTTP ERP for the demo, tests
 * and peak simulations. Throws a VALIDATION_FAILED StoresyncError for
 * invalid settings.
 *
 * The API (document shapes in erp/documents.ts), behind the faults:
 * - `POST /api/sales-documents`, `/api/inventory-movements`, `/api/day-closes`:
 *   201 with a receipt, or 422 `{ code, errors: [{ documentId, path, message }] }`
 *   naming each refused document (`UNKNOWN_SKU`, `VALIDATION_FAILED`,
 *   `STORE_MISMATCH`); a batch is applied entirely or not at all.
 *   `Idempotency-Key` (per endpoint): a known key gets its first 2xx or 422
 *   answer again with `Idempotent-Replayed: true`, and nothing is posted.
 * - `GET /api/items/:sku/on-hand?storeId=`, `GET /api/on-hand?storeId=&skus=A,B`,
 *   `GET /api/prices`. Every store opens with each item's `onHand`; sales
 *   take stock out, returns put it back, a void reverses the transaction it
 *   names, movements move it and a count sets it.
 *
 * Faults, in this order, on `/api/*` only: an outage window answers 503 with
 * `Retry-After`; over `rateLimit` 429 with `Retry-After` (seconds); then after
 * `latencyMs` + 0..`jitterMs` a request may hang (`hangRate`) or fail with 500
 * or 503 (`errorRate`). None of these applies anything.
 *
 * Steering, never faulted: `GET /_sandbox/ledger[?storeId=]`,
 * `POST /_sandbox/items` `[{ sku, price, onHand }]`, `GET|POST /_sandbox/config`
 * (a settings patch), `POST /_sandbox/outage` `{ durationMs }`,
 * `GET /_sandbox/stats`, `POST /_sandbox/reset` (back to the start settings,
 * default items and empty books).
 *
 * Everything lives in memory, the idempotency keys included: a restart
 * forgets all postings.
 */
export async function startErpSandbox(options: ErpSandboxOptions = {}): Promise<RunningErpSandbox> {
  const { port = 0, host = '127.0.0.1', currency = 'USD', bodyLimitBytes, ...rest } = options;
  const { logger: given, logLevel = 'silent', ...settings } = rest;
  const logger = given ?? createSandboxLogger(logLevel);
  const state = new SandboxState(settings, currency);

  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: bodyLimitBytes ?? 16 * 1024 * 1024,
  });
  countApiTraffic(app, state);
  registerPostingRoutes(app, state, logger);
  registerReadRoutes(app, state);
  registerControlRoutes(app, state, logger);
  registerErrorHandlers(app, logger);

  await app.listen({ port, host });
  const url = urlOf(host, (app.server.address() as AddressInfo).port);
  logger.info({ url, seed: state.settings.settings.seed }, 'erp sandbox listening');

  return handleOf(app, state, url, logger);
}
