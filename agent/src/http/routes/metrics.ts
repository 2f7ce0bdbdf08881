import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { requireTerminalOrLoopback } from '../auth.js';

/** `GET /metrics`: this agent's Prometheus registry. */
export function registerMetricsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const onRequest = requireTerminalOrLoopback(ctx.tokenCheck);

  app.get('/metrics', { onRequest }, async (_request, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
