import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tempStoreDb } from './helpers.js';

describe('price book', () => {
  it('applies newer versions only: a snapshot replaces everything, a delta upserts', async () => {
    const store = tempStoreDb();
    const { db } = store;
    assert.equal(db.priceBookVersion(), null);
    assert.equal(db.getPrice('SKU-0001'), null);

    const snapshot = db.applyPriceBook({
      version: 10,
      currency: 'USD',
      snapshot: true,
      items: [
        { sku: 'SKU-0001', price: 1999, description: 'Mug' },
        { sku: 'SKU-0002', price: 500 },
      ],
    });
    const delta = db.applyPriceBook({
      version: 11,
      currency: 'USD',
      snapshot: false,
      items: [
        { sku: 'SKU-0002', price: 450, description: 'Spoon' },
        { sku: 'SKU-0003', price: 99 },
      ],
    });
    const stale = db.applyPriceBook({
      version: 11,
      currency: 'USD',
      snapshot: true,
      items: [{ sku: 'SKU-0001', price: 1 }],
    });
    const older = db.applyPriceBook({ version: 3, currency: 'USD', snapshot: false, items: [] });

    assert.deepEqual([snapshot, delta, stale, older], [true, true, false, false]);
    assert.equal(db.priceBookVersion(), 11);
    assert.deepEqual(db.getPrice('SKU-0001'), {
      sku: 'SKU-0001',
      price: 1999,
      currency: 'USD',
      description: 'Mug',
      version: 10,
    });
    assert.equal(db.getPrice('SKU-0002')?.price, 450);
    assert.equal(db.getPrice('SKU-0003')?.version, 11);

    const replaced = db.applyPriceBook({
      version: 12,
      currency: 'EUR',
      snapshot: true,
      items: [{ sku: 'SKU-0003', price: 120 }],
    });
    assert.equal(replaced, true);
    assert.equal(db.getPrice('SKU-0001'), null);
    assert.deepEqual(db.getPrice('SKU-0003'), {
      sku: 'SKU-0003',
      price: 120,
      currency: 'EUR',
      description: null,
      version: 12,
    });
    await store.done();
  });

  it('applies a book all or nothing: a decimal price leaves the old book in place', async () => {
    const store = tempStoreDb();
    const { db } = store;
    db.applyPriceBook({
      version: 1,
      currency: 'USD',
      snapshot: true,
      items: [{ sku: 'SKU-0001', price: 1999 }],
    });

    assert.throws(() =>
      db.applyPriceBook({
        version: 2,
        currency: 'USD',
        snapshot: true,
        items: [
          { sku: 'SKU-0002', price: 100 },
          { sku: 'SKU-0003', price: 19.99 },
        ],
      }),
    );
    assert.equal(db.priceBookVersion(), 1);
    assert.equal(db.getPrice('SKU-0001')?.price, 1999);
    assert.equal(db.getPrice('SKU-0002'), null);
    await store.done();
  });
});
