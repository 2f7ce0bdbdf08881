import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  buildDayClose,
  createCatalogue,
  createRandom,
  planTill,
  runTills,
  type StartedAgent,
  startAgent,
  type TillProfile,
} from '@storesync/agent';
import { dayClose, posTransaction, reviewFlagsFor } from '@storesync/protocol';
import { tempDir } from '../support/temp-dir.js';
import { TOKEN, testConfig } from './agent-fixture.js';

function profile(seed: number): TillProfile {
  return {
    terminalId: 'R07',
    catalogue: createCatalogue(),
    random: createRandom(seed),
    currency: 'USD',
    taxRateBps: 825,
    returnRate: 0.1,
    voidRate: 0.05,
    startAt: new Date('2026-11-27T09:00:00.000Z'),
  };
}

describe('POS simulator', () => {
  it('has the SKUs the ERP sandbox knows, with prices fixed by the seed', () => {
    const catalogue = createCatalogue();
    assert.equal(catalogue.length, 1000);
    assert.equal(catalogue[0]?.sku, 'SKU-0001');
    assert.equal(catalogue[999]?.sku, 'SKU-1000');
    assert.ok(catalogue.every((item) => Number.isInteger(item.price) && item.price > 0));
    assert.deepEqual(createCatalogue(), catalogue);
    assert.notDeepEqual(createCatalogue(7), catalogue);
  });

  it('plans the same transactions for the same seed and others for another', () => {
    assert.deepEqual(planTill(profile(5), 200), planTill(profile(5), 200));
    assert.notDeepEqual(planTill(profile(6), 200), planTill(profile(5), 200));
  });

  it('plans valid sales, returns and voids whose money adds up', () => {
    const planned = planTill(profile(11), 500);
    const byId = new Map(planned.map((t) => [t.transactionId, t]));

    assert.equal(planned[122]?.transactionId, 'R07-000123');
    for (const txn of planned) {
      assert.equal(posTransaction.safeParse(txn).success, true, txn.transactionId);
      assert.deepEqual(reviewFlagsFor(txn), [], txn.transactionId);
      if (txn.type === 'sale') assert.ok(txn.lines.length >= 1 && txn.lines.length <= 8);
      if (txn.type !== 'sale') {
        assert.equal(byId.get(txn.originalTransactionId ?? '')?.type, 'sale');
        assert.ok(
          (txn.originalTransactionId ?? '') < txn.transactionId,
          'refers to an earlier sale',
        );
      }
    }
    const types = new Set(planned.map((t) => t.type));
    assert.deepEqual(types, new Set(['sale', 'return', 'void']));
  });

  it('closes the day with net takings per tender: sales in, returns out, voids removed', () => {
    const [a, b, c] = planTill({ ...profile(3), returnRate: 0, voidRate: 0 }, 3);
    assert.ok(a && b && c);
    const ret = {
      ...a,
      transactionId: 'R07-000004',
      type: 'return' as const,
      tenders: [{ method: 'card' as const, amount: 100 }],
      originalTransactionId: a.transactionId,
    };
    const cancel = {
      ...b,
      transactionId: 'R07-000005',
      type: 'void' as const,
      lines: [],
      tenders: [],
      total: 0,
      originalTransactionId: b.transactionId,
    };

    const close = buildDayClose([a, b, c, ret, cancel], '2026-11-27', '2026-11-27T22:00:00.000Z');
    const net = (method: string) => close.totals.find((t) => t.method === method)?.amount ?? 0;
    const paid = (method: string) =>
      [a, c]
        .flatMap((t) => t.tenders)
        .filter((t) => t.method === method)
        .reduce((s, t) => s + t.amount, 0);

    assert.equal(close.transactionCount, 5);
    assert.equal(net('card'), paid('card') - 100);
    assert.equal(net('cash'), paid('cash'));
    assert.equal(dayClose.safeParse(close).success, true);
  });
});

describe('runTills against a running agent', () => {
  const dir = tempDir('storesync-sim-');
  let agent: StartedAgent;
  before(async () => {
    agent = await startAgent(testConfig(dir.path, { logLevel: 'warn' }));
  });
  after(async () => {
    await agent.close();
    dir.remove();
  });

  it('posts tills, adjustments and a matching day close, all accepted, none flagged', async () => {
    const result = await runTills({
      baseUrl: agent.url,
      token: TOKEN,
      tills: 4,
      transactionsPerTill: 60,
      concurrency: 3,
      seed: 9,
      adjustments: 5,
      dayClose: true,
    });

    assert.equal(result.sent.length, 240);
    assert.equal(result.answers.length, 240);
    assert.ok(result.answers.every((a) => a.status === 201 && a.duplicate === false));
    assert.ok(result.adjustments.every((a) => a.answer.status === 201));
    assert.equal(result.dayClose?.answer.status, 201);
    assert.equal(result.dayClose?.dayClose.transactionCount, 240);

    const status = agent.db.backlog();
    assert.equal(status.critical.depth, 240);
    assert.equal(status.inventory.depth, 5);
    assert.equal(status.finance.depth, 1);
    assert.deepEqual(agent.db.reviewItems(), []);
  });

  it('posts nothing more once its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const options = { baseUrl: agent.url, token: TOKEN, tills: 2, transactionsPerTill: 10 };
    const result = await runTills({ ...options, signal: controller.signal });
    assert.deepEqual(result.sent, []);
    assert.deepEqual(result.answers, []);
  });

  it('posts arrays when asked and answers repeats as duplicates', async () => {
    const again = await runTills({
      baseUrl: agent.url,
      token: TOKEN,
      tills: 2,
      transactionsPerTill: 60,
      seed: 9,
      batchSize: 25,
    });
    assert.ok(again.answers.every((a) => a.status === 200 && a.duplicate === true));
    assert.equal(agent.db.backlog().critical.depth, 240);
  });
});
