import type { HubStore } from '../hub-store/hub-store.js';
import { PostingBatchTable } from './batch-table.js';
import type { CircuitState } from './circuit-breaker.js';
import { DeadLetterTable } from './dead-letter-table.js';
import { createPendingReader } from './pending-events.js';
import type { PipelineStatus } from './posting-pipeline.js';

/** One posting batch as `GET /api/postings` lists it. */
export interface RecentBatch {
  batchId: string;
  storeId: string;
  kind: string;
  businessDate: string;
  size: number;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  postedAt: string | null;
}

/** The posting pipeline at a glance. */
export interface PostingSummary {
  /** Events accepted and not yet posted, by posting kind (sales, inventory, day_close). */
  queueDepthByKind: Record<string, number>;
  /** Age at the hub of the oldest of them; null when none waits. */
  oldestUnpostedAgeMs: number | null;
  /** `closed` also when no ERP is configured. */
  circuit: 'closed' | 'open' | 'half_open';
  /** Sales, returns and voids posted per second over the last ten seconds. */
  currentRatePerSecond: number;
  /** Sales, returns and voids posted since hub.db was created. */
  postedTransactions: number;
  openDeadLetters: number;
}

/** What `GET /api/postings` reads. */
export interface PostingOverview {
  summary(): PostingSummary;
  /** Newest first; default 50. */
  recentBatches(limit?: number): RecentBatch[];
}

/** What the overview reads: hub.db and the running pipeline, if any. */
export interface PostingOverviewDeps {
  store: HubStore;
  /** The running pipeline's governors; null when no ERP is configured. */
  status: () => PipelineStatus | null;
  now?: () => Date;
}

const MAX_RECENT = 1000;

/** The console's view of posting, read from hub.db and the running pipeline. */
export function createPostingOverview(deps: PostingOverviewDeps): PostingOverview {
  const now = deps.now ?? (() => new Date());
  const pending = createPendingReader(deps.store.db);
  const batches = new PostingBatchTable(deps.store.db);
  const deadLetters = new DeadLetterTable(deps.store.db);
  const posted = deps.store.db
    .prepare(`
      SELECT COALESCE(SUM(size), 0) FROM posting_batches
      WHERE state = 'posted' AND kind = 'sales'`)
    .pluck();

  return {
    summary() {
      const backlog = pending();
      const status = deps.status();
      const oldest = backlog.oldestReceivedAt;
      const circuit: CircuitState = status?.circuit ?? 'closed';
      return {
        queueDepthByKind: { ...backlog.depthByKind },
        oldestUnpostedAgeMs:
          oldest === null ? null : Math.max(0, now().getTime() - Date.parse(oldest)),
        circuit,
        currentRatePerSecond: status?.postedPerSecond ?? 0,
        postedTransactions: posted.get() as number,
        openDeadLetters: deadLetters.openCount(),
      };
    },
    recentBatches(limit = 50) {
      const rows = batches.recent(Math.max(1, Math.min(limit, MAX_RECENT)));
      return rows.map((row) => ({
        batchId: row.batchId,
        storeId: row.storeId,
        kind: row.kind,
        businessDate: row.businessDate,
        size: row.size,
        state: row.state,
        attempts: row.attempts,
        lastError: row.lastError,
        createdAt: row.createdAt,
        postedAt: row.postedAt,
      }));
    },
  };
}
