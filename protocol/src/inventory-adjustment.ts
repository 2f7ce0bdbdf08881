import { z } from 'zod';
import { identifier, isoTimestamp, quantity } from './money.js';

/**
 * Why stock moved. `count` sets the counted on-hand; every other reason moves
 * stock by a positive quantity in the direction the reason implies.
 */
export const adjustmentReason = z.enum([
  'receipt',
  'transfer_in',
  'transfer_out',
  'count',
  'shrink',
  'damage',
]);
export type AdjustmentReason = z.infer<typeof adjustmentReason>;

export const adjustmentLine = z.strictObject({
  sku: identifier,
  quantity: quantity.or(z.literal(0)),
});

export const inventoryAdjustment = z
  .strictObject({
    adjustmentId: identifier,
    reason: adjustmentReason,
    occurredAt: isoTimestamp,
    lines: z.array(adjustmentLine).min(1, { error: 'must have at least one line' }).max(5000),
    /** The other store of a transfer. */
    counterpartyStoreId: identifier.nullable().default(null),
    reference: z.string().max(200).nullable().default(null),
  })
  .superRefine((adj, ctx) => {
    adj.lines.forEach((line, i) => {
      if (adj.reason !== 'count' && line.quantity === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'quantity'],
          message: 'must be greater than zero (only a count may record zero)',
        });
      }
    });
  });
export type InventoryAdjustment = z.infer<typeof inventoryAdjustment>;

/** Signed effect on on-hand, or null for a count (which sets on-hand). */
export function stockDelta(reason: AdjustmentReason, qty: number): number | null {
  if (reason === 'count') return null;
  const outbound = reason === 'transfer_out' || reason === 'shrink' || reason === 'damage';
  return outbound ? -qty : qty;
}
