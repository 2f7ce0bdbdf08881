import type { PosTransaction } from '@storesync/protocol';

/**
 * The sale of DESIGN.md's contract: two of SKU-0042 at 19.99 with 3.20 tax,
 * paid by card; lines, tenders and total add up. Tests vary it with overrides.
 */
export function contractSale(
  transactionId: string,
  overrides: Partial<PosTransaction> = {},
): PosTransaction {
  return {
    transactionId,
    terminalId: 'R01',
    type: 'sale',
    occurredAt: '2026-11-27T14:03:11.123Z',
    currency: 'USD',
    lines: [{ sku: 'SKU-0042', quantity: 2, unitPrice: 1999, discount: 0, tax: 320 }],
    tenders: [{ method: 'card', amount: 4318 }],
    total: 4318,
    originalTransactionId: null,
    ...overrides,
  };
}
