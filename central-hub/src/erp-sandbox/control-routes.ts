import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { sandboxItems } from './item-catalog.js';
import { parseInput } from './parse-input.js';
import type { SandboxState } from './sandbox-state.js';

const outageNow = z.strictObject({ durationMs: z.number().int().positive() });

/**
 * `/_sandbox/*`: how tests and simulations steer and read the sandbox. These
 * routes have no faults, no latency and no rate limit.
 */
export function registerControlRoutes(
  app: FastifyInstance,
  state: SandboxState,
  logger: Logger,
): void {
  app.get('/_sandbox/ledger', (request) => {
    const { storeId } = request.query as { storeId?: string };
    return state.books.ledger.snapshot(storeId || undefined);
  });

  app.post('/_sandbox/items', (request) => {
    const items = parseInput(sandboxItems, request.body, 'items');
    const { added, updated, version } = state.books.catalog.upsert(items);
    logger.info({ added, updated, priceVersion: version }, 'erp sandbox items changed');
    return { added, updated, priceVersion: version };
  });

  app.get('/_sandbox/config', () => state.settings.view(Date.now()));

  app.post('/_sandbox/config', (request) => {
    const view = state.settings.apply(request.body, Date.now());
    logger.info({ settings: view }, 'erp sandbox settings changed');
    return view;
  });

  app.post('/_sandbox/outage', (request) => {
    const { durationMs } = parseInput(outageNow, request.body, 'outage settings');
    logger.info({ durationMs }, 'erp sandbox outage started');
    return state.settings.startOutage(durationMs, Date.now());
  });

  app.get('/_sandbox/stats', () => state.stats.snapshot(Date.now()));

  app.post('/_sandbox/reset', () => {
    state.reset();
    logger.info({ seed: state.settings.settings.seed }, 'erp sandbox reset');
    return { reset: true, settings: state.settings.view(Date.now()) };
  });
}
