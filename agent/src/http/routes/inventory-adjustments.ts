import { inventoryAdjustment } from '@storesync/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { registerCaptureRoute } from './capture-route.js';

/** `POST /v1/inventory/adjustments`: receipts, transfers, counts, shrink and damage. */
export function registerInventoryAdjustmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerCaptureRoute(app, ctx, {
    url: '/v1/inventory/adjustments',
    kind: 'inventory_adjustment',
    quarantineSource: 'pos:inventory-adjustments',
    schema: inventoryAdjustment,
    toRequest: (adjustment, correlationId) => ({
      kind: 'inventory_adjustment',
      adjustment,
      correlationId,
    }),
    idsOf: (adjustment) => ({ adjustmentId: adjustment.adjustmentId }),
  });
}
