import type { HubConfig, RunningHub } from './config.js';
import type { HealthCheck } from './http/http-deps.js';
import { startHttpServer } from './http/http-server.js';
import { type HubMqtt, startHubMqtt } from './hub-mqtt.js';
import { openHubStore } from './hub-store/hub-store.js';
import type { IngestContext } from './ingest/ingest-context.js';
import { createHubLogger } from './logger.js';
import { createHubMetrics } from './metrics/hub-metrics.js';
import { createOperatorAccess } from './operators/operator-access.js';
import { startPosting } from './posting/start-posting.js';
import { ShutdownStack } from './shutdown-stack.js';

function healthCheck(context: IngestContext, mqtt: HubMqtt): HealthCheck {
  return () => {
    const problems: string[] = [];
    if (!context.store.isOpen()) problems.push('hub.db is not open');
    if (mqtt.broker !== null && !mqtt.broker.listening()) {
      problems.push('the embedded MQTT broker is not listening');
    }
    if (!mqtt.link.connected) problems.push(`the hub is not subscribed on ${mqtt.url}`);
    return problems;
  };
}

/**
 * Starts the hub: hub.db, the embedded broker (unless `mqttUrl` names an
 * external one), the hub's MQTT link with the ingest, ERP posting (when
 * `erpUrl` is set; dead letters and the posting overview always), and the
 * HTTP API. Closing runs in reverse order, so the answers of ERP requests in
 * flight are recorded before hub.db closes. Logs
 * `hub listening` with the real `httpUrl` and `mqttUrl` once all of it is up.
 */
export async function startHub(config: HubConfig): Promise<RunningHub> {
  const logger = createHubLogger(config.logLevel);
  const store = openHubStore(config.dataDir);
  const shutdown = new ShutdownStack(logger);
  shutdown.push('hub.db', () => store.close());

  try {
    const metrics = createHubMetrics(store.stores);
    const context: IngestContext = { store, metrics, logger, now: () => new Date() };
    const mqtt = await startHubMqtt(config, context, shutdown);

    // ERP posting (with --erp-url), dead letters and the posting overview (always).
    const posting = startPosting(config, { store, metrics, logger });
    shutdown.push('erp posting', () => posting.close());

    const health = healthCheck(context, mqtt);
    // Console operators: logins, sessions and the audit log, in hub.db.
    const operators = createOperatorAccess(store.db);

    const { deadLetters, postings } = posting;
    const httpDeps = { store, metrics, health, logger, operators, deadLetters, postings };
    const http = await startHttpServer(httpDeps, config.httpPort, config.httpHost);
    shutdown.push('http', () => http.close());

    logger.info({ httpUrl: http.url, mqttUrl: mqtt.url }, 'hub listening');
    let closing: Promise<void> | null = null;
    const close = () => {
      closing ??= shutdown.closeAll().then(() => logger.info('hub stopped'));
      return closing;
    };
    return { httpUrl: http.url, mqttUrl: mqtt.url, close };
  } catch (err) {
    await shutdown.closeAll();
    throw err;
  }
}
