import type { FastifyInstance } from 'fastify';
import { readStatus } from '../../status.js';
import type { AppContext } from '../app-context.js';
import { requireTerminalOrLoopback } from '../auth.js';

/** `GET /v1/status`: open to this machine (the tray app), a terminal token otherwise. */
export function registerStatusRoutes(app: FastifyInstance, ctx: AppContext): void {
  const onRequest = requireTerminalOrLoopback(ctx.tokenCheck);

  app.get('/v1/status', { onRequest }, async () =>
    readStatus({
      storeId: ctx.config.storeId,
      db: ctx.db,
      link: ctx.link,
      startedAt: ctx.startedAt,
    }),
  );
}
