import { z } from 'zod';
import {
  currencyCode,
  identifier,
  isoTimestamp,
  minorUnits,
  nonNegativeMinorUnits,
  quantity,
  tenderMethod,
} from './money.js';

export const transactionType = z.enum(['sale', 'return', 'void']);
export type TransactionType = z.infer<typeof transactionType>;

export const transactionLine = z.strictObject({
  sku: identifier,
  quantity,
  unitPrice: nonNegativeMinorUnits,
  discount: nonNegativeMinorUnits.default(0),
  tax: nonNegativeMinorUnits.default(0),
});
export type TransactionLine = z.infer<typeof transactionLine>;

export const tender = z.strictObject({
  method: tenderMethod,
  /** Negative for change given back in cash. */
  amount: minorUnits,
});
export type Tender = z.infer<typeof tender>;

/** A POS transaction as a till posts it (DESIGN.md, external contract). */
export const posTransaction = z
  .strictObject({
    transactionId: identifier,
    terminalId: identifier,
    type: transactionType,
    occurredAt: isoTimestamp,
    currency: currencyCode,
    lines: z.array(transactionLine).max(1000, { error: 'must have at most 1000 lines' }),
    tenders: z.array(tender).max(50, { error: 'must have at most 50 tenders' }).default([]),
    total: minorUnits,
    originalTransactionId: identifier.nullable().default(null),
  })
  .superRefine((txn, ctx) => {
    if (txn.type === 'void' && txn.originalTransactionId === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['originalTransactionId'],
        message: 'is required for a void: name the transaction being voided',
      });
    }

    if (txn.type !== 'void' && txn.lines.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: 'must have at least one line' });
    }
  });
export type PosTransaction = z.infer<typeof posTransaction>;
export type PosTransactionInput = z.input<typeof posTransaction>;
