import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createRestErpAdapter,
  ErpRetryableError,
  type RunningErpSandbox,
  startErpSandbox,
} from '@storesync/central-hub';
import {
  getJson,
  posSale,
  postJson,
  STORE,
  saleDocument,
  salesBatchOf,
  waitFor,
} from './erp-fixtures.js';

describe('ERP sandbox faults', () => {
  let sandbox: RunningErpSandbox;
  let salesUrl: string;

  before(async () => {
    sandbox = await startErpSandbox({ seed: 42 });
    salesUrl = `${sandbox.url}/api/sales-documents`;
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const postSale = (n: number, key = `batch-${n}`) =>
    postJson(salesUrl, salesBatchOf(saleDocument(`R01-${n}`)), key);

  it('answers 429 with Retry-After in seconds over the rate limit', async () => {
    sandbox.configure({ rateLimit: 5 });

    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, n) => postSale(n)));
    const elapsedSeconds = (Date.now() - started) / 1000;

    // A full bucket of 5, plus 5 tokens a second for however long a loaded machine took.
    const posted = answers.filter((a) => a.status === 201);
    const limited = answers.filter((a) => a.status === 429);
    assert.equal(posted.length + limited.length, 30);
    assert.ok(posted.length >= 5, `${posted.length} were let through`);
    assert.ok(posted.length <= 5 + Math.ceil(elapsedSeconds * 5), `${posted.length} let through`);
    assert.ok(limited.length > 0);
    for (const answer of limited) {
      assert.match(answer.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
      assert.equal(answer.body.code, 'RATE_LIMITED');
    }
    assert.equal(sandbox.ledger().transactions.length, posted.length);
    assert.equal(sandbox.stats().byStatus['429'], limited.length);
  });

  it('answers 500 and 503 at the error rate and applies nothing', async () => {
    sandbox.configure({ errorRate: 1 });

    const statuses = [];
    for (let n = 0; n < 20; n += 1) statuses.push((await postSale(n)).status);

    assert.deepEqual([...new Set(statuses)].sort(), [500, 503]);
    assert.deepEqual(sandbox.ledger().transactions, []);
    assert.equal(sandbox.onHand(STORE, 'SKU-0042'), 100);
  });

  it('posts exactly the requests it answered 2xx at a partial error rate', async () => {
    sandbox.configure({ errorRate: 0.5, seed: 7 });

    const statuses = new Map<string, number>();
    for (let n = 0; n < 30; n += 1) statuses.set(`R01-${n}`, (await postSale(n)).status);

    const posted = [...statuses].filter(([, s]) => s === 201).map(([id]) => id);
    assert.ok(posted.length > 0 && posted.length < 30, `${posted.length} of 30 posted`);
    assert.deepEqual(
      sandbox.ledger().transactions.map((t) => t.transactionId),
      posted,
    );
  });

  it('repeats the same faults for the same seed', async () => {
    const run = async () => {
      sandbox.reset();
      sandbox.configure({ errorRate: 0.5, seed: 99 });
      const statuses = [];
      for (let n = 0; n < 12; n += 1) statuses.push((await postSale(n)).status);
      return statuses;
    };

    assert.deepEqual(await run(), await run());
  });

  it('keeps the seed drawn at start across a reset', async () => {
    const unseeded = await startErpSandbox({ errorRate: 0.3 });
    const drawn = unseeded.settings().seed;

    unseeded.configure({ seed: drawn + 1, errorRate: 0 });
    const reset = await postJson(`${unseeded.url}/_sandbox/reset`, {});
    await unseeded.close();

    assert.equal(reset.status, 200);
    assert.equal(reset.body.settings.seed, drawn);
    assert.equal(reset.body.settings.errorRate, 0.3);
  });

  it('answers 503 with Retry-After during an outage window, then recovers', async () => {
    sandbox.configure({ outages: [{ startsInMs: 0, durationMs: 300 }] });

    const during = await postSale(1);
    const control = await getJson(`${sandbox.url}/_sandbox/ledger`);
    const recovered = await waitFor('the outage to end', async () => {
      const answer = await postSale(2);
      return answer.status === 201 ? answer : undefined;
    });

    assert.equal(during.status, 503);
    assert.equal(during.body.code, 'OUTAGE');
    assert.equal(during.headers.get('retry-after'), '1');
    assert.equal(control.status, 200, 'control routes stay up during an outage');
    assert.equal(recovered.status, 201);
    assert.deepEqual(
      sandbox.ledger().transactions.map((t) => t.transactionId),
      ['R01-2'],
    );
  });

  it('starts a scheduled outage window later', async () => {
    sandbox.configure({ outages: [{ startsInMs: 1000, durationMs: 60_000 }] });

    const before = await postSale(1);
    const refused = await waitFor('the outage to start', async () => {
      const answer = await postSale(2);
      return answer.status === 503 ? answer : undefined;
    });

    assert.equal(before.status, 201);
    assert.ok(Number(refused.headers.get('retry-after')) >= 59);
  });

  it('starts an outage now through POST /_sandbox/outage and ends it by config', async () => {
    const started = await postJson(`${sandbox.url}/_sandbox/outage`, { durationMs: 60_000 });
    const during = await postSale(1);
    await postJson(`${sandbox.url}/_sandbox/config`, { outages: [] });
    const afterwards = await postSale(2);

    assert.equal(started.status, 200);
    assert.equal(started.body.outages.length, 1);
    assert.equal(during.status, 503);
    assert.equal(afterwards.status, 201);
  });

  it('leaves a request hanging until the adapter times out, applying nothing', async () => {
    sandbox.configure({ hangRate: 1 });
    const adapter = createRestErpAdapter({ baseUrl: sandbox.url, timeoutMs: 150 });
    const posting = { storeId: STORE, transactions: [posSale('R01-000001')] };

    const started = Date.now();
    const failure = await adapter.postSales(posting, 'batch-1').then(
      () => assert.fail('a hanging request must not succeed'),
      (err: unknown) => err,
    );

    assert.ok(failure instanceof ErpRetryableError);
    assert.equal(failure.code, 'ERP_TIMEOUT');
    assert.equal(failure.retryable, true);
    assert.equal(failure.status, null);
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(sandbox.ledger().transactions, []);
    assert.equal(sandbox.stats().hung, 1);

    sandbox.configure({ hangRate: 0 });
    const retried = await adapter.postSales(posting, 'batch-1');
    assert.equal(retried.status, 201);
    assert.equal(sandbox.ledger().transactions[0]?.count, 1);
  });

  it('delays answers by the configured latency', async () => {
    sandbox.configure({ latencyMs: 80, jitterMs: 20 });

    const started = Date.now();
    const answer = await postSale(1);

    assert.equal(answer.status, 201);
    assert.ok(Date.now() - started >= 75, `answered after ${Date.now() - started} ms`);
  });

  it('refuses invalid settings naming the field and keeps the old ones', async () => {
    const refused = await postJson(`${sandbox.url}/_sandbox/config`, { errorRate: 2 });
    const config = await getJson(`${sandbox.url}/_sandbox/config`);

    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 'VALIDATION_FAILED');
    assert.equal(refused.body.errors[0].path, 'errorRate');
    assert.equal(config.body.errorRate, 0);
  });

  it('reports requests by status and the current rate', async () => {
    await postSale(1);
    await postJson(salesUrl, { storeId: STORE }, 'bad');

    const stats = (await getJson(`${sandbox.url}/_sandbox/stats`)).body;

    assert.equal(stats.requests, 2);
    assert.deepEqual(stats.byStatus, { '201': 1, '422': 1 });
    assert.ok(stats.currentRps >= 1 && stats.currentRps <= 2, `currentRps ${stats.currentRps}`);
    assert.equal(stats.inFlight, 0);
  });
});
