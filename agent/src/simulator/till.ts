import { lineValue, type PosTransaction, type TransactionLine } from '@storesync/protocol';
import type { CatalogueItem } from './catalogue.js';
import type { Random } from './random.js';
import { payFor, refundFor } from './tenders.js';

/** Time between two transactions of one till, in the simulated clock. */
export const TRANSACTION_SPACING_MS = 7_000;

/** How a till behaves; rates are the share of transactions that are returns or voids. */
export interface TillProfile {
  terminalId: string;
  catalogue: readonly CatalogueItem[];
  random: Random;
  currency: string;
  /** Sales tax in basis points (825 = 8.25 %). */
  taxRateBps: number;
  returnRate: number;
  voidRate: number;
  /** Time of the first transaction; each next one follows a few seconds later. */
  startAt: Date;
}

function saleLine(item: CatalogueItem, profile: TillProfile): TransactionLine {
  const { random } = profile;
  const quantity = random.chance(0.8) ? 1 : random.int(2, 4);
  const extended = quantity * item.price;
  const discount = random.chance(0.15) ? Math.round(extended / 10) : 0;
  const tax = Math.round(((extended - discount) * profile.taxRateBps) / 10_000);
  return { sku: item.sku, quantity, unitPrice: item.price, discount, tax };
}

function totalOf(lines: readonly TransactionLine[]): number {
  return lines.reduce((sum, line) => sum + lineValue(line), 0);
}

/**
 * Plans the transactions of one till: sales of 1-8 lines with tax, returns of
 * earlier sales (part of their lines), voids of earlier sales. Ids are
 * `<terminalId>-000001` upwards, so they are unique per store.
 */
export function planTill(profile: TillProfile, count: number, firstNumber = 1): PosTransaction[] {
  const planned: PosTransaction[] = [];
  const open: PosTransaction[] = [];

  for (let k = 0; k < count; k++) {
    const base = {
      transactionId: `${profile.terminalId}-${String(firstNumber + k).padStart(6, '0')}`,
      terminalId: profile.terminalId,
      occurredAt: new Date(profile.startAt.getTime() + k * TRANSACTION_SPACING_MS).toISOString(),
      currency: profile.currency,
    };
    const txn = nextTransaction(profile, base, open);
    planned.push(txn);
    if (txn.type === 'sale') open.push(txn);
  }
  return planned;
}

type TxnBase = Pick<PosTransaction, 'transactionId' | 'terminalId' | 'occurredAt' | 'currency'>;

/** Picks what happens next; a return or void consumes an earlier open sale. */
function nextTransaction(profile: TillProfile, base: TxnBase, open: PosTransaction[]) {
  const roll = profile.random.next();
  const earlier =
    open.length > 0 ? open.splice(profile.random.int(0, open.length - 1), 1)[0] : null;

  if (earlier && roll < profile.voidRate) return voidOf(base, earlier);
  if (earlier && roll < profile.voidRate + profile.returnRate) {
    return returnOf(base, earlier, profile);
  }

  if (earlier) open.push(earlier);
  return saleOf(base, profile);
}

function saleOf(base: TxnBase, profile: TillProfile): PosTransaction {
  const { random, catalogue } = profile;
  const lines = Array.from({ length: random.int(1, 8) }, () =>
    saleLine(random.pick(catalogue), profile),
  );
  const total = totalOf(lines);
  const tenders = payFor(total, random);
  return { ...base, type: 'sale', lines, tenders, total, originalTransactionId: null };
}

function returnOf(base: TxnBase, sale: PosTransaction, profile: TillProfile): PosTransaction {
  const keep = profile.random.int(1, sale.lines.length);
  const lines = sale.lines.slice(0, keep);
  const total = totalOf(lines);
  const tenders = refundFor(total, sale.tenders);
  return {
    ...base,
    type: 'return',
    lines,
    tenders,
    total,
    originalTransactionId: sale.transactionId,
  };
}

/** A void cancels an earlier sale as a whole: no lines and no money of its own. */
function voidOf(base: TxnBase, sale: PosTransaction): PosTransaction {
  return {
    ...base,
    type: 'void',
    lines: [],
    tenders: [],
    total: 0,
    originalTransactionId: sale.transactionId,
  };
}
