import type { StoreDb } from '@storesync/store-db';
import type { AgentConfig } from '../config.js';
import type { AgentLink } from '../link-contract.js';
import type { AgentMetrics } from '../metrics.js';
import type { TokenCheck } from './auth.js';

/** What the routes share: the store db, the optional hub link, metrics and auth. */
export interface AppContext {
  config: AgentConfig;
  db: StoreDb;
  link: AgentLink | null;
  metrics: AgentMetrics;
  tokenCheck: TokenCheck;
  /** When the agent started (ms since epoch), for the uptime in the status. */
  startedAt: number;
}
