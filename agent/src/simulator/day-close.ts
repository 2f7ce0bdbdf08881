import type { DayClose, PosTransaction, TenderMethod } from '@storesync/protocol';

function addTenders(totals: Map<TenderMethod, number>, txn: PosTransaction, sign: 1 | -1): void {
  for (const tender of txn.tenders) {
    totals.set(tender.method, (totals.get(tender.method) ?? 0) + sign * tender.amount);
  }
}

/**
 * The Z totals of what the store accepted: net takings per tender method
 * (sales in, returns out, voided sales removed) and the number of transactions.
 */
export function buildDayClose(
  accepted: readonly PosTransaction[],
  businessDate: string,
  closedAt: string,
  currency = 'USD',
): DayClose {
  const byId = new Map(accepted.map((t) => [t.transactionId, t]));
  const totals = new Map<TenderMethod, number>();

  for (const txn of accepted) {
    if (txn.type === 'sale') addTenders(totals, txn, 1);
    if (txn.type === 'return') addTenders(totals, txn, -1);
    const voided = txn.type === 'void' ? byId.get(txn.originalTransactionId ?? '') : undefined;
    if (voided) addTenders(totals, voided, -1);
  }

  const list = [...totals].map(([method, amount]) => ({ method, amount }));
  return {
    businessDate,
    closedAt,
    currency,
    transactionCount: accepted.length,
    totals: list.length > 0 ? list : [{ method: 'cash', amount: 0 }],
  };
}
