import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { waitFor } from '../support/wait-for.js';
import { ingest, sales } from './event-factory.js';
import { batches, ledgerCounts, postedCount } from './hub-db-reads.js';
import { type PostingRig, startPostingRig } from './posting-rig.js';

const WAIT = { timeout: 30_000 };
let rig: PostingRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

test('a failed send is resent with the batch id as its idempotency key', WAIT, async () => {
  rig = await startPostingRig({ sandbox: { errorRate: 1 }, manualStart: true });
  const { store, sandbox, calls } = rig;
  ingest(store, sales('S1', 30));

  rig.pipeline.start();
  await waitFor('failed sends', () => calls.length >= 6);
  sandbox.configure({ errorRate: 0 });
  await waitFor('all posted', () => postedCount(store) === 30);

  const keysByBatch = new Map<string, Set<string>>();
  for (const call of calls) {
    const documents = call.documentIds.join(',');
    keysByBatch.set(documents, (keysByBatch.get(documents) ?? new Set()).add(call.idempotencyKey));
  }
  assert.equal(keysByBatch.size, 3, 'the same three batches were sent every time');
  const batchIds = new Set(batches(store).map((b) => b.batch_id));
  for (const keys of keysByBatch.values()) {
    assert.equal(keys.size, 1, 'every send of a batch carries one key');
    assert.ok(batchIds.has([...keys][0] as string), 'the key is the batch id');
  }
  assert.ok(batches(store).some((b) => b.attempts >= 2));
  assert.ok(calls.some((c) => c.outcome === 'ERP_UNAVAILABLE'));
  const counts = [...ledgerCounts(sandbox.ledger()).values()];
  assert.deepEqual([counts.length, Math.max(...counts)], [30, 1]);
});

test('a send that timed out is resent with its key and answered from the ERP', WAIT, async () => {
  rig = await startPostingRig({
    sandbox: { latencyMs: 400 },
    erpTimeoutMs: 150,
    posting: { batchSize: 5 },
    manualStart: true,
  });
  const { store, sandbox, calls, adapter } = rig;
  adapter.beforeSend = async () => {
    if (calls.length < 2) return;
    // The resend goes once the ERP has applied the first send nobody waited for.
    await waitFor('the first send applied', () => sandbox.ledger().transactions.length === 5);
    sandbox.configure({ latencyMs: 0 });
  };
  ingest(store, sales('S1', 5));

  rig.pipeline.start();
  await waitFor('posted', () => postedCount(store) === 5);

  assert.deepEqual(
    calls.map((c) => c.outcome),
    ['ERP_TIMEOUT', 'replayed'],
  );
  assert.equal(calls[0]?.idempotencyKey, calls[1]?.idempotencyKey);
  const [batch] = batches(store);
  assert.deepEqual([batch?.state, batch?.attempts, batch?.erp_replayed], ['posted', 2, 1]);
  assert.ok(sandbox.ledger().transactions.every((t) => t.count === 1));
});

test('429 with Retry-After slows the pipeline down, and it climbs back', WAIT, async () => {
  rig = await startPostingRig({
    sandbox: { rateLimit: 5 },
    posting: { concurrency: 1, rateLimit: 50, batchSize: 10 },
    manualStart: true,
  });
  const { store, sandbox, calls, adapter, pipeline } = rig;
  const allowed: number[] = [];
  adapter.beforeSend = () => {
    allowed.push(pipeline.status().allowedRate);
    if (sandbox.ledger().transactions.length >= 100) sandbox.configure({ rateLimit: 0 });
  };
  ingest(store, sales('S1', 500));

  pipeline.start();
  await waitFor('all posted', () => postedCount(store) === 500);

  const limited = calls.filter((c) => c.outcome === 'ERP_RATE_LIMITED');
  assert.ok(limited.length > 0, 'the ERP said 429');
  for (const call of limited) {
    const next = calls.find((c) => c.startedAt > (call.settledAt as number));
    if (next === undefined) continue;
    const waited = next.startedAt - (call.settledAt as number);
    assert.ok(waited >= 980, `waited ${waited} ms after a 429 with Retry-After: 1`);
  }
  assert.ok(Math.min(...allowed) <= 25, `the rate fell to ${Math.min(...allowed)}`);
  assert.equal(pipeline.status().allowedRate, 50, 'the rate climbed back to the ceiling');
  assert.ok(sandbox.ledger().transactions.every((t) => t.count === 1));
});
