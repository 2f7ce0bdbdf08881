import { StoresyncError } from '@storesync/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { requireTerminalOrLoopback } from '../auth.js';

/** `POST /v1/sync`: asks the hub link to drain now; 202 because the drain runs on its own. */
export function registerSyncRoutes(app: FastifyInstance, ctx: AppContext): void {
  const onRequest = requireTerminalOrLoopback(ctx.tokenCheck);

  app.post('/v1/sync', { onRequest }, async (request, reply) => {
    if (!ctx.link) {
      throw new StoresyncError(
        'HUB_LINK_UNAVAILABLE',
        'this agent was started without --mqtt-url: it trades offline and has no hub to sync to',
      );
    }

    ctx.link.drainNow();
    request.log.info('drain requested');
    reply.code(202);
    return { draining: true };
  });
}
