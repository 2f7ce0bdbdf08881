import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  AuditLog,
  addOperator,
  type OperatorRole,
  OperatorTable,
  openHubStore,
} from '@storesync/central-hub';
import { StoresyncError } from '@storesync/protocol';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('add-operator-lib-');
after(() => dir.remove());

function refusedPath(work: () => unknown): string | undefined {
  try {
    work();
  } catch (err) {
    assert.ok(err instanceof StoresyncError);
    assert.equal(err.code, 'VALIDATION_FAILED');
    return (err.details.errors as Array<{ path: string }>)[0]?.path;
  }
  assert.fail('the input was accepted');
}

test('refuses a short chosen password, an unknown role and a bad username', () => {
  const role = 'admin' as OperatorRole;

  assert.equal(
    refusedPath(() => addOperator(dir.path, 'amy', { password: 'elevenchars' })),
    'password',
  );
  assert.equal(
    refusedPath(() => addOperator(dir.path, 'amy', { role })),
    'role',
  );
  assert.equal(
    refusedPath(() => addOperator(dir.path, '-amy')),
    'username',
  );
});

test('keeps the role on a new password unless one is given, and audits each save', () => {
  addOperator(dir.path, 'Kim', { role: 'viewer' });
  const reset = addOperator(dir.path, 'kim');
  const promoted = addOperator(dir.path, 'kim', { role: 'operator' });

  assert.equal(reset.role, 'viewer');
  assert.equal(promoted.role, 'operator');
  const store = openHubStore(dir.path);
  try {
    const account = new OperatorTable(store.db).get('kim');
    assert.equal(account?.role, 'operator');
    assert.match(account?.passwordHash ?? '', /^scrypt\$/);
    const saves = new AuditLog(store.db).list({ limit: 10, action: 'operator.save' });
    assert.deepEqual(
      saves.map((e) => [e.targetIds, e.detail?.created, e.detail?.role]),
      [
        [['kim'], false, 'operator'],
        [['kim'], false, 'viewer'],
        [['kim'], true, 'viewer'],
      ],
    );
  } finally {
    store.close();
  }
});
