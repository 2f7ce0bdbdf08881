import { StoresyncError } from '@storesync/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { requireTerminalOrLoopback } from '../auth.js';

/** `GET /v1/prices/:sku`: from the local price book, so it answers with the hub down. */
export function registerPriceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const onRequest = requireTerminalOrLoopback(ctx.tokenCheck);

  app.get<{ Params: { sku: string } }>('/v1/prices/:sku', { onRequest }, async (request) => {
    const { sku } = request.params;
    const price = ctx.db.getPrice(sku);
    if (!price) {
      throw new StoresyncError('NOT_FOUND', `no price for SKU ${sku} in the local price book`, {
        sku,
      });
    }
    return price;
  });
}
