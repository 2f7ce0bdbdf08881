import type { FastifyPluginAsync } from 'fastify';
import type { HttpDeps } from './http-deps.js';

/** `GET /metrics`: the hub's own Prometheus registry. */
export function metricsRoutes(deps: HttpDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/metrics', async (_request, reply) => {
      const { registry } = deps.metrics;
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  };
}
