import type { DayClose, InventoryAdjustment, PosTransaction } from '@storesync/protocol';
import type { OnHandAnswer, PriceList } from './documents.js';

/** Sales, returns and voids of one store, as event bodies (kinds sale, return, void). */
export interface SalesPosting {
  storeId: string;
  transactions: readonly PosTransaction[];
  /** Defaults to the UTC date of the earliest transaction. */
  businessDate?: string;
}

/** Stock adjustments of one store (event kind inventory_adjustment). */
export interface InventoryPosting {
  storeId: string;
  adjustments: readonly InventoryAdjustment[];
}

/** Z reports of one store (event kind day_close). */
export interface DayClosePosting {
  storeId: string;
  closes: readonly DayClose[];
}

/** What the ERP said to a post that it applied (or had applied before). */
export interface ErpPostingResult {
  /** HTTP status of the ERP's answer. */
  status: number;
  /** True when the ERP answered from its idempotency store: this key was posted before. */
  replayed: boolean;
  /** The ERP's journal or document number, when its answer carried one. */
  erpReference: string | null;
  /** The answer body as received, for the posting log. */
  body: unknown;
}

/**
 * The hub's view of an ERP. Every post carries an idempotency key (the
 * hub's persisted posting batch id), so a retry after a timeout cannot
 * post twice. Failures of the exchange are thrown as `ErpRetryableError` or
 * `ErpPermanentError` (see erp-errors.ts). A posting without documents is a
 * caller's bug and throws a RangeError before anything is sent.
 */
export interface ErpAdapter {
  postSales(batch: SalesPosting, idempotencyKey: string): Promise<ErpPostingResult>;
  postInventoryMovements(
    batch: InventoryPosting,
    idempotencyKey: string,
  ): Promise<ErpPostingResult>;
  postDayCloses(batch: DayClosePosting, idempotencyKey: string): Promise<ErpPostingResult>;
  /** On-hand of the SKUs at one store, as the ERP's books have it. */
  fetchOnHand(storeId: string, skus: readonly string[]): Promise<OnHandAnswer>;
  fetchPrices(): Promise<PriceList>;
}
