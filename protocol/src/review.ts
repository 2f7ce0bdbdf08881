import type { PosTransaction } from './pos-transaction.js';

/**
 * Reasons a captured transaction is flagged for a person to look at. The sale
 * already happened at the till, so none of these refuse it.
 */
export type ReviewFlag = 'lines_total_mismatch' | 'tenders_total_mismatch' | 'return_unlinked';

/** Extended line value: quantity x unit price, less discount, plus tax. */
export function lineValue(line: PosTransaction['lines'][number]): number {
  return Math.round(line.quantity * line.unitPrice) - line.discount + line.tax;
}

/** Checks that lines and tenders add up to the total; never throws. */
export function reviewFlagsFor(txn: PosTransaction): ReviewFlag[] {
  const flags: ReviewFlag[] = [];

  if (txn.type === 'void') return flags;

  const linesTotal = txn.lines.reduce((sum, line) => sum + lineValue(line), 0);
  if (linesTotal !== txn.total) flags.push('lines_total_mismatch');

  const tendered = txn.tenders.reduce((sum, t) => sum + t.amount, 0);
  if (txn.tenders.length > 0 && tendered !== txn.total) flags.push('tenders_total_mismatch');

  if (txn.type === 'return' && txn.originalTransactionId === null) flags.push('return_unlinked');

  return flags;
}
