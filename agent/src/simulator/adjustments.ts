import type { AdjustmentReason, InventoryAdjustment } from '@storesync/protocol';
import type { CatalogueItem } from './catalogue.js';
import type { Random } from './random.js';

const REASONS: readonly AdjustmentReason[] = [
  'receipt',
  'receipt',
  'count',
  'shrink',
  'damage',
  'transfer_in',
  'transfer_out',
];

/** What back-office stock movements are drawn from. */
export interface AdjustmentPlan {
  catalogue: readonly CatalogueItem[];
  random: Random;
  /** The other store of transfers. */
  counterpartyStoreId: string;
  startAt: Date;
}

function adjustmentOf(plan: AdjustmentPlan, n: number): InventoryAdjustment {
  const { random, catalogue } = plan;
  const reason = random.pick(REASONS);
  const transfer = reason === 'transfer_in' || reason === 'transfer_out';
  const lines = Array.from({ length: random.int(1, 5) }, () => ({
    sku: random.pick(catalogue).sku,
    quantity: reason === 'count' ? random.int(0, 40) : random.int(1, 24),
  }));

  return {
    adjustmentId: `ADJ-${String(n).padStart(6, '0')}`,
    reason,
    occurredAt: new Date(plan.startAt.getTime() + n * 60_000).toISOString(),
    lines,
    counterpartyStoreId: transfer ? plan.counterpartyStoreId : null,
    reference: reason === 'receipt' ? `PO-${random.int(10_000, 99_999)}` : null,
  };
}

/** Back-office stock movements: receipts, counts, shrink, damage and transfers. */
export function planAdjustments(plan: AdjustmentPlan, count: number): InventoryAdjustment[] {
  return Array.from({ length: count }, (_, i) => adjustmentOf(plan, i + 1));
}
