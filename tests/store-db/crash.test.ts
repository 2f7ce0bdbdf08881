import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStoreDb } from '@storesync/store-db';
import { readCommitted, tempDir } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/capture-burst.ts', import.meta.url));
const CONFIRMED_BEFORE_KILL = 600;
const DEADLINE_MS = 20_000;

/** Runs the burst child and SIGKILLs it once enough captures were confirmed. */
async function confirmedBeforeKill(path: string): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, path], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const confirmed: string[] = [];
  const deadline = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);

  for await (const line of createInterface({ input: child.stdout })) {
    confirmed.push(line);
    if (confirmed.length === CONFIRMED_BEFORE_KILL) child.kill('SIGKILL');
  }
  clearTimeout(deadline);
  return confirmed;
}

describe('a crash during a burst of captures', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  it('keeps every capture whose promise resolved, with a gapless outbox', async () => {
    const path = join(dir, 'store.db');
    const confirmed = await confirmedBeforeKill(path);
    assert.ok(confirmed.length >= CONFIRMED_BEFORE_KILL, 'the child confirmed enough captures');

    const db = openStoreDb({ path, storeId: 'S001' });
    await db.close();
    const stored = new Set(
      readCommitted<{ id: string }>(path, 'SELECT transaction_id AS id FROM transactions').map(
        (r) => r.id,
      ),
    );
    const missing = confirmed.filter((id) => !stored.has(id));
    assert.deepEqual(missing, []);

    const [seqs] = readCommitted<{ n: number; max: number }>(
      path,
      'SELECT COUNT(*) AS n, MAX(seq) AS max FROM outbox',
    );
    assert.equal(seqs?.n, stored.size);
    assert.equal(seqs?.max, stored.size);
  });
});
