import type { FastifyPluginAsync } from 'fastify';
import type { HttpDeps } from './http-deps.js';

/** `GET /api/stores`: every added store with its link state, backlog and event count. */
export function storeRoutes(deps: HttpDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/stores', async () => ({ stores: deps.store.stores.list() }));
  };
}
