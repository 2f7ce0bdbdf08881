import type { Logger } from 'pino';
import type { ErpAdapter } from '../erp/erp-adapter.js';
import type { HubStore } from '../hub-store/hub-store.js';
import type { AdaptiveRate } from './adaptive-rate.js';
import type { PostingBatchTable } from './batch-table.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { DeadLetterTable } from './dead-letter-table.js';
import type { PostingMetrics } from './posting-metrics.js';
import type { PostingOptions } from './posting-options.js';

/** What the pipeline's units share: hub.db tables, the ERP, the governors, logs and a clock. */
export interface PipelineParts {
  store: HubStore;
  batches: PostingBatchTable;
  deadLetters: DeadLetterTable;
  adapter: ErpAdapter;
  circuit: CircuitBreaker;
  rate: AdaptiveRate;
  metrics: PostingMetrics;
  logger: Logger;
  options: PostingOptions;
  now: () => Date;
  /** Source of the retry jitter; injectable so tests can pin it. */
  random: () => number;
}
