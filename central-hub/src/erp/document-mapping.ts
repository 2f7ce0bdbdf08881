import type { DayClose, InventoryAdjustment, PosTransaction } from '@storesync/protocol';
import type {
  DayCloseBatch,
  DayCloseDocument,
  InventoryMovement,
  InventoryMovementBatch,
  SalesBatch,
  SalesDocument,
} from './documents.js';

/**
 * The UTC calendar date of a timestamp. Stores here trade on UTC business
 * days; a store-local business day would need the store's time zone.
 */
export function businessDateOf(timestamp: string): string {
  return new Date(timestamp).toISOString().slice(0, 10);
}

/** An empty batch is a caller's bug; the ERP would refuse it anyway. */
function requireSome(list: readonly unknown[], what: string): void {
  if (list.length === 0) throw new RangeError(`a ${what} batch needs at least one document`);
}

/** A timestamp with any offset, rewritten in UTC (`...Z`) as the ERP wants it. */
function toUtc(timestamp: string): string {
  return new Date(timestamp).toISOString();
}

/** The ERP sales document of a POS transaction (an event body of kind sale/return/void). */
export function toSalesDocument(storeId: string, transaction: PosTransaction): SalesDocument {
  return {
    storeId,
    transactionId: transaction.transactionId,
    terminalId: transaction.terminalId,
    type: transaction.type,
    occurredAt: toUtc(transaction.occurredAt),
    currency: transaction.currency,
    lines: transaction.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discount: line.discount,
      tax: line.tax,
    })),
    tenders: transaction.tenders.map((t) => ({ method: t.method, amount: t.amount })),
    total: transaction.total,
    originalTransactionId: transaction.originalTransactionId,
  };
}

/**
 * One store's transactions as a sales batch. The business date defaults to
 * that of the earliest transaction. Throws a RangeError when empty.
 */
export function toSalesBatch(
  storeId: string,
  transactions: readonly PosTransaction[],
  businessDate?: string,
): SalesBatch {
  requireSome(transactions, 'sales');

  const documents = transactions.map((txn) => toSalesDocument(storeId, txn));
  const earliest = documents.map((d) => d.occurredAt).sort()[0] as string;
  return { storeId, businessDate: businessDate ?? businessDateOf(earliest), documents };
}

/** The ERP inventory movement of a stock adjustment (event kind inventory_adjustment). */
export function toInventoryMovement(
  storeId: string,
  adjustment: InventoryAdjustment,
): InventoryMovement {
  return {
    storeId,
    adjustmentId: adjustment.adjustmentId,
    reason: adjustment.reason,
    occurredAt: toUtc(adjustment.occurredAt),
    lines: adjustment.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
    counterpartyStoreId: adjustment.counterpartyStoreId,
    reference: adjustment.reference,
  };
}

/** One store's stock adjustments as a movement batch. */
export function toInventoryMovementBatch(
  storeId: string,
  adjustments: readonly InventoryAdjustment[],
): InventoryMovementBatch {
  requireSome(adjustments, 'inventory movement');
  return { storeId, movements: adjustments.map((adj) => toInventoryMovement(storeId, adj)) };
}

/** The ERP day-close document of a Z report (event kind day_close). */
export function toDayCloseDocument(storeId: string, close: DayClose): DayCloseDocument {
  return {
    storeId,
    businessDate: close.businessDate,
    closedAt: toUtc(close.closedAt),
    currency: close.currency,
    transactionCount: close.transactionCount,
    totals: close.totals.map((t) => ({ method: t.method, amount: t.amount })),
  };
}

/** One store's Z reports as a day-close batch. */
export function toDayCloseBatch(storeId: string, closes: readonly DayClose[]): DayCloseBatch {
  requireSome(closes, 'day close');
  return { storeId, closes: closes.map((close) => toDayCloseDocument(storeId, close)) };
}
