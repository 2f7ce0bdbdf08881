import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { addOperator, disableOperator, SESSION_TTL_MS } from '@storesync/central-hub';
import {
  addAccount,
  call,
  login,
  type OperatorRig,
  operatorRig,
  START,
  sessionOf,
} from './operator-rig.js';

let rig: OperatorRig;
let alicePassword: string;

before(async () => {
  rig = await operatorRig();
  alicePassword = addAccount(rig, 'alice', 'operator');
});
after(() => rig.close());

describe('POST /api/login', () => {
  test('answers an opaque token, the role and an expiry 12 h ahead', async () => {
    const res = await login(rig, 'alice', alicePassword);

    assert.equal(res.statusCode, 200);
    const grant = res.json();
    assert.match(grant.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(grant.role, 'operator');
    assert.equal(grant.expiresAt, new Date(START + 12 * 3600_000).toISOString());
    assert.equal(SESSION_TTL_MS, 12 * 3600_000);
    // hub.db keeps the token's SHA-256 only.
    const kept = rig.store.db.prepare('SELECT token_hash FROM operator_sessions').pluck().all();
    assert.ok(!kept.includes(grant.token));
    assert.ok(kept.includes(createHash('sha256').update(grant.token).digest('hex')));
  });

  test('takes the username in any case', async () => {
    const res = await login(rig, '  Alice ', alicePassword);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().username, 'alice');
  });

  test('a wrong password and an unknown username get the same 401', async () => {
    const wrong = await login(rig, 'alice', 'not-the-password');
    const unknown = await login(rig, 'mallory', alicePassword);

    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().code, 'UNAUTHORIZED');
    assert.equal(wrong.body, unknown.body);
    assert.equal('token' in wrong.json(), false);
  });

  test('an unknown username costs a password check too and is audited', async () => {
    const timed = async (username: string) => {
      const started = performance.now();
      assert.equal((await login(rig, username, 'not-the-password')).statusCode, 401);
      return performance.now() - started;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] ?? 0;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await timed('alice'));
      unknown.push(await timed(`nobody-${i}`));
    }

    // scrypt dominates both; skipping it for unknown names would make them ~10x faster.
    assert.ok(median(unknown) > 0.3 * median(known), `${unknown} vs ${known}`);
    const [entry] = rig.access.audit.list({ limit: 1, action: 'login_failed' });
    assert.equal(entry?.username, 'nobody-2');
    assert.deepEqual(entry?.detail, { cause: 'unknown_username' });
    await login(rig, 'alice', alicePassword);
  });

  test('a disabled operator cannot log in and loses open sessions', async () => {
    const password = addAccount(rig, 'dave', 'viewer');
    const session = await sessionOf(rig, 'dave', password);

    assert.equal(disableOperator(rig.dataDir, 'dave'), true);

    assert.equal((await login(rig, 'dave', password)).statusCode, 401);
    assert.equal((await call(rig, session, 'GET', '/api/stores')).statusCode, 401);
    assert.equal(disableOperator(rig.dataDir, 'dave'), false);
  });

  test('a body without a password is a 400 naming the field', async () => {
    const res = await rig.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'alice' },
    });

    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      body.errors.map((e: { path: string }) => e.path),
      ['password'],
    );
  });

  test('a body that is not JSON is a 400 INVALID_JSON', async () => {
    const res = await rig.app.inject({
      method: 'POST',
      url: '/api/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'INVALID_JSON');
  });
});

describe('sessions on /api', () => {
  test('every /api route needs a bearer token; /healthz and /metrics stay open', async () => {
    const session = await sessionOf(rig, 'alice', alicePassword);

    const none = await call(rig, {}, 'GET', '/api/stores');
    const unknown = await call(rig, { authorization: 'Bearer nope' }, 'GET', '/api/stores');
    const basic = await call(rig, { authorization: 'Basic YWxpY2U6eA==' }, 'GET', '/api/stores');
    for (const res of [none, unknown, basic]) {
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().code, 'UNAUTHORIZED');
    }
    for (const url of ['/api/audit', '/api/dead-letters', '/api/postings', '/api/session']) {
      assert.equal((await call(rig, {}, 'GET', url)).statusCode, 401, url);
    }
    assert.equal((await call(rig, session, 'GET', '/api/stores')).statusCode, 200);
    assert.equal((await call(rig, {}, 'GET', '/healthz')).statusCode, 200);
    assert.equal((await call(rig, {}, 'GET', '/metrics')).statusCode, 200);
  });

  test('GET /api/session names the operator behind the token', async () => {
    const session = await sessionOf(rig, 'alice', alicePassword);
    const res = await call(rig, session, 'GET', '/api/session');

    assert.equal(res.statusCode, 200);
    assert.equal(res.json().username, 'alice');
    assert.equal(res.json().role, 'operator');
    assert.match(res.headers['x-request-id'] as string, /^[0-9a-f]{8}-[0-9a-z]+$/);
  });

  test('logout ends that session only', async () => {
    const first = await sessionOf(rig, 'alice', alicePassword);
    const second = await sessionOf(rig, 'alice', alicePassword);

    const out = await call(rig, first, 'POST', '/api/logout');

    assert.equal(out.statusCode, 204);
    assert.equal((await call(rig, first, 'GET', '/api/stores')).statusCode, 401);
    assert.equal((await call(rig, first, 'POST', '/api/logout')).statusCode, 401);
    assert.equal((await call(rig, second, 'GET', '/api/stores')).statusCode, 200);
  });

  test('a session is refused once it has expired', async () => {
    const session = await sessionOf(rig, 'alice', alicePassword);

    rig.advance(SESSION_TTL_MS - 1);
    assert.equal((await call(rig, session, 'GET', '/api/stores')).statusCode, 200);
    rig.advance(1);
    assert.equal((await call(rig, session, 'GET', '/api/stores')).statusCode, 401);
  });

  test("a new password ends the operator's sessions", async () => {
    const password = addAccount(rig, 'erin', 'operator');
    const session = await sessionOf(rig, 'erin', password);

    const reset = addOperator(rig.dataDir, 'erin');

    assert.equal(reset.role, 'operator');
    assert.equal((await call(rig, session, 'GET', '/api/stores')).statusCode, 401);
    assert.equal((await login(rig, 'erin', password)).statusCode, 401);
    assert.equal((await login(rig, 'erin', reset.password)).statusCode, 200);
  });
});
