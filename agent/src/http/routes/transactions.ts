import { posTransaction } from '@storesync/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { registerCaptureRoute } from './capture-route.js';

/** `POST /v1/transactions`: sales, returns and voids from the tills. */
export function registerTransactionRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerCaptureRoute(app, ctx, {
    url: '/v1/transactions',
    kind: 'transaction',
    quarantineSource: 'pos:transactions',
    schema: posTransaction,
    toRequest: (transaction, correlationId) => ({
      kind: 'transaction',
      transaction,
      correlationId,
    }),
    idsOf: (transaction) => ({ transactionId: transaction.transactionId }),
    extras: (outcome) => ({ reviewFlags: outcome.reviewFlags }),
  });
}
