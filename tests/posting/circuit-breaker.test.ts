import assert from 'node:assert/strict';
import { afterEach, describe, it, test } from 'node:test';
import { CircuitBreaker, type CircuitChange } from '@storesync/central-hub';
import { waitFor } from '../support/wait-for.js';
import { ingest, sales } from './event-factory.js';
import { postedCount } from './hub-db-reads.js';
import { captureLogs, withMessage } from './log-capture.js';
import { type PostingRig, startPostingRig } from './posting-rig.js';

describe('circuit breaker', () => {
  const options = { failureThreshold: 3, cooldownMs: 1000, maxCooldownMs: 4000 };

  function breaker() {
    const changes: CircuitChange[] = [];
    return { circuit: new CircuitBreaker(options, (c) => changes.push(c)), changes };
  }

  it('opens after consecutive failures and lets nothing through while open', () => {
    const { circuit, changes } = breaker();
    circuit.recordFailure(0);
    circuit.recordFailure(10);
    circuit.recordSuccess();
    circuit.recordFailure(20);
    circuit.recordFailure(30);
    assert.equal(circuit.state(30), 'closed', 'a success resets the count');

    circuit.recordFailure(40);
    assert.equal(circuit.state(40), 'open');
    assert.equal(circuit.tryAcquire(500), false);
    assert.equal(circuit.retryAtMs(500), 1040);
    assert.deepEqual(
      changes.map((c) => [c.from, c.to, c.reason]),
      [['closed', 'open', 'failures']],
    );
  });

  it('half-open lets one probe go; its failure reopens for twice as long', () => {
    const { circuit } = breaker();
    for (const at of [0, 1, 2]) circuit.recordFailure(at);

    assert.equal(circuit.state(1002), 'half_open');
    assert.equal(circuit.tryAcquire(1002), true, 'the probe');
    assert.equal(circuit.tryAcquire(1003), false, 'only one probe');
    circuit.recordFailure(1100);
    assert.equal(circuit.state(1100), 'open');
    assert.equal(circuit.retryAtMs(1100), 3100);
    assert.equal(circuit.tryAcquire(3000), false);
    assert.equal(circuit.tryAcquire(3100), true);
  });

  it('a successful probe closes it; a 429 probe frees the slot for another', () => {
    const { circuit, changes } = breaker();
    for (const at of [0, 1, 2]) circuit.recordFailure(at);
    assert.equal(circuit.tryAcquire(1002), true);
    circuit.recordNeutral();
    assert.equal(circuit.tryAcquire(1003), true);
    circuit.recordSuccess();

    assert.equal(circuit.state(1004), 'closed');
    assert.equal(circuit.tryAcquire(1004), true);
    assert.deepEqual(
      changes.map((c) => c.to),
      ['open', 'half_open', 'closed'],
    );
  });

  it("opens for the ERP's Retry-After when it gives one, within the longest cooldown", () => {
    const { circuit } = breaker();
    circuit.recordFailure(0);
    circuit.recordFailure(1);
    circuit.recordFailure(2, 2500);
    assert.equal(circuit.retryAtMs(2), 2502);
    assert.equal(circuit.tryAcquire(2502), true);
    circuit.recordFailure(2600, 600_000);
    assert.equal(circuit.retryAtMs(2600), 6600);
  });

  it('a configuration problem opens it at once for the pause asked', () => {
    const { circuit } = breaker();
    circuit.openForConfiguration(30_000, 0);
    assert.equal(circuit.state(29_999), 'open');
    assert.equal(circuit.reason, 'configuration');
    assert.equal(circuit.state(30_000), 'half_open');
  });
});

const WAIT = { timeout: 30_000 };
let rig: PostingRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

test('an ERP outage opens the circuit; probes close it when the ERP is back', WAIT, async () => {
  const { logger, entries } = captureLogs();
  rig = await startPostingRig({
    logger,
    posting: { failureThreshold: 3, circuitCooldownMs: 100, circuitMaxCooldownMs: 200 },
    manualStart: true,
  });
  const { store, sandbox, overview } = rig;
  const turns = () => withMessage(entries, 'erp circuit changed').map((e) => `${e.from}>${e.to}`);
  ingest(store, sales('S1', 50));
  sandbox.configure({ outages: [{ durationMs: 600_000 }] });

  rig.pipeline.start();
  await waitFor('the circuit open', () => overview.summary().circuit === 'open', 5000, 5);
  await waitFor(
    'a failed probe',
    () => withMessage(entries, 'erp circuit open; posting paused').length >= 3,
  );
  sandbox.configure({ outages: [] });
  await waitFor('all posted after the outage', () => postedCount(store) === 50);

  // Once open, only probes reach the ERP: one at a time, one per half-open.
  const [opened] = withMessage(entries, 'erp circuit open; posting paused');
  const openedAt = Date.parse(String(opened?.time));
  const probes = rig.calls.filter((c) => c.startedAt > openedAt);
  const halfOpens = turns().filter((t) => t === 'open>half_open').length;
  const failedProbes = probes.filter((c) => c.outcome === 'ERP_UNAVAILABLE');
  assert.equal(failedProbes.length, halfOpens - 1, 'one probe per half-open; the last one passed');
  for (const [i, probe] of failedProbes.entries()) {
    const next = probes[i + 1];
    assert.ok(next && next.startedAt >= (probe.settledAt as number), 'probes never overlap');
  }
  assert.equal(turns().at(-1), 'half_open>closed');
  assert.equal(overview.summary().circuit, 'closed');
  assert.ok(sandbox.ledger().transactions.every((t) => t.count === 1));
});
