import { stockDelta } from '@storesync/protocol';
import { type InventoryMovementBatch, inventoryMovementBatch } from '../erp/documents.js';
import type { PostingKind } from './posting-kind.js';

/** `POST /api/inventory-movements`: a count sets on-hand, other reasons move it. */
export const movementPosting: PostingKind<InventoryMovementBatch> = {
  route: '/api/inventory-movements',
  referencePrefix: 'IM',
  schema: inventoryMovementBatch,
  listKey: 'movements',
  idKey: 'adjustmentId',
  documents: (batch) =>
    batch.movements.map((m) => ({
      storeId: m.storeId,
      id: m.adjustmentId,
      skus: m.lines.map((line) => line.sku),
    })),
  apply: (batch, books) => {
    for (const movement of batch.movements) {
      books.ledger.recordMovement(movement.storeId, movement.adjustmentId, movement.reason);
      for (const line of movement.lines) {
        const delta = stockDelta(movement.reason, line.quantity);
        if (delta === null) books.stock.set(movement.storeId, line.sku, line.quantity);
        else books.stock.move(movement.storeId, line.sku, delta);
      }
    }
  },
};
