import { createRandom } from './random.js';

/** One item the store sells. Prices are minor units. */
export interface CatalogueItem {
  sku: string;
  description: string;
  price: number;
}

/** The catalogue size the ERP sandbox knows by default (SKU-0001 to SKU-1000). */
export const DEFAULT_CATALOGUE_SIZE = 1000;
/** The seed of the catalogue the demo and the ERP sandbox price list agree on. */
export const DEFAULT_CATALOGUE_SEED = 42;

const ADJECTIVES = ['Classic', 'Organic', 'Large', 'Mini', 'Deluxe', 'Family', 'Fresh', 'Value'];
const NOUNS = ['Coffee', 'Towel', 'Notebook', 'Batteries', 'Olive Oil', 'Socks', 'Mug', 'Shampoo'];

/** `SKU-0042` for 42: the numbering the ERP sandbox uses. */
export function skuOf(n: number): string {
  return `SKU-${String(n).padStart(4, '0')}`;
}

/**
 * SKU-0001..SKU-<size> with prices from 0.49 to 199.99 that depend only on the
 * seed, mostly ending in 9 as shelf prices do.
 */
export function createCatalogue(
  seed = DEFAULT_CATALOGUE_SEED,
  size = DEFAULT_CATALOGUE_SIZE,
): CatalogueItem[] {
  const random = createRandom(seed);

  return Array.from({ length: size }, (_, i) => {
    const dollars = random.chance(0.7) ? random.int(0, 29) : random.int(30, 199);
    const cents = random.pick([49, 79, 95, 99]);
    const description = `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} ${i + 1}`;
    return { sku: skuOf(i + 1), description, price: dollars * 100 + cents };
  });
}

/** The catalogue as a price book snapshot, for tests and the demo to load into a store. */
export function catalogueAsPriceBook(catalogue: readonly CatalogueItem[], version = 1) {
  return {
    version,
    currency: 'USD',
    snapshot: true,
    items: catalogue.map(({ sku, price, description }) => ({ sku, price, description })),
  };
}
