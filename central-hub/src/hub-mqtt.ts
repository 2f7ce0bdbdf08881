import { StoresyncError } from '@storesync/protocol';
import { BrokerAccess } from './broker/broker-access.js';
import { type EmbeddedBroker, startEmbeddedBroker } from './broker/embedded-broker.js';
import type { HubConfig } from './config.js';
import { ensureHubCredentials } from './credentials/hub-credentials.js';
import { BatchIngest } from './ingest/batch-ingest.js';
import { HubMessageRouter } from './ingest/hub-message-router.js';
import type { IngestContext } from './ingest/ingest-context.js';
import { StatusIngest } from './ingest/status-ingest.js';
import { HubMqttLink } from './link/hub-mqtt-link.js';
import type { ShutdownStack } from './shutdown-stack.js';

export const DEFAULT_HUB_CLIENT_ID = 'storesync-hub';
const DEFAULT_MQTT_HOST = '0.0.0.0';
/** The embedded broker is in-process: not being subscribed by then is a fault. */
const EMBEDDED_READY_MS = 10_000;
/** An external broker may be down at start; the hub then starts degraded and keeps trying. */
const EXTERNAL_READY_MS = 5_000;

/** The hub's MQTT side: the embedded broker (if any) and the hub's own link. */
export interface HubMqtt {
  url: string;
  broker: EmbeddedBroker | null;
  link: HubMqttLink;
}

interface LinkLogin {
  url: string;
  username: string | null;
  password: string | null;
  broker: EmbeddedBroker | null;
}

async function embeddedLogin(
  config: HubConfig,
  context: IngestContext,
  shutdown: ShutdownStack,
): Promise<LinkLogin> {
  const { store, metrics, logger } = context;
  const hub = await ensureHubCredentials(store, config.dataDir);
  const hubClientId = config.mqttClientId ?? DEFAULT_HUB_CLIENT_ID;
  const access = new BrokerAccess({
    store,
    metrics,
    logger: logger.child({ component: 'broker' }),
    hubUsername: hub.mqttUsername,
    hubClientId,
  });

  const host = config.mqttHost ?? DEFAULT_MQTT_HOST;
  const broker = await startEmbeddedBroker({ port: config.mqttPort, host, access, logger });
  shutdown.push('embedded broker', () => broker.close());
  return { url: broker.url, username: hub.mqttUsername, password: hub.mqttPassword, broker };
}

/**
 * Starts the embedded broker when no external one is configured, then the
 * hub's link to whichever broker it is, with the ingest behind it.
 */
export async function startHubMqtt(
  config: HubConfig,
  context: IngestContext,
  shutdown: ShutdownStack,
): Promise<HubMqtt> {
  const login: LinkLogin =
    config.mqttUrl === null
      ? await embeddedLogin(config, context, shutdown)
      : {
          url: config.mqttUrl,
          username: config.mqttUsername,
          password: config.mqttPassword,
          broker: null,
        };

  const batches = new BatchIngest(context);
  const statuses = new StatusIngest(context);
  const router = new HubMessageRouter(context, batches, statuses, (topic, payload) =>
    link.publish(topic, payload),
  );
  const { url, username, password } = login;
  const link = new HubMqttLink(
    {
      url,
      username,
      password,
      clientId: config.mqttClientId ?? DEFAULT_HUB_CLIENT_ID,
      logger: context.logger.child({ component: 'mqtt-link' }),
    },
    (topic, payload) => router.handle(topic, payload),
  );
  shutdown.push('mqtt link', () => link.close());

  await waitForLink(link, login, context);
  return { url: login.url, broker: login.broker, link };
}

async function waitForLink(link: HubMqttLink, login: LinkLogin, context: IngestContext) {
  const embedded = login.broker !== null;
  const ready = await link.ready(embedded ? EMBEDDED_READY_MS : EXTERNAL_READY_MS);
  if (ready) return;

  if (embedded) {
    const message = `the hub could not subscribe on its own broker ${login.url}`;
    throw new StoresyncError('INTERNAL', message, { mqttUrl: login.url });
  }
  context.logger.warn({ url: login.url }, 'mqtt broker not reachable yet; retrying');
}
