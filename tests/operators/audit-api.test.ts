import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deadLetter, FakeDeadLetters } from './fake-dead-letters.js';
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

before(async () => {
  rig = await operatorRig({ deadLetters: new FakeDeadLetters([deadLetter(7), deadLetter(8)]) });
});
after(() => rig.close());

interface Entry {
  id: number;
  at: string;
  username: string | null;
  action: string;
  outcome: string;
  targetIds: number[];
  reason: string | null;
  requestId: string | null;
}

test('logins, failures, replay, discard, logout land in GET /api/audit, newest first', async () => {
  const password = addAccount(rig, 'olga', 'operator');
  const failed = await login(rig, 'olga', 'wrong-password');
  const session = await sessionOf(rig, 'olga', password);
  rig.advance(1000);
  await call(rig, session, 'POST', '/api/dead-letters/replay', { ids: [7] });
  const discard = { ids: [8], reason: 'duplicate of a manual ERP entry' };
  await call(rig, session, 'POST', '/api/dead-letters/discard', discard);
  const viewer = await sessionOf(rig, 'victor', addAccount(rig, 'victor', 'viewer'));
  await call(rig, session, 'POST', '/api/logout');

  const res = await call(rig, viewer, 'GET', '/api/audit');

  assert.equal(res.statusCode, 200);
  const entries = res.json().entries as Entry[];
  assert.deepEqual(
    entries.map((e) => [e.username, e.action, e.outcome]),
    [
      ['olga', 'logout', 'ok'],
      ['victor', 'login', 'ok'],
      [null, 'operator.save', 'ok'],
      ['olga', 'dead_letter.discard', 'ok'],
      ['olga', 'dead_letter.replay', 'ok'],
      ['olga', 'login', 'ok'],
      ['olga', 'login_failed', 'refused'],
      [null, 'operator.save', 'ok'],
    ],
  );
  const byAction = new Map(entries.map((e) => [e.action, e]));
  assert.equal(byAction.get('dead_letter.discard')?.reason, discard.reason);
  assert.deepEqual(byAction.get('dead_letter.replay')?.targetIds, [7]);
  assert.equal(byAction.get('dead_letter.replay')?.at, new Date(START + 1000).toISOString());
  assert.equal(byAction.get('login_failed')?.requestId, failed.headers['x-request-id']);
});

test('the audit log filters by action and pages with before', async () => {
  const viewer = await sessionOf(rig, 'victor', 'victor-password-long');

  const logins = await call(rig, viewer, 'GET', '/api/audit?action=login&limit=2');
  const [newest, older] = logins.json().entries as Entry[];
  const page = await call(rig, viewer, 'GET', `/api/audit?action=login&before=${older?.id}`);
  const bad = await call(rig, viewer, 'GET', '/api/audit?action=hack');

  assert.equal(logins.json().entries.length, 2);
  assert.ok((newest?.id ?? 0) > (older?.id ?? 0));
  assert.ok((page.json().entries as Entry[]).every((e) => e.id < (older?.id ?? 0)));
  assert.equal(page.json().entries.length, 1);
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].path, 'action');
});

test('audit entries cannot be edited or deleted', () => {
  assert.throws(
    () => rig.store.db.prepare("UPDATE audit_log SET username = 'nobody'").run(),
    /append-only/,
  );
  assert.throws(() => rig.store.db.prepare('DELETE FROM audit_log').run(), /append-only/);
});
