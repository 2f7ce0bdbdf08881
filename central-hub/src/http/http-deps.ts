import type { Logger } from 'pino';
import type { HubStore } from '../hub-store/hub-store.js';
import type { HubMetrics } from '../metrics/hub-metrics.js';

/** What the hub is missing to do its job; empty when healthy. */
export type HealthCheck = () => string[];

/** What the HTTP routes read from. */
export interface HttpDeps {
  store: HubStore;
  metrics: HubMetrics;
  health: HealthCheck;
  logger: Logger;
}
