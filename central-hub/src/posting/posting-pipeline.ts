import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { ErpAdapter } from '../erp/erp-adapter.js';
import type { HubStore } from '../hub-store/hub-store.js';
import { AdaptiveRate } from './adaptive-rate.js';
import { BatchAttempt } from './batch-attempt.js';
import { BatchCutter } from './batch-cutter.js';
import { BatchPicker } from './batch-picker.js';
import { PostingBatchTable } from './batch-table.js';
import { CircuitBreaker, type CircuitChange, type CircuitState } from './circuit-breaker.js';
import { DeadLetterTable } from './dead-letter-table.js';
import type { PipelineParts } from './pipeline-parts.js';
import type { PostingMetrics } from './posting-metrics.js';
import { type PostingOptions, postingOptionsOf } from './posting-options.js';

/** What the pipeline runs on; `now` and `random` are injectable for tests. */
export interface PostingPipelineDeps {
  store: HubStore;
  adapter: ErpAdapter;
  metrics: PostingMetrics;
  logger: Logger;
  options?: Partial<PostingOptions>;
  now?: () => Date;
  random?: () => number;
}

/** What the pipeline governs now, for the console. */
export interface PipelineStatus {
  circuit: CircuitState;
  /** Requests per second the adaptive rate allows now. */
  allowedRate: number;
  /** Sales, returns and voids posted per second over the last ten seconds. */
  postedPerSecond: number;
}

/** p-queue wants a whole number of runs per interval: 2.5 req/s becomes 5 per 2 s. */
function queueOf(options: PostingOptions): PQueue {
  const intervalCap = Math.max(1, Math.round(options.rateLimit));
  const interval = Math.max(1, Math.round((1000 * intervalCap) / options.rateLimit));
  return new PQueue({ concurrency: options.concurrency, intervalCap, interval, strict: true });
}

function partsOf(
  deps: PostingPipelineDeps,
  options: PostingOptions,
  onCircuitChange: (change: CircuitChange) => void,
): PipelineParts {
  const now = deps.now ?? (() => new Date());
  const circuitOptions = {
    failureThreshold: options.failureThreshold,
    cooldownMs: options.circuitCooldownMs,
    maxCooldownMs: options.circuitMaxCooldownMs,
  };
  return {
    store: deps.store,
    batches: new PostingBatchTable(deps.store.db),
    deadLetters: new DeadLetterTable(deps.store.db),
    adapter: deps.adapter,
    circuit: new CircuitBreaker(circuitOptions, onCircuitChange),
    rate: new AdaptiveRate(options.rateLimit, now().getTime()),
    metrics: deps.metrics,
    logger: deps.logger,
    options,
    now,
    random: deps.random ?? Math.random,
  };
}

/**
 * The ERP posting pipeline: cuts ingested events into batches, then sends
 * ready batches one request each, as the governors allow: p-queue caps the
 * requests in flight and their rate; the adaptive rate slows down on 429;
 * the circuit breaker stops sending while the ERP fails. Every state change
 * of a batch is written to hub.db before the next step, so a restart goes on
 * where the last process stopped, resending unanswered batches with their ids.
 */
export class PostingPipeline {
  private readonly parts: PipelineParts;
  private readonly cutter: BatchCutter;
  private readonly picker: BatchPicker;
  private readonly attempt: BatchAttempt;
  private readonly queue: PQueue;
  private ticker: NodeJS.Timeout | null = null;
  private wake: NodeJS.Timeout | null = null;
  private running = false;

  constructor(deps: PostingPipelineDeps) {
    const options = postingOptionsOf(deps.options);
    this.parts = partsOf(deps, options, (change) => this.circuitChanged(change));
    const { batchSize, batchWindowMs, cutChunk: chunk } = options;
    this.cutter = new BatchCutter(deps.store, this.parts.batches, {
      batchSize,
      batchWindowMs,
      chunk,
    });
    this.picker = new BatchPicker(deps.store.db);
    this.attempt = new BatchAttempt(this.parts);
    this.queue = queueOf(options);
  }

  /** Starts posting; batches a previous process left `sending` are resent with their ids. */
  start(): void {
    if (this.running) return;
    this.running = true;

    const { batches, metrics, logger, options, rate } = this.parts;
    const resent = batches.resetSending(this.parts.now().toISOString());
    if (resent > 0) logger.warn({ batches: resent }, 'posting batches left sending are resent');
    metrics.circuit('closed');
    metrics.allowedRate(rate.currentRate);
    metrics.configurationProblem(false);

    this.ticker = setInterval(() => this.tick(), options.tickMs);
    logger.info(
      { batchSize: options.batchSize, concurrency: options.concurrency, rate: options.rateLimit },
      'erp posting started',
    );
    this.tick();
  }

  /** Looks for work now (after a replay, or in tests) instead of at the next tick. */
  poke(): void {
    if (this.running) setImmediate(() => this.tick());
  }

  status(): PipelineStatus {
    const nowMs = this.parts.now().getTime();
    return {
      circuit: this.parts.circuit.state(nowMs),
      allowedRate: this.parts.rate.currentRate,
      postedPerSecond: this.parts.metrics.postedPerSecond(nowMs),
    };
  }

  /**
   * Stops sending and waits (up to drainTimeoutMs) for the answers of
   * requests in flight, so they are recorded; any still out then are resent
   * with the same ids after the next start.
   */
  async close(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.ticker) clearInterval(this.ticker);
    if (this.wake) clearTimeout(this.wake);
    this.queue.clear();

    const timeout = new Promise((resolve) => {
      setTimeout(resolve, this.parts.options.drainTimeoutMs).unref();
    });
    await Promise.race([this.queue.onIdle(), timeout]);
    this.parts.logger.info('erp posting stopped');
  }

  /** Cuts new events into batches, then sends what is due. */
  private tick(): void {
    this.guarded(() => {
      this.cutter.cut(this.parts.now());
      this.pump();
    });
  }

  /** One pass of work; a failure (hub.db I/O) is logged and the next pass tries again. */
  private guarded(work: () => void): void {
    if (!this.running || !this.parts.store.isOpen()) return;
    try {
      work();
    } catch (err) {
      this.parts.logger.error({ err }, 'posting pipeline pass failed');
    }
  }

  /** Sends due batches while a slot, a rate token and the circuit allow. */
  private pump(): void {
    const { circuit, rate, options } = this.parts;
    while (this.running && this.queue.pending + this.queue.size < options.concurrency) {
      const nowMs = this.parts.now().getTime();
      const tokenAt = rate.nextTokenAtMs(nowMs);
      if (tokenAt > nowMs) {
        this.wakeAt(tokenAt);
        return;
      }

      const picked = this.picker.pick(new Date(nowMs).toISOString());
      if (picked === null || !circuit.tryAcquire(nowMs)) return;

      rate.tryTake(nowMs);
      this.dispatch(picked.batchId, nowMs);
    }
  }

  private dispatch(batchId: string, nowMs: number): void {
    const { store, batches, logger } = this.parts;
    const marked = store.transaction(() =>
      batches.markSending(batchId, new Date(nowMs).toISOString()),
    );
    const batch = marked ? batches.get(batchId) : null;
    if (batch === null) return;

    this.queue
      .add(() => this.attempt.run(batch))
      .catch((err: unknown) => {
        const { storeId, kind } = batch;
        logger.error({ err, batchId, storeId, kind }, 'posting batch attempt failed');
      })
      .finally(() => this.guarded(() => this.pump()));
  }

  private wakeAt(atMs: number): void {
    if (this.wake) clearTimeout(this.wake);
    const delay = Math.max(1, atMs - this.parts.now().getTime());
    this.wake = setTimeout(() => {
      this.wake = null;
      this.guarded(() => this.pump());
    }, delay);
    this.wake.unref();
  }

  private circuitChanged(change: CircuitChange): void {
    const { metrics, logger } = this.parts;
    metrics.circuit(change.to);
    const retryAt = change.retryAtMs === null ? null : new Date(change.retryAtMs).toISOString();
    const fields = { from: change.from, to: change.to, reason: change.reason, retryAt };
    if (change.to === 'open') logger.warn(fields, 'erp circuit open; posting paused');
    else logger.info(fields, 'erp circuit changed');
    if (change.to === 'closed') this.resumeAll();
  }

  /** The ERP is back: batches waiting out their backoff go now, paced by the rate. */
  private resumeAll(): void {
    const { store, batches, metrics, logger } = this.parts;
    metrics.configurationProblem(false);
    if (!store.isOpen()) return;

    const resumed = batches.makeAllDue(this.parts.now().toISOString());
    if (resumed > 0) logger.info({ batches: resumed }, 'erp back; waiting batches resume');
  }
}
