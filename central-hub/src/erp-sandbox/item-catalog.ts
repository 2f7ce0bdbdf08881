import { identifier, nonNegativeMinorUnits } from '@storesync/protocol';
import { z } from 'zod';

/** `POST /_sandbox/items`: SKUs to add, or to change when known. */
export const sandboxItems = z
  .array(
    z.strictObject({
      sku: identifier,
      price: nonNegativeMinorUnits,
      /** Opening on-hand of every store. */
      onHand: z.number().finite(),
    }),
  )
  .min(1)
  .max(100_000);
export type SandboxItem = z.infer<typeof sandboxItems>[number];

/** The SKUs every sandbox knows from the start: SKU-0001 to SKU-1000. */
export const DEFAULT_SKU_COUNT = 1000;
export const DEFAULT_OPENING_ON_HAND = 100;

/** Deterministic prices from 0.99 to 49.99, so runs compare. */
export function defaultPriceOf(n: number): number {
  return 99 + ((n * 37) % 50) * 100;
}

export function defaultItems(): SandboxItem[] {
  return Array.from({ length: DEFAULT_SKU_COUNT }, (_, i) => ({
    sku: `SKU-${String(i + 1).padStart(4, '0')}`,
    price: defaultPriceOf(i + 1),
    onHand: DEFAULT_OPENING_ON_HAND,
  }));
}

/**
 * The ERP's item master and price list. The price list version grows with
 * every change of a price so that price book sync can be tested.
 */
export class ItemCatalog {
  private items = new Map<string, SandboxItem>();
  private version = 1;

  constructor(readonly currency: string) {
    this.upsert(defaultItems());
    this.version = 1;
  }

  /** Adds or changes items; answers how many were new and the price list version. */
  upsert(items: readonly SandboxItem[]): { added: number; updated: number; version: number } {
    let added = 0;
    let priced = false;
    for (const item of items) {
      const known = this.items.get(item.sku);
      if (!known) added += 1;
      if (known?.price !== item.price) priced = true;
      this.items.set(item.sku, { ...item });
    }

    if (priced) this.version += 1;
    return { added, updated: items.length - added, version: this.version };
  }

  get(sku: string): SandboxItem | undefined {
    return this.items.get(sku);
  }

  has(sku: string): boolean {
    return this.items.has(sku);
  }

  priceList(): { version: number; currency: string; items: { sku: string; price: number }[] } {
    const items = [...this.items.values()].map(({ sku, price }) => ({ sku, price }));
    return { version: this.version, currency: this.currency, items };
  }
}
