import type { FastifyPluginAsync } from 'fastify';
import type { HttpDeps } from './http-deps.js';
import { storeRoutes } from './store-routes.js';

/**
 * Everything under `/api/`, in one encapsulated scope: the operator login of
 * the console is one `onRequest` hook added here, and covers every API route
 * without touching `/healthz` or `/metrics`. Until then the API is read-only.
 */
export function apiRoutes(deps: HttpDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(storeRoutes(deps));
  };
}
