import { dayClose } from '@storesync/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { registerCaptureRoute } from './capture-route.js';

/** `POST /v1/day-close`: the Z totals of a business day, once per day. */
export function registerDayCloseRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerCaptureRoute(app, ctx, {
    url: '/v1/day-close',
    kind: 'day_close',
    quarantineSource: 'pos:day-close',
    schema: dayClose,
    toRequest: (close, correlationId) => ({ kind: 'day_close', dayClose: close, correlationId }),
    idsOf: (close) => ({ businessDate: close.businessDate }),
  });
}
