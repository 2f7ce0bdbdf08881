import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { tempDir } from '../support/temp-dir.js';

const CLI = new URL('../../cli/bin/storesync.mjs', import.meta.url).pathname;

test('storesync demo books the tills sales in the ERP sandbox and stops cleanly', {
  timeout: 120_000,
}, async () => {
  const dir = tempDir('storesync-e2e-demo-');
  const args = ['demo', '--data-dir', dir.path, '--hub-port', '0', '--erp-port', '0'];
  const demo = spawn(process.execPath, [CLI, ...args, '--agent-port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  try {
    let listed = 0;
    const booked = await new Promise<number>((resolve, reject) => {
      demo.once('exit', (code) => reject(new Error(`demo exited ${code}`)));
      createInterface({ input: demo.stdout }).on('line', (line) => {
        if (/^ {2}store S00\d/.test(line)) listed += 1;
        const match = /booked in ERP (\d+)/.exec(line);
        if (match && Number(match[1]) > 0) resolve(Number(match[1]));
      });
    });

    assert.equal(listed, 3, 'the demo lists its three stores');
    assert.ok(booked > 0);
  } finally {
    if (demo.exitCode === null) {
      const exited = once(demo, 'exit');
      demo.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      assert.equal(code, 0, 'SIGTERM shuts the demo down gracefully');
    }
    dir.remove();
  }
});
