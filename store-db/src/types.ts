import type {
  BatchAck,
  DayClose,
  EventClass,
  EventKind,
  InventoryAdjustment,
  PosTransaction,
  Rejection,
  ReviewFlag,
} from '@storesync/protocol';

/** One thing a till or a back-office user asks the store to record. */
export type CaptureRequest =
  | { kind: 'transaction'; transaction: PosTransaction; correlationId: string }
  | { kind: 'inventory_adjustment'; adjustment: InventoryAdjustment; correlationId: string }
  | { kind: 'day_close'; dayClose: DayClose; correlationId: string };

export interface CaptureOutcome {
  /** `duplicate` when the business id (transactionId, adjustmentId, businessDate) was seen. */
  status: 'created' | 'duplicate';
  eventId: string;
  seq: number;
  reviewFlags: ReviewFlag[];
}

/** An outbox row as the drain sees it; `envelope` is the serialized EventEnvelope JSON. */
export interface OutboxEvent {
  eventId: string;
  seq: number;
  class: EventClass;
  kind: EventKind;
  envelope: string;
  bytes: number;
  attempts: number;
  createdAt: number;
}

export interface ClassBacklog {
  depth: number;
  oldestAgeMs: number | null;
}

export interface RejectedEvent extends Rejection {
  seq: number;
  kind: EventKind;
  rejectedAt: string;
}

export interface QuarantineEntry {
  id: number;
  source: string;
  reason: string;
  rawBody: string;
  receivedAt: string;
}

export interface PriceEntry {
  sku: string;
  price: number;
  currency: string;
  description: string | null;
  version: number;
}

export type BatchAckOutcome = Pick<BatchAck, 'accepted' | 'rejected'>;

export interface StoreDbOptions {
  /** SQLite file; its folder is created if missing. */
  path: string;
  storeId: string;
  /** Injected clock (ms since epoch) so backoff and ages are testable. */
  now?: () => number;
  /** Upper bound of captures that share one group commit. Default 512. */
  maxGroupSize?: number;
  /** Injected randomness in [0, 1) for the retry jitter, so backoff is testable. */
  random?: () => number;
  /**
   * Test only: caps the file at this many pages (`PRAGMA max_page_count`) so that
   * a test can fill the "disk" for real and see `StoreDiskFullError`.
   */
  maxPageCount?: number;
}

export interface ClaimOptions {
  maxEvents: number;
  maxBytes: number;
  /** Only this class; omitted means the highest class that has due events. */
  class?: EventClass;
}

/**
 * The store database: the only writer of the store's SQLite file.
 * Every method is synchronous except capture, which waits for its group commit.
 */
export interface StoreDb {
  readonly storeId: string;

  /** Records one request and its outbox event atomically; resolves after the durable commit. */
  capture(request: CaptureRequest): Promise<CaptureOutcome>;
  /** Several requests (a till's array post) in the same group commit, results in order. */
  captureMany(requests: CaptureRequest[]): Promise<CaptureOutcome[]>;

  /** Pending events that are due, highest class first then seq; marks them in flight. */
  claimBatch(options: ClaimOptions): OutboxEvent[];
  /** The hub committed these: they leave the queue (kept until pruned). */
  markAcked(eventIds: readonly string[]): number;
  /** The hub refused these for good: they leave the queue and show as problems. */
  markRejected(rejections: readonly Rejection[]): number;
  /** No ack came in time: back to pending, due after exponential backoff with jitter. */
  releaseForRetry(eventIds: readonly string[]): void;
  /** After a restart or reconnect nothing is in flight any more: all back to pending, due now. */
  resetInFlight(): number;

  backlog(): Record<EventClass, ClassBacklog>;
  problems(limit?: number): RejectedEvent[];
  /** Captured transactions flagged for review (totals that do not add up, unlinked returns). */
  reviewItems(limit?: number): Array<{ transactionId: string; flags: ReviewFlag[]; at: string }>;
  lastAckAt(): string | null;

  /** Keeps input that could not be accepted where an operator can see it. */
  quarantine(entry: { source: string; reason: string; rawBody: string }): number;
  listQuarantine(limit?: number): QuarantineEntry[];

  getPrice(sku: string): PriceEntry | null;
  /** Applies a price book; a version not newer than the stored one is ignored (returns false). */
  applyPriceBook(book: {
    version: number;
    currency: string;
    snapshot: boolean;
    items: Array<{ sku: string; price: number; description?: string | null }>;
  }): boolean;
  priceBookVersion(): number | null;

  /**
   * Deletes acked and rejected events older than the retention, and telemetry still
   * pending that old (telemetry may expire); returns the count. `maxRows` (added,
   * optional) caps one call so a big prune can run in slices.
   */
  pruneAcked(retentionMs: number, maxRows?: number): number;
  close(): Promise<void>;
}

/** Body of a telemetry heartbeat event (protocol `heartbeatBody`). */
export interface HeartbeatBody {
  agentVersion: string;
  uptimeSeconds: number;
}

/** Counters of the group commit since open; `captures` counts committed requests. */
export interface StoreDbStats {
  commits: number;
  captures: number;
}

/** The durability settings as the open connection reads them back. */
export interface DurabilitySettings {
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
  busyTimeoutMs: number;
}

/**
 * What `openStoreDb` returns: the `StoreDb` contract plus telemetry capture and
 * introspection that the agent's status and the tests use.
 */
export interface OpenedStoreDb extends StoreDb {
  /** Queues a heartbeat as a telemetry-class event (may expire, see `pruneAcked`). */
  captureHeartbeat(heartbeat: HeartbeatBody, correlationId: string): Promise<CaptureOutcome>;
  stats(): StoreDbStats;
  durability(): DurabilitySettings;
}
