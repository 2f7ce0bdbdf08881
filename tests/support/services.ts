import { connect } from 'node:net';
import type { TestContext } from 'node:test';

/** Whether something accepts TCP connections at host:port. */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Tests against the machine's real Mosquitto or PostgreSQL: in CI a missing
 * service is a failure; on a developer's machine the test is skipped, saying why.
 */
export async function requireService(t: TestContext, name: string, port: number): Promise<boolean> {
  if (await isListening(port)) return true;

  const message = `${name} is not listening on 127.0.0.1:${port}`;
  if (process.env.CI) throw new Error(`${message} (CI needs it: see .ci/run)`);
  t.skip(`${message}; skipped outside CI`);
  return false;
}
