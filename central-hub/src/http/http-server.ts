import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { displayHost } from '../display-host.js';
import { apiRoutes } from './api-routes.js';
import { registerErrorHandler } from './error-handler.js';
import { healthRoutes } from './health-routes.js';
import type { HttpDeps } from './http-deps.js';
import { metricsRoutes } from './metrics-routes.js';
import { createRequestIdGenerator } from './request-ids.js';

/** Probes and scrapes every few seconds would drown the log; other requests are logged. */
const QUIET_URLS = new Set(['/healthz', '/metrics']);

/** The hub's HTTP app without a socket; tests call `inject()` on it. */
export function buildHttpApp(deps: HttpDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'http' }),
    logController: new LogController({
      disableRequestLogging: (request) => QUIET_URLS.has(request.url),
    }),
    genReqId: createRequestIdGenerator(),
  }) as unknown as FastifyInstance;

  registerErrorHandler(app);
  // The id is in the audit log too: an operator can quote it to find their action.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.register(healthRoutes(deps));
  app.register(metricsRoutes(deps));
  app.register(apiRoutes(deps), { prefix: '/api' });
  return app;
}

export interface RunningHttp {
  url: string;
  close(): Promise<void>;
}

/** Listens on host:port (0 picks a free port). */
export async function startHttpServer(
  deps: HttpDeps,
  port: number,
  host: string,
): Promise<RunningHttp> {
  const app = buildHttpApp(deps);
  await app.listen({ port, host });

  const address = app.server.address();
  const realPort = typeof address === 'object' && address !== null ? address.port : port;
  return { url: `http://${displayHost(host)}:${realPort}`, close: () => app.close() };
}
