import type { Logger } from 'pino';
import type { HubStore } from '../hub-store/hub-store.js';
import type { HubMetrics } from '../metrics/hub-metrics.js';
import type { OperatorAccess } from '../operators/operator-access.js';
import type { DeadLetterService } from '../posting/dead-letter-service.js';
import type { PostingOverview } from '../posting/posting-overview.js';

/** What the hub is missing to do its job; empty when healthy. */
export type HealthCheck = () => string[];

/** What the HTTP routes read from. */
export interface HttpDeps {
  store: HubStore;
  metrics: HubMetrics;
  health: HealthCheck;
  logger: Logger;
  /** Operator logins, sessions and the audit log: every /api route but login needs a session. */
  operators: OperatorAccess;
  /** Dead letters of the ERP posting pipeline; absent without --erp-url (routes answer 503). */
  deadLetters?: DeadLetterService;
  /** Queue, circuit and batches of the ERP posting pipeline; absent without --erp-url. */
  postings?: PostingOverview;
}
