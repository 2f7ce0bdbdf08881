import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openHubStore, startErpSandbox } from '@storesync/central-hub';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';
import { ingest, sales } from './event-factory.js';
import { batches, postedCount } from './hub-db-reads.js';
import { startPostingRig } from './posting-rig.js';

const dir = tempDir('posting-restart-');
after(() => dir.remove());

test('a batch left sending is resent after a restart with its key; posted once', {
  timeout: 30_000,
}, async () => {
  const sandbox = await startErpSandbox({ latencyMs: 300 });
  try {
    // The hub stops while its request is in flight: the ERP applies it, the hub never hears.
    const first = await startPostingRig({
      dataDir: dir.path,
      existingSandbox: sandbox,
      posting: { batchSize: 10, drainTimeoutMs: 0 },
      manualStart: true,
    });
    ingest(first.store, sales('S1', 10));
    first.pipeline.start();
    await waitFor('the request in flight', () => sandbox.stats().inFlight === 1, 5000, 5);
    await first.close();
    const [key] = first.calls.map((c) => c.idempotencyKey);
    await waitFor('the ERP applied it', () => sandbox.ledger().transactions.length === 10);

    const store = openHubStore(dir.path);
    assert.deepEqual(
      batches(store).map((b) => [b.batch_id, b.state, b.attempts]),
      [[key, 'sending', 1]],
    );
    store.close();

    const second = await startPostingRig({ dataDir: dir.path, existingSandbox: sandbox });
    await waitFor('posted after the restart', () => postedCount(second.store) === 10);
    const [resent] = second.calls;
    assert.equal(resent?.idempotencyKey, key);
    assert.equal(resent?.outcome, 'replayed');
    assert.deepEqual(
      batches(second.store).map((b) => [b.batch_id, b.state, b.attempts, b.erp_replayed]),
      [[key, 'posted', 2, 1]],
    );
    await second.close();

    const ledger = sandbox.ledger().transactions;
    assert.equal(ledger.length, 10);
    assert.ok(
      ledger.every((t) => t.count === 1),
      'no transaction posted twice',
    );
  } finally {
    await sandbox.close();
  }
});
