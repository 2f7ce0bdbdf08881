import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { HttpDeps } from './http-deps.js';
import { parseRequestInput } from './request-input.js';

const query = z.strictObject({
  storeId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * `GET /api/rejected-events`: what the hub could not accept from stores (bad
 * JSON, failed validation, a store mismatch), newest first, with the raw
 * message, so an operator sees what was refused and why instead of it being
 * dropped silently.
 */
export function rejectedRoutes(deps: HttpDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/rejected-events', async (request) => {
      const { storeId, limit } = parseRequestInput(query, request.query, 'query');
      return { rejectedEvents: deps.store.rejected.list(limit, storeId) };
    });
  };
}
