import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUARANTINE_MAX_BODY_BYTES } from '@storesync/store-db';
import { manualClock, tempStoreDb } from './helpers.js';

describe('quarantine', () => {
  it('keeps what could not be accepted, newest first', async () => {
    const clock = manualClock();
    const store = tempStoreDb({ now: clock.now });
    const first = store.db.quarantine({
      source: 'pos:R01',
      reason: 'invalid JSON',
      rawBody: '{"transactionId":',
    });
    clock.advance(1000);
    const second = store.db.quarantine({
      source: 'hub:pricebook',
      reason: 'lines[0].unitPrice must be an integer',
      rawBody: '{}',
    });

    assert.ok(second > first);
    assert.deepEqual(store.db.listQuarantine(), [
      {
        id: second,
        source: 'hub:pricebook',
        reason: 'lines[0].unitPrice must be an integer',
        rawBody: '{}',
        receivedAt: '2026-11-27T14:00:01.000Z',
      },
      {
        id: first,
        source: 'pos:R01',
        reason: 'invalid JSON',
        rawBody: '{"transactionId":',
        receivedAt: '2026-11-27T14:00:00.000Z',
      },
    ]);
    assert.equal(store.db.listQuarantine(1).length, 1);
    await store.done();
  });

  it('cuts a body over 256 KiB at a character boundary and says so in the reason', async () => {
    const store = tempStoreDb();
    // 'é' is two bytes: the cap falls in the middle of one.
    const rawBody = `x${'é'.repeat(QUARANTINE_MAX_BODY_BYTES)}`;
    store.db.quarantine({ source: 'pos:R01', reason: 'body too large', rawBody });

    const [entry] = store.db.listQuarantine();
    const keptBytes = Buffer.byteLength(entry?.rawBody ?? '');
    assert.equal(keptBytes, QUARANTINE_MAX_BODY_BYTES - 1);
    assert.ok(entry?.rawBody.endsWith('é'));
    assert.equal(
      entry?.reason,
      `body too large (body truncated from ${Buffer.byteLength(rawBody)} to ${keptBytes} bytes)`,
    );
    await store.done();
  });
});
