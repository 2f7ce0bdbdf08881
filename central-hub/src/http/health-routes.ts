import type { FastifyPluginAsync } from 'fastify';
import type { HttpDeps } from './http-deps.js';

/** `GET /healthz`: 200 when hub.db is open and the MQTT link is up, else 503 with the reasons. */
export function healthRoutes(deps: HttpDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', async (_request, reply) => {
      const problems = deps.health();
      if (problems.length === 0) return { status: 'ok' };
      return reply.code(503).send({ status: 'unavailable', problems });
    });
  };
}
