import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { deadLetter, FakeDeadLetters, fakePostings } from './fake-dead-letters.js';
import { addAccount, call, type OperatorRig, operatorRig, sessionOf } from './operator-rig.js';

let rig: OperatorRig;
let letters: FakeDeadLetters;
let operator: { authorization: string };
let viewer: { authorization: string };

before(async () => {
  letters = new FakeDeadLetters([1, 2, 3, 4, 5].map((id) => deadLetter(id)));
  rig = await operatorRig({ deadLetters: letters, postings: fakePostings });
  operator = await sessionOf(rig, 'olga', addAccount(rig, 'olga', 'operator'));
  viewer = await sessionOf(rig, 'victor', addAccount(rig, 'victor', 'viewer'));
});
after(() => rig.close());
beforeEach(() => {
  letters.calls.length = 0;
  letters.failWith = null;
});

function lastAudit() {
  return rig.access.audit.list({ limit: 1 })[0];
}

describe('reading dead letters (any role)', () => {
  test('GET /api/dead-letters lists with the filters passed on', async () => {
    const all = await call(rig, viewer, 'GET', '/api/dead-letters');
    const s002 = await call(rig, viewer, 'GET', '/api/dead-letters?storeId=S002&state=open');
    const two = await call(rig, viewer, 'GET', '/api/dead-letters?limit=2');

    assert.equal(all.statusCode, 200);
    const first = all.json().deadLetters[0];
    assert.deepEqual(
      [first.id, first.reason, first.attempts, first.payload],
      [1, 'the ERP does not know SKU-9999', 3, { lines: [{ sku: 'SKU-9999', quantity: 1 }] }],
    );
    assert.deepEqual(
      s002.json().deadLetters.map((l: { id: number }) => l.id),
      [2, 4],
    );
    assert.equal(two.json().deadLetters.length, 2);
  });

  test('a bad filter is a 400 naming the parameter', async () => {
    const res = await call(rig, viewer, 'GET', '/api/dead-letters?limit=0&state=lost');

    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
      ['limit', 'state'],
    );
  });

  test('GET /api/dead-letters/:id answers one, 404 for none, 400 for a non-id', async () => {
    const found = await call(rig, viewer, 'GET', '/api/dead-letters/3');
    const missing = await call(rig, viewer, 'GET', '/api/dead-letters/99');
    const bad = await call(rig, viewer, 'GET', '/api/dead-letters/abc');

    assert.equal(found.statusCode, 200);
    assert.equal(found.json().eventId, 'evt-3');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'NOT_FOUND');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, 'id');
  });

  test('GET /api/postings answers the summary and recent batches', async () => {
    const res = await call(rig, viewer, 'GET', '/api/postings?limit=2');

    assert.equal(res.statusCode, 200);
    assert.equal(res.json().summary.circuit, 'closed');
    assert.equal(res.json().summary.openDeadLetters, 2);
    assert.equal(res.json().recentBatches.length, 2);
  });
});

describe('replay', () => {
  test('a viewer gets 403 and nothing is replayed; the refusal is audited', async () => {
    const res = await call(rig, viewer, 'POST', '/api/dead-letters/replay', { ids: [1] });

    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'FORBIDDEN');
    assert.equal(letters.calls.length, 0);
    const entry = lastAudit();
    assert.equal(entry?.action, 'dead_letter.replay');
    assert.equal(entry?.outcome, 'refused');
    assert.equal(entry?.username, 'victor');
  });

  test('an operator replays open ones; the rest come back as notOpen; it is audited', async () => {
    const res = await call(rig, operator, 'POST', '/api/dead-letters/replay', { ids: [1, 1, 99] });

    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { replayed: [1], notOpen: [99] });
    assert.deepEqual(letters.calls, [{ method: 'replay', ids: [1, 99], operator: 'olga' }]);
    const entry = lastAudit();
    assert.equal(entry?.action, 'dead_letter.replay');
    assert.equal(entry?.outcome, 'ok');
    assert.equal(entry?.username, 'olga');
    assert.deepEqual(entry?.targetIds, [1, 99]);
    assert.deepEqual(entry?.detail, { replayed: [1], notOpen: [99] });
    assert.equal(entry?.requestId, res.headers['x-request-id']);
  });

  test('an empty or malformed id list is a 400 naming ids', async () => {
    for (const body of [{ ids: [] }, { ids: ['1'] }, {}]) {
      const res = await call(rig, operator, 'POST', '/api/dead-letters/replay', body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.match(res.json().errors[0].path, /^ids/);
    }
    assert.equal(letters.calls.length, 0);
  });

  test('when the service throws, the failure is audited and answered 500', async () => {
    letters.failWith = new Error('hub.db is locked');
    const res = await call(rig, operator, 'POST', '/api/dead-letters/replay', { ids: [2] });

    assert.equal(res.statusCode, 500);
    assert.equal(res.json().code, 'INTERNAL');
    const entry = lastAudit();
    assert.equal(entry?.outcome, 'failed');
    assert.deepEqual(entry?.targetIds, [2]);
    assert.deepEqual(entry?.detail, { code: 'INTERNAL', message: 'hub.db is locked' });
  });
});

describe('discard', () => {
  test('without a reason it is a 400 naming reason, and nothing is discarded', async () => {
    const missing = await call(rig, operator, 'POST', '/api/dead-letters/discard', { ids: [3] });
    const short = await call(rig, operator, 'POST', '/api/dead-letters/discard', {
      ids: [3],
      reason: '  no ',
    });

    for (const res of [missing, short]) {
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
      assert.deepEqual(
        res.json().errors.map((e: { path: string }) => e.path),
        ['reason'],
      );
      assert.match(res.json().message, /reason/);
    }
    assert.equal(letters.calls.length, 0);
  });

  test('an operator discards with a reason, which the audit log keeps', async () => {
    const reason = 'SKU-9999 was a test item; sold again under SKU-0042';
    const res = await call(rig, operator, 'POST', '/api/dead-letters/discard', {
      ids: [3, 1],
      reason,
    });

    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { discarded: [3], notOpen: [1] });
    assert.equal(letters.get(3)?.resolvedBy, 'olga');
    const entry = lastAudit();
    assert.equal(entry?.action, 'dead_letter.discard');
    assert.equal(entry?.reason, reason);
    assert.deepEqual(entry?.targetIds, [3, 1]);
  });

  test('a viewer gets 403', async () => {
    const body = { ids: [4], reason: 'not mine to decide' };
    const res = await call(rig, viewer, 'POST', '/api/dead-letters/discard', body);

    assert.equal(res.statusCode, 403);
    assert.equal(letters.calls.length, 0);
  });
});

describe('a hub without the posting pipeline', () => {
  test('answers 503 POSTING_UNAVAILABLE, after the session check', async () => {
    const bare = await operatorRig();
    try {
      const session = await sessionOf(bare, 'olga', addAccount(bare, 'olga', 'operator'));
      const routes: Array<['GET' | 'POST', string, object?]> = [
        ['GET', '/api/dead-letters'],
        ['GET', '/api/dead-letters/1'],
        ['POST', '/api/dead-letters/replay', { ids: [1] }],
        ['POST', '/api/dead-letters/discard', { ids: [1], reason: 'gone for good' }],
        ['GET', '/api/postings'],
      ];
      for (const [method, url, body] of routes) {
        const res = await call(bare, session, method, url, body);
        assert.equal(res.statusCode, 503, url);
        assert.equal(res.json().code, 'POSTING_UNAVAILABLE');
        assert.match(res.json().message, /--erp-url/);
      }
      assert.equal((await call(bare, {}, 'GET', '/api/postings')).statusCode, 401);
    } finally {
      await bare.close();
    }
  });
});
