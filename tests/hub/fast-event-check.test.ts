import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventEnvelope, posTransaction } from '@storesync/protocol';
import { fastEnvelope, fastPosTransaction } from '../../central-hub/src/ingest/fast-event-check.js';
import { saleEvent } from './hub-fixtures.js';

type Fields = Record<string, unknown>;

/** Values that break one rule or another of the schemas, or slip past a careless check. */
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x'.repeat(65),
  'x'.repeat(129),
  'SKU 42',
  'usd',
  'USD ',
  '2026-02-30T10:00:00.000Z',
  '2026-11-27T24:00:00Z',
  '2026-11-27 14:03:11Z',
  '2026-11-27T14:03:11+01:00',
  '018f2a4e-8b1c-4d2e-9f3a-1b2c3d4e5f60',
  0,
  -1,
  1.5,
  0.0001,
  2 ** 53,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  true,
  [],
  {},
  ['SKU-1'],
  'sale',
  'void',
  'card',
  'bitcoin',
  2,
];

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Every variant of `base` with one key set to one odd value, or removed. */
function mutations(base: Fields): Fields[] {
  const out: Fields[] = [];
  for (const key of Object.keys(base)) {
    const removed = clone(base);
    delete removed[key];
    out.push(removed);
    for (const value of ODD_VALUES) out.push({ ...clone(base), [key]: value });
  }
  out.push({ ...clone(base), extra: 1 });
  out.push(JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(base).slice(1)}`) as Fields);
  return out;
}

function saleBody(): Fields {
  return clone(saleEvent('S001', 1).body as Fields);
}

function bodyMutations(): Fields[] {
  const base = saleBody();
  const out = mutations(base);
  const lines = base.lines as Fields[];
  for (const line of mutations(lines[0] as Fields)) out.push({ ...saleBody(), lines: [line] });
  const tenders = base.tenders as Fields[];
  for (const tender of mutations(tenders[0] as Fields)) {
    out.push({ ...saleBody(), tenders: [tender] });
  }
  out.push({ ...saleBody(), type: 'void', originalTransactionId: null });
  out.push({ ...saleBody(), type: 'void', lines: [], originalTransactionId: 'R01-000001' });
  out.push({ ...saleBody(), lines: [] });
  out.push({ ...saleBody(), lines: Array.from({ length: 1001 }, () => lines[0]) });
  return out;
}

describe('fast event checks', () => {
  test('the fast envelope check never accepts what eventEnvelope refuses', () => {
    const variants = mutations(saleEvent('S001', 1));
    let fast = 0;
    for (const raw of variants) {
      if (fastEnvelope(raw) === null) continue;
      fast++;
      assert.ok(eventEnvelope.safeParse(raw).success, JSON.stringify(raw));
    }
    assert.ok(fast > 0, 'some variants (e.g. another body) still take the fast path');
  });

  test('the fast transaction check never accepts what posTransaction refuses', () => {
    const variants = bodyMutations();
    assert.ok(variants.length > 300);
    let fast = 0;
    for (const body of variants) {
      if (!fastPosTransaction(body)) continue;
      fast++;
      assert.ok(posTransaction.safeParse(body).success, JSON.stringify(body));
    }
    assert.ok(fast > 0, 'defaults left out and valid voids take the fast path');
  });

  test('ordinary sales, returns and voids take the fast path', () => {
    const sale = saleEvent('S001', 1);
    assert.equal(fastEnvelope(sale), sale);
    assert.ok(fastPosTransaction(sale.body));

    const { discount: _d, tax: _t, ...line } = (saleBody().lines as Fields[])[0] as Fields;
    const { tenders: _tenders, originalTransactionId: _o, ...lean } = saleBody();
    assert.ok(fastPosTransaction({ ...lean, type: 'return', lines: [line] }));

    const voided = { ...saleBody(), type: 'void', lines: [], originalTransactionId: 'R01-1' };
    assert.ok(fastPosTransaction(voided));
  });
});
