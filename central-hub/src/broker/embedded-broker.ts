import { type EventEmitter, once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import type { Logger } from 'pino';
import { displayHost } from '../display-host.js';
import type { BrokerAccess } from './broker-access.js';

/** The MQTT broker the hub runs in its own process when no external broker is configured. */
export interface EmbeddedBroker {
  /** Where stores connect, e.g. mqtt://127.0.0.1:1883 */
  readonly url: string;
  listening(): boolean;
  close(): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  access: BrokerAccess;
  logger: Logger;
}

/**
 * Starts Aedes (MQTT 3.1.1, QoS 1, persistent sessions kept in memory) on a TCP
 * port with the hub's authentication and ACL. Sessions and queued messages do
 * not survive a restart of the hub; stores resend what was not acked.
 */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const { access, logger } = options;
  const broker = await Aedes.createBroker({
    id: 'storesync-hub',
    authenticate: access.authenticate,
    authorizePublish: access.authorizePublish,
    authorizeSubscribe: access.authorizeSubscribe,
  });
  broker.on('clientDisconnect', (client) => access.released(client));
  broker.on('clientError', (client, err) => {
    logger.debug({ clientId: client.id, err: err.message }, 'mqtt client error');
  });
  broker.on('connectionError', (_client, err) => {
    logger.debug({ err: err.message }, 'mqtt connection error');
  });
  // Aedes emits 'error' for persistence faults; unhandled, it would end the process.
  (broker as EventEmitter).on('error', (err: Error) => logger.error({ err }, 'mqtt broker error'));

  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  server.listen(options.port, options.host);
  await once(server, 'listening');

  const { port } = server.address() as AddressInfo;
  return {
    url: `mqtt://${displayHost(options.host)}:${port}`,
    listening: () => server.listening && !broker.closed,
    close: async () => {
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await serverClosed;
    },
  };
}
