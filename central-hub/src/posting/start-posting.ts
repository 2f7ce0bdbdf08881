import { StoresyncError } from '@storesync/protocol';
import type { Logger } from 'pino';
import type { HubConfig } from '../config.js';
import type { ErpAuth } from '../erp/erp-http-client.js';
import { createRestErpAdapter } from '../erp/rest-erp-adapter.js';
import type { HubStore } from '../hub-store/hub-store.js';
import type { HubMetrics } from '../metrics/hub-metrics.js';
import { createDeadLetterService, type DeadLetterService } from './dead-letter-service.js';
import { DeadLetterTable } from './dead-letter-table.js';
import { createPendingReader } from './pending-events.js';
import { createPostingMetrics, type PostingMetrics } from './posting-metrics.js';
import { postingOptionsOf } from './posting-options.js';
import { createPostingOverview, type PostingOverview } from './posting-overview.js';
import { PostingPipeline } from './posting-pipeline.js';

/** The hub's posting side: dead letters and the overview always, the pipeline with an ERP. */
export interface RunningPosting {
  deadLetters: DeadLetterService;
  postings: PostingOverview;
  /** Null when no ERP URL is configured: events then stay unposted. */
  pipeline: PostingPipeline | null;
  close(): Promise<void>;
}

/** The hub parts posting shares: hub.db, the hub's metrics registry, its logger. */
export interface PostingDeps {
  store: HubStore;
  metrics: HubMetrics;
  logger: Logger;
}

/** The ERP credentials of the hub's configuration: a bearer token, or basic auth. */
export function erpAuthOf(config: HubConfig): ErpAuth | undefined {
  const { erpToken, erpUsername, erpPassword } = config;
  if (erpToken && (erpUsername || erpPassword)) {
    const message = 'give either an ERP token or an ERP username and password, not both';
    throw new StoresyncError('VALIDATION_FAILED', message, { field: 'erpToken' });
  }
  if (erpToken) return { type: 'bearer', token: erpToken };
  if (!erpUsername && !erpPassword) return undefined;
  if (!erpUsername || !erpPassword) {
    const message = 'basic auth to the ERP needs both a username and a password';
    throw new StoresyncError('VALIDATION_FAILED', message, { field: 'erpUsername' });
  }
  return { type: 'basic', username: erpUsername, password: erpPassword };
}

function pipelineOf(
  config: HubConfig,
  deps: PostingDeps,
  metrics: PostingMetrics,
  batchSize: number,
): PostingPipeline | null {
  if (config.erpUrl === null) return null;

  const adapter = createRestErpAdapter({
    baseUrl: config.erpUrl,
    auth: erpAuthOf(config),
    timeoutMs: config.erpTimeoutMs,
  });
  const options = postingOptionsOf({
    batchSize,
    batchWindowMs: config.postingBatchWindowMs,
    concurrency: config.erpConcurrency,
    rateLimit: config.erpRateLimit,
    drainTimeoutMs: config.erpTimeoutMs,
  });
  const logger = deps.logger.child({ component: 'erp-posting' });
  return new PostingPipeline({ store: deps.store, adapter, metrics, logger, options });
}

/**
 * Starts ERP posting when `config.erpUrl` is set, and always provides the
 * dead-letter service and the overview for the HTTP API.
 */
export function startPosting(config: HubConfig, deps: PostingDeps): RunningPosting {
  const batchSize = postingOptionsOf({ batchSize: config.postingBatchSize }).batchSize;
  const letters = new DeadLetterTable(deps.store.db);
  const metrics = createPostingMetrics(deps.metrics.registry, {
    pending: createPendingReader(deps.store.db),
    openDeadLetters: () => letters.openCount(),
    now: () => new Date(),
  });
  const pipeline = pipelineOf(config, deps, metrics, batchSize);
  const deadLetters = createDeadLetterService({
    store: deps.store,
    logger: deps.logger.child({ component: 'dead-letters' }),
    batchSize,
    onReplay: () => pipeline?.poke(),
  });
  const postings = createPostingOverview({
    store: deps.store,
    status: () => pipeline?.status() ?? null,
  });

  if (pipeline === null) deps.logger.warn('no ERP URL configured; events stay unposted');
  pipeline?.start();
  return { deadLetters, postings, pipeline, close: async () => pipeline?.close() };
}
