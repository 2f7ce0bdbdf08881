import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoginThrottle } from '@storesync/central-hub';

const POLICY = {
  freeFailures: 1,
  baseLockMs: 100,
  maxLockMs: 300,
  forgetAfterMs: 1000,
  maxTracked: 3,
};

test('the lock doubles per failure up to the maximum', () => {
  const throttle = new LoginThrottle(POLICY);
  const waits: number[] = [];
  for (let i = 0; i < 5; i++) {
    throttle.failed('amy', 0);
    waits.push(throttle.waitMs('amy', 0));
  }
  assert.deepEqual(waits, [0, 100, 200, 300, 300]);
  assert.equal(throttle.waitMs('amy', 250), 50);
});

test('a username quiet for forgetAfterMs after its lock starts from zero', () => {
  const throttle = new LoginThrottle(POLICY);
  throttle.failed('amy', 0);
  throttle.failed('amy', 0);

  throttle.failed('amy', 100 + 999);
  assert.equal(throttle.waitMs('amy', 1099), 200);

  throttle.failed('ben', 0);
  throttle.failed('ben', 1100 + 1000);
  assert.equal(throttle.waitMs('ben', 2100), 0);
});

test('it remembers at most maxTracked usernames, dropping the least recently failed', () => {
  const throttle = new LoginThrottle(POLICY);
  for (const name of ['a', 'b', 'c']) {
    throttle.failed(name, 0);
    throttle.failed(name, 0);
  }
  throttle.failed('a', 0);
  throttle.failed('d', 0);
  throttle.failed('d', 0);

  assert.equal(throttle.waitMs('b', 0), 0);
  assert.ok(throttle.waitMs('a', 0) > 0);
  assert.ok(throttle.waitMs('c', 0) > 0);
  assert.ok(throttle.waitMs('d', 0) > 0);
});
