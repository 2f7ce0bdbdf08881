import type { ItemCatalog } from './item-catalog.js';

/** Weighed goods move in thousandths; rounding keeps float dust out of the books. */
function roundQuantity(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * On-hand per store and SKU. Every store opens with the item's `onHand`;
 * the book keeps each store's change from that opening figure, so a count
 * sets the store's figure and changing an item's opening shifts them all.
 */
export class StockBook {
  private changes = new Map<string, Map<string, number>>();

  constructor(private readonly catalog: ItemCatalog) {}

  /** The store's on-hand of a SKU; undefined for a SKU the ERP does not know. */
  onHand(storeId: string, sku: string): number | undefined {
    const item = this.catalog.get(sku);
    if (!item) return undefined;

    return roundQuantity(item.onHand + (this.changes.get(storeId)?.get(sku) ?? 0));
  }

  move(storeId: string, sku: string, delta: number): void {
    const store = this.storeChanges(storeId);
    store.set(sku, roundQuantity((store.get(sku) ?? 0) + delta));
  }

  /** A stock count: the store has exactly `quantity` from now on. */
  set(storeId: string, sku: string, quantity: number): void {
    const opening = this.catalog.get(sku)?.onHand ?? 0;
    this.storeChanges(storeId).set(sku, roundQuantity(quantity - opening));
  }

  clear(): void {
    this.changes.clear();
  }

  private storeChanges(storeId: string): Map<string, number> {
    let store = this.changes.get(storeId);
    if (!store) {
      store = new Map();
      this.changes.set(storeId, store);
    }
    return store;
  }
}
