import type { Logger } from 'pino';
import type { HubStore } from '../hub-store/hub-store.js';
import type { HubMetrics } from '../metrics/hub-metrics.js';

/** What the ingest units share: the hub database, metrics, a logger and a clock. */
export interface IngestContext {
  store: HubStore;
  metrics: HubMetrics;
  logger: Logger;
  /** Injected so tests can fix receivedAt and ackedAt. */
  now: () => Date;
}
