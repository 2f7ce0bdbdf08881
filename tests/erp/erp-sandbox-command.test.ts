import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { getJson } from './erp-fixtures.js';

const BIN = join(import.meta.dirname, '..', '..', 'cli', 'bin', 'storesync.mjs');

/** Starts `storesync erp-sandbox` and resolves with the URL it logs. */
function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, 'erp-sandbox', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });

  const listening = new Promise<{ url: string; seed: number }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg: string; url: string; seed: number };
      if (entry.msg === 'erp sandbox listening') resolve(entry);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
  });
  // A child that exits early is asserted through its exit code, not this promise.
  listening.catch(() => {});
  return { child, listening, stderr: () => stderr };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('storesync erp-sandbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sandbox-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('starts from flags, env and config file, logs its URL and stops on SIGTERM', async () => {
    const config = join(dir, 'sandbox.json');
    writeFileSync(config, JSON.stringify({ rateLimit: 4, hangRate: 0.25 }));
    const cli = startCli(
      ['--port', '0', '--seed', '7', '--error-rate', '0.1', '--config', config],
      {
        STORESYNC_LATENCY_MS: '3',
        STORESYNC_OUTAGE: '600000:1000',
      },
    );

    const { url, seed } = await cli.listening;
    const settings = (await getJson(`${url}/_sandbox/config`)).body;
    const exited = exitOf(cli.child);
    cli.child.kill('SIGTERM');

    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(seed, 7);
    assert.equal(settings.latencyMs, 3);
    assert.equal(settings.errorRate, 0.1);
    assert.equal(settings.rateLimit, 4);
    assert.equal(settings.hangRate, 0.25);
    assert.equal(settings.outages.length, 1);
    assert.equal(await exited, 0);
  });

  it('refuses settings out of range, naming the option', async () => {
    const cli = startCli(['--port', '0', '--error-rate', '3']);

    const code = await exitOf(cli.child);

    assert.notEqual(code, 0);
    assert.match(cli.stderr(), /errorRate must be a number from 0 to 1/);
  });
});
