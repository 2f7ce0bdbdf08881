import type { ErpPostingResult } from '../erp/erp-adapter.js';
import type { ErpError } from '../erp/erp-errors.js';
import { type BatchDocument, readDocuments, sendDocuments } from './batch-documents.js';
import type { PostingBatchRow } from './batch-table.js';
import { classifyFailure, failureCode, refusalOf } from './failure-class.js';
import type { PipelineParts } from './pipeline-parts.js';
import type { ErpFailureClass } from './posting-metrics.js';
import {
  type FaultyMember,
  isolate,
  membersNamed,
  unreadableFaults,
  wholeBatchFault,
} from './refusal-isolation.js';
import { retryDelayMs } from './retry-backoff.js';

/** Jitter added to a Retry-After, so batches told to wait together do not return together. */
const RETRY_AFTER_JITTER_MS = 250;

/**
 * One send of a batch already marked `sending`, and the durable record of its
 * outcome: posted, rescheduled, or isolated into dead letters and new batches.
 * Nothing is recorded once hub.db is closed: the batch then stays `sending`
 * and is resent with the same id after the restart.
 */
export class BatchAttempt {
  constructor(private readonly parts: PipelineParts) {}

  async run(batch: PostingBatchRow): Promise<void> {
    const { documents, unreadable } = readDocuments(this.parts.batches.members(batch.batchId));
    if (unreadable.length > 0) {
      this.parts.circuit.recordNeutral();
      const faulty = unreadableFaults(unreadable);
      const why = { code: 'UNREADABLE_DOCUMENT', message: 'stored event bodies do not parse' };
      this.isolateFaults(batch, documents, faulty, false, why);
      return;
    }

    const started = performance.now();
    let result: ErpPostingResult;
    try {
      result = await sendDocuments(this.parts.adapter, batch, documents);
    } catch (err) {
      this.failed(batch, documents, err, (performance.now() - started) / 1000);
      return;
    }
    this.posted(batch, documents.length, result, (performance.now() - started) / 1000);
  }

  private posted(
    batch: PostingBatchRow,
    count: number,
    result: ErpPostingResult,
    seconds: number,
  ): void {
    const { store, batches, metrics, circuit, rate, logger } = this.parts;
    if (!store.isOpen()) return;

    const now = this.parts.now();
    store.transaction(() =>
      batches.markPosted(batch.batchId, result.erpReference, result.replayed, now.toISOString()),
    );
    circuit.recordSuccess();
    rate.succeeded(now.getTime());
    metrics.allowedRate(rate.currentRate);
    metrics.requestFinished(batch.kind, 'posted', seconds);
    const latencySeconds = (now.getTime() - Date.parse(batch.oldestReceivedAt)) / 1000;
    metrics.batchPosted(batch.kind, count, latencySeconds, now.getTime());
    if (result.replayed) metrics.replayedAnswer();

    const { batchId, storeId, kind, attempts } = batch;
    const fields = {
      batchId,
      storeId,
      kind,
      documents: count,
      attempts,
      replayed: result.replayed,
    };
    logger.debug({ ...fields, erpReference: result.erpReference }, 'posting batch posted');
  }

  private failed(
    batch: PostingBatchRow,
    documents: BatchDocument[],
    err: unknown,
    seconds: number,
  ): void {
    if (!this.parts.store.isOpen()) return;

    const failureClass = classifyFailure(err);
    const code = failureCode(err);
    this.parts.metrics.erpError(failureClass, code);
    const refused = failureClass === 'documents' || failureClass === 'batch';
    this.parts.metrics.requestFinished(batch.kind, refused ? 'refused' : 'failed', seconds);

    if (refused) this.refused(batch, documents, err as ErpError, failureClass);
    else this.retryLater(batch, err, failureClass);
  }

  /** The ERP read the batch and refused it for good: isolate the documents at fault. */
  private refused(
    batch: PostingBatchRow,
    documents: BatchDocument[],
    err: ErpError,
    failureClass: ErpFailureClass,
  ): void {
    this.parts.circuit.recordSuccess();
    const why = refusalOf(err);
    if (failureClass === 'documents') {
      const named = membersNamed(err, documents);
      if (named.length > 0) {
        this.isolateFaults(batch, documents, named, false, why);
        return;
      }
    }

    const only = documents.length === 1 ? documents[0] : undefined;
    const faulty = only === undefined ? [] : [wholeBatchFault(err, only)];
    this.isolateFaults(batch, documents, faulty, true, why);
  }

  private isolateFaults(
    batch: PostingBatchRow,
    documents: BatchDocument[],
    faulty: FaultyMember[],
    halve: boolean,
    why: { code: string; message: string },
  ): void {
    const { store, batches, deadLetters, metrics, logger } = this.parts;
    const allEventIds = this.parts.batches.members(batch.batchId).map((m) => m.eventId);
    const now = this.parts.now().toISOString();
    const isolation = store.transaction(() =>
      isolate({ batches, deadLetters }, batch, { allEventIds, faulty, halve }, { ...why, now }),
    );

    const { batchId, storeId, kind } = batch;
    metrics.deadLettered(isolation.deadLetters.length);
    for (const letter of isolation.deadLetters) {
      const { eventId, documentId, code, reason } = letter;
      const fields = { batchId, storeId, kind, eventId, documentId, code, reason };
      logger.error(fields, 'erp refused a document; dead-lettered');
    }
    const children = isolation.childBatchIds;
    const fields = { batchId, storeId, kind, code: why.code, documents: documents.length };
    logger.info({ ...fields, childBatchIds: children }, 'posting batch refused and split');
  }

  /** Not posted, nothing to blame on the documents: resend later with the same id. */
  private retryLater(batch: PostingBatchRow, err: unknown, failureClass: ErpFailureClass): void {
    const nowMs = this.parts.now().getTime();
    const delayMs = this.delayFor(batch, err, failureClass, nowMs);
    const message = err instanceof Error ? err.message : String(err);
    const dueAt = new Date(nowMs + delayMs).toISOString();
    this.parts.batches.reschedule(batch.batchId, dueAt, failureCode(err), message);
    this.logRetry(batch, err, failureClass, delayMs);
  }

  /** Feeds the governors and says how long this batch waits. */
  private delayFor(
    batch: PostingBatchRow,
    err: unknown,
    failureClass: ErpFailureClass,
    nowMs: number,
  ): number {
    const { circuit, rate, metrics, options, random } = this.parts;
    const bounds = { baseMs: options.retryBaseMs, maxMs: options.retryMaxMs };
    if (failureClass === 'rate_limited') {
      const retryAfterMs = (err as ErpError).retryAfterMs;
      circuit.recordNeutral();
      rate.rateLimited(retryAfterMs, nowMs);
      metrics.allowedRate(rate.currentRate);
      return this.afterRetryAfter(retryAfterMs ?? 0);
    }
    if (failureClass === 'configuration') {
      circuit.openForConfiguration(options.authPauseMs, nowMs);
      metrics.configurationProblem(true);
      return 0;
    }
    if (failureClass !== 'transient') {
      circuit.recordNeutral();
      return retryDelayMs(batch.attempts, bounds, random);
    }
    // A 503 with Retry-After (maintenance, outage) says when to come back.
    const retryAfterMs = (err as ErpError).retryAfterMs;
    circuit.recordFailure(nowMs, retryAfterMs);
    if (retryAfterMs === undefined) return retryDelayMs(batch.attempts, bounds, random);
    return this.afterRetryAfter(retryAfterMs);
  }

  /** The ERP's Retry-After with jitter, within the longest retry delay. */
  private afterRetryAfter(retryAfterMs: number): number {
    const { options, random } = this.parts;
    const jitter = Math.round(random() * RETRY_AFTER_JITTER_MS);
    return Math.min(retryAfterMs + jitter, options.retryMaxMs);
  }

  private logRetry(
    batch: PostingBatchRow,
    err: unknown,
    failureClass: ErpFailureClass,
    delayMs: number,
  ): void {
    const { logger, rate } = this.parts;
    const { batchId, storeId, kind, attempts } = batch;
    const code = failureCode(err);
    const status = (err as { status?: unknown }).status ?? null;
    const fields = { batchId, storeId, kind, attempts, code, status, retryInMs: delayMs };
    if (failureClass === 'rate_limited') {
      logger.warn({ ...fields, allowedRate: rate.currentRate }, 'erp rate limited; slowing down');
    } else if (failureClass === 'configuration') {
      logger.error(fields, 'erp refused the hub configuration; posting paused');
    } else if (failureClass === 'unexpected') {
      logger.error({ ...fields, err }, 'posting batch send failed unexpectedly; retrying');
    } else {
      logger.debug(fields, 'erp send failed; retrying');
    }
  }
}
