import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addAccount, login, type OperatorRig, operatorRig } from './operator-rig.js';

const POLICY = {
  freeFailures: 2,
  baseLockMs: 1000,
  maxLockMs: 4000,
  forgetAfterMs: 60_000,
  maxTracked: 100,
};

let rig: OperatorRig;
let password: string;

before(async () => {
  rig = await operatorRig({ throttle: POLICY });
  password = addAccount(rig, 'bob', 'operator');
});
after(() => rig.close());

test('failed logins past the free ones lock the username with a growing wait', async () => {
  for (let i = 0; i < 3; i++) assert.equal((await login(rig, 'bob', 'wrong')).statusCode, 401);

  // Locked for 1 s after the third failure: even the right password waits.
  const locked = await login(rig, 'bob', password);
  assert.equal(locked.statusCode, 429);
  assert.equal(locked.json().code, 'LOGIN_LOCKED');
  assert.equal(locked.headers['retry-after'], '1');

  rig.advance(1000);
  assert.equal((await login(rig, 'bob', 'wrong')).statusCode, 401);
  const longer = await login(rig, 'bob', password);
  assert.equal(longer.headers['retry-after'], '2');

  rig.advance(2000);
  assert.equal((await login(rig, 'bob', password)).statusCode, 200);
  // A success forgives: the next failure is a free one again.
  assert.equal((await login(rig, 'bob', 'wrong')).statusCode, 401);
  assert.equal((await login(rig, 'bob', password)).statusCode, 200);
});

test('an unknown username locks the same way, so a lockout reveals nothing', async () => {
  for (let i = 0; i < 3; i++) assert.equal((await login(rig, 'ghost', 'x')).statusCode, 401);

  assert.equal((await login(rig, 'ghost', 'x')).statusCode, 429);
  // Another username is not affected.
  assert.equal((await login(rig, 'bob', password)).statusCode, 200);
});
