export { AdaptiveRate } from './adaptive-rate.js';
export {
  type BatchOrigin,
  type NewBatch,
  newBatchId,
  type PostingBatchRow,
  type PostingBatchState,
  PostingBatchTable,
} from './batch-table.js';
export {
  CircuitBreaker,
  type CircuitChange,
  type CircuitOptions,
  type CircuitState,
} from './circuit-breaker.js';
export {
  createDeadLetterService,
  type DeadLetterService,
  type DeadLetterServiceOptions,
  type DeadLetterState,
  type DeadLetterView,
} from './dead-letter-service.js';
export { classifyFailure } from './failure-class.js';
export { createPendingReader, type PendingEvents } from './pending-events.js';
export { POSTING_KINDS, type PostingKind, postingKindOf } from './posting-kind.js';
export {
  createPostingMetrics,
  type ErpFailureClass,
  type PostingMetrics,
} from './posting-metrics.js';
export {
  DEFAULT_POSTING_OPTIONS,
  MAX_BATCH_SIZE,
  type PostingOptions,
  postingOptionsOf,
} from './posting-options.js';
export {
  createPostingOverview,
  type PostingOverview,
  type PostingSummary,
  type RecentBatch,
} from './posting-overview.js';
export {
  type PipelineStatus,
  PostingPipeline,
  type PostingPipelineDeps,
} from './posting-pipeline.js';
export { retryDelayMs } from './retry-backoff.js';
export { erpAuthOf, type RunningPosting, startPosting } from './start-posting.js';
