import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { afterEach, test } from 'node:test';
import { type SeenRequest, startStubServer } from '../erp/erp-stub-server.js';
import { waitFor } from '../support/wait-for.js';
import { ingest, sales } from './event-factory.js';
import { postingStates } from './hub-db-reads.js';
import { captureLogs, withMessage } from './log-capture.js';
import { type PostingRig, startPostingRig } from './posting-rig.js';

const WAIT = { timeout: 30_000 };
const BAD = 'S1-T-000006';

let rig: PostingRig | undefined;
let stub: Awaited<ReturnType<typeof startStubServer>> | undefined;
afterEach(async () => {
  await rig?.close();
  await stub?.close();
  rig = undefined;
  stub = undefined;
});

function documentIdsOf(request: SeenRequest): string[] {
  const body = request.body as { documents?: Array<{ transactionId: string }> } | null;
  return body?.documents?.map((d) => d.transactionId) ?? [];
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Refuses any batch holding BAD as a whole, naming no document, like a batch-level rule. */
function refuseBatchesWithBad(request: SeenRequest, res: ServerResponse): void {
  const ids = documentIdsOf(request);
  if (ids.includes(BAD)) {
    const errors = [{ documentId: null, path: 'documents', message: 'totals do not balance' }];
    json(res, 422, { code: 'VALIDATION_FAILED', message: 'batch refused', errors });
  } else {
    json(res, 201, { erpReference: 'SD-1', storeId: 'S1', documentCount: ids.length });
  }
}

test(
  'a batch refused as a whole is split in halves until the fault is isolated',
  WAIT,
  async () => {
    stub = await startStubServer();
    stub.respond(refuseBatchesWithBad);
    rig = await startPostingRig({ erpUrl: stub.url, posting: { batchSize: 8 }, manualStart: true });
    const { store } = rig;
    ingest(store, sales('S1', 8));

    rig.pipeline.start();
    await waitFor('isolated', () => postingStates(store).dead_letter === 1);
    await waitFor('the rest posted', () => postingStates(store).posted === 7);

    const sizes = stub.seen.map((r) => documentIdsOf(r).length).sort((a, b) => b - a);
    assert.deepEqual(sizes, [8, 4, 4, 2, 2, 1, 1], '8 -> 4 + 4 -> 2 + 2 -> 1 + 1');
    const accepted = stub.seen.flatMap((r) => {
      const ids = documentIdsOf(r);
      return ids.includes(BAD) ? [] : ids;
    });
    assert.equal(new Set(accepted).size, 7, 'every other document was accepted once');
    const [letter] = rig.deadLetters.list();
    assert.equal(letter?.documentId, BAD);
    assert.equal(letter?.code, 'VALIDATION_FAILED');
    assert.match(letter?.reason ?? '', /totals do not balance/);
  },
);

test(
  '401 pauses posting and alerts, dead-letters nothing, and resumes once fixed',
  WAIT,
  async () => {
    stub = await startStubServer();
    stub.answer(401, { code: 'UNAUTHORIZED', message: 'bad token' });
    const { logger, entries } = captureLogs();
    rig = await startPostingRig({
      erpUrl: stub.url,
      logger,
      posting: { batchSize: 10, concurrency: 1, authPauseMs: 400 },
      manualStart: true,
    });
    const { store, overview } = rig;
    ingest(store, sales('S1', 30));

    rig.pipeline.start();
    await waitFor('the pause', () => overview.summary().circuit === 'open', 5000, 5);
    const metrics = await rig.hubMetrics.registry.metrics();
    assert.match(metrics, /storesync_hub_erp_configuration_problem 1/);
    assert.match(
      metrics,
      /storesync_hub_erp_errors_total\{class="configuration",code="ERP_AUTH_FAILED"\} 1/,
    );
    const alert = withMessage(entries, 'erp refused the hub configuration; posting paused');
    assert.equal(alert[0]?.level, 50, 'logged as an error');
    assert.equal(stub.seen.length, 1, 'nothing more is sent while paused');

    stub.respond((request, res) => {
      const count = documentIdsOf(request).length;
      json(res, 201, { erpReference: 'SD-2', storeId: 'S1', documentCount: count });
    });
    await waitFor('posted after the pause', () => postingStates(store).posted === 30);
    assert.deepEqual(rig.deadLetters.list(), []);
    assert.equal(overview.summary().circuit, 'closed');
    assert.match(
      await rig.hubMetrics.registry.metrics(),
      /storesync_hub_erp_configuration_problem 0/,
    );
  },
);
