import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { MqttClient } from 'mqtt';
import { runCli, startCli } from '../support/child-process.js';
import { tempDir } from '../support/temp-dir.js';
import { batchOf, connectStore, publishForAck, saleEvent, viewerSession } from './hub-fixtures.js';

/** A broken ACL or a lost ack shows as a failure, not a hang. */
const WAIT = { timeout: 20_000 };

const dir = tempDir('hub-cli-');
after(() => dir.remove());

test('`storesync hub add-store` prints one JSON line with the MQTT login', WAIT, async () => {
  const out = await runCli(['hub', 'add-store', 'S001', '--data-dir', dir.path, '--name', 'Down']);

  const lines = out.split('\n').filter(Boolean);
  assert.equal(lines.length, 1);
  const login = JSON.parse(lines[0] ?? '');
  assert.deepEqual(Object.keys(login), ['storeId', 'mqttUsername', 'mqttPassword']);
  assert.equal(login.storeId, 'S001');
  assert.equal(login.mqttUsername, 'S001');
  assert.match(login.mqttPassword, /^[A-Za-z0-9_-]{32}$/);

  await assert.rejects(
    runCli(['hub', 'add-store', 'S/2', '--data-dir', dir.path]),
    /VALIDATION_FAILED/,
  );
});

test('`storesync hub` logs its real ports and takes a store batch', WAIT, async () => {
  const env = { STORESYNC_DATA_DIR: dir.path };
  const { mqttPassword } = JSON.parse(await runCli(['hub', 'add-store', 'S003'], env));
  const args = ['hub', '--http-port', '0', '--mqtt-port', '0', '--mqtt-host', '127.0.0.1'];
  const hub = await startCli(args, 'hub listening', env);
  let client: MqttClient | undefined;
  try {
    const httpUrl = String(hub.ready.httpUrl);
    const mqttUrl = String(hub.ready.mqttUrl);
    assert.match(mqttUrl, /^mqtt:\/\/127\.0\.0\.1:\d+$/);

    client = await connectStore({ mqttUrl }, 'S003', mqttPassword);
    const ack = await publishForAck(client, 'S003', batchOf('S003', [saleEvent('S003', 1)]));
    assert.equal(ack.accepted.length, 1);

    const headers = await viewerSession(httpUrl, dir.path);
    const res = await fetch(`${httpUrl}/api/stores`, { headers });
    const { stores } = (await res.json()) as { stores: Array<{ storeId: string; name: string }> };
    assert.deepEqual(
      stores.map((s) => [s.storeId, s.name]),
      [
        ['S001', 'Down'],
        ['S003', null],
      ],
    );
  } finally {
    await client?.endAsync(true);
    await hub.stop();
  }
  assert.equal(hub.child.exitCode, 0);
});
