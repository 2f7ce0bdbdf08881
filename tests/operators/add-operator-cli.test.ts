import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import type { RunningHub } from '@storesync/central-hub';
import { loginOperator, startTestHub } from '../hub/hub-fixtures.js';
import { runCli } from '../support/child-process.js';
import { tempDir } from '../support/temp-dir.js';

const WAIT = { timeout: 30_000 };
const CLI = new URL('../../cli/bin/storesync.mjs', import.meta.url).pathname;

const dir = tempDir('add-operator-');
let hub: RunningHub;

before(async () => {
  hub = await startTestHub(dir.path);
});
after(async () => {
  await hub.close();
  dir.remove();
});

/** Runs `storesync <args>` with `input` on stdin; resolves with the exit code and output. */
async function runWithStdin(args: string[], input: string) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(input);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

function loginStatus(username: string, password: string): Promise<number> {
  return fetch(`${hub.httpUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).then((res) => res.status);
}

test('`hub add-operator` prints one JSON line whose password logs in', WAIT, async () => {
  const out = await runCli(['hub', 'add-operator', 'Olga', '--data-dir', dir.path]);

  const lines = out.split('\n').filter(Boolean);
  assert.equal(lines.length, 1);
  const created = JSON.parse(lines[0] ?? '');
  assert.deepEqual(Object.keys(created), ['username', 'role', 'password']);
  assert.equal(created.username, 'olga');
  assert.equal(created.role, 'operator');
  assert.match(created.password, /^[A-Za-z0-9_-]{32}$/);

  // The running hub sees the operator added by another process.
  const headers = await loginOperator(hub.httpUrl, 'olga', created.password);
  const session = await fetch(`${hub.httpUrl}/api/session`, { headers });
  assert.equal(session.status, 200);
  assert.equal(((await session.json()) as { role: string }).role, 'operator');
});

test('--role viewer works with the data dir from the environment', WAIT, async () => {
  const env = { STORESYNC_DATA_DIR: dir.path };
  const created = JSON.parse(await runCli(['hub', 'add-operator', 'vic', '--role', 'viewer'], env));

  assert.equal(created.role, 'viewer');
  assert.equal(await loginStatus('vic', created.password), 200);
});

test('--password-stdin takes the chosen password without its line break', WAIT, async () => {
  const args = ['hub', 'add-operator', 'pat', '--data-dir', dir.path, '--password-stdin'];
  const chosen = 'correct horse battery staple';

  const ok = await runWithStdin(args, `${chosen}\n`);

  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).password, chosen);
  assert.equal(await loginStatus('pat', chosen), 200);
});

test('a refused username exits non-zero naming the field and the code', WAIT, async () => {
  await assert.rejects(
    runCli(['hub', 'add-operator', 'a b', '--data-dir', dir.path]),
    /username: must be 1 to 64 letters.*VALIDATION_FAILED/,
  );
});
