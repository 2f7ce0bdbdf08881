import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { waitFor } from '../support/wait-for.js';
import { ingest, sales } from './event-factory.js';
import { batches, ledgerCounts, postingStates } from './hub-db-reads.js';
import { type PostingRig, startPostingRig } from './posting-rig.js';

const WAIT = { timeout: 30_000 };
const NEW_SKU = 'SKU-7777';
/** Transactions 4 and 8 (first batch) and 15 (second batch) sell a SKU the ERP lacks. */
const FAULTY = new Set([3, 7, 14]);

let rig: PostingRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function rigWithRefusedSkus(): Promise<PostingRig> {
  const started = await startPostingRig({ posting: { batchSize: 10 }, manualStart: true });
  ingest(started.store, sales('S1', 20, { sku: (i) => (FAULTY.has(i) ? NEW_SKU : undefined) }));
  started.pipeline.start();
  await waitFor('posted or dead', () => {
    const states = postingStates(started.store);
    return states.posted === 17 && states.dead_letter === 3;
  });
  return started;
}

test(
  'unknown SKUs: only the documents at fault become dead letters, the rest posts',
  WAIT,
  async () => {
    rig = await rigWithRefusedSkus();
    const { deadLetters, sandbox, store, overview } = rig;

    const open = deadLetters.list({ state: 'open' });
    assert.deepEqual(open.map((d) => d.documentId).sort(), [
      'S1-T-000004',
      'S1-T-000008',
      'S1-T-000015',
    ]);
    for (const letter of open) {
      assert.equal(letter.code, 'UNKNOWN_SKU');
      assert.match(letter.reason, /SKU-7777/);
      assert.equal(letter.storeId, 'S1');
      assert.equal(letter.kind, 'sale');
      assert.equal(letter.attempts, 1);
      assert.equal((letter.payload as { transactionId: string }).transactionId, letter.documentId);
      assert.equal(deadLetters.get(letter.id)?.batchId, letter.batchId);
    }

    const posted = ledgerCounts(sandbox.ledger());
    assert.equal(posted.size, 17);
    assert.ok([...posted.values()].every((count) => count === 1));
    for (const letter of open) assert.equal(posted.has(`S1/${letter.documentId}`), false);

    const shape = batches(store).map((b) => [b.origin, b.state, b.size]);
    assert.deepEqual(shape.sort(), [
      ['ingest', 'split', 10],
      ['ingest', 'split', 10],
      ['split', 'posted', 8],
      ['split', 'posted', 9],
    ]);
    assert.equal(overview.summary().openDeadLetters, 3);
  },
);

test('a replay after the cause is fixed posts each document exactly once', WAIT, async () => {
  rig = await rigWithRefusedSkus();
  const { deadLetters, sandbox, store } = rig;
  const open = deadLetters.list({ state: 'open' });
  const [first, ...others] = open.map((d) => d.id);

  // Replayed before the fix: refused again, a new dead letter with the attempts so far.
  assert.deepEqual(deadLetters.replay([first as number], 'alice'), {
    replayed: [first],
    notOpen: [],
  });
  await waitFor('refused again', () => deadLetters.list({ state: 'open' }).length === 3);
  const again = deadLetters.list({ state: 'open' }).find((d) => !others.includes(d.id));
  assert.equal(again?.attempts, 2);

  sandbox.addItems([{ sku: NEW_SKU, price: 500, onHand: 10 }]);
  const ids = deadLetters.list({ state: 'open' }).map((d) => d.id);
  assert.deepEqual(deadLetters.replay([...ids, 99_999], 'alice'), {
    replayed: ids,
    notOpen: [99_999],
  });
  await waitFor('all posted', () => postingStates(store).posted === 20);

  const counts = ledgerCounts(sandbox.ledger());
  assert.equal(counts.size, 20);
  assert.ok([...counts.values()].every((count) => count === 1));
  const replayed = deadLetters.list({ state: 'replayed' });
  assert.equal(replayed.length, 4);
  assert.ok(
    replayed.every((d) => d.resolvedBy === 'alice' && /posting batch pb-/.test(`${d.resolution}`)),
  );
  assert.deepEqual(deadLetters.replay(ids, 'alice'), { replayed: [], notOpen: ids });
  assert.equal(batches(store).filter((b) => b.origin === 'replay').length, 2);
});

test('a discarded dead letter leaves posting for good', WAIT, async () => {
  rig = await rigWithRefusedSkus();
  const { deadLetters, store, overview } = rig;
  const [letter] = deadLetters.list({ state: 'open', storeId: 'S1', limit: 1 });
  assert.ok(letter);

  const outcome = deadLetters.discard([letter.id], 'bob', 'test sale, never paid');
  assert.deepEqual(outcome, { discarded: [letter.id], notOpen: [] });

  const discarded = deadLetters.get(letter.id);
  assert.equal(discarded?.state, 'discarded');
  assert.equal(discarded?.resolvedBy, 'bob');
  assert.equal(discarded?.resolution, 'test sale, never paid');
  assert.equal(store.events.get(letter.eventId)?.postingState, 'discarded');
  assert.equal(overview.summary().openDeadLetters, 2);
  assert.deepEqual(deadLetters.replay([letter.id], 'bob'), { replayed: [], notOpen: [letter.id] });
  assert.deepEqual(deadLetters.list({ storeId: 'S2' }), []);
});
